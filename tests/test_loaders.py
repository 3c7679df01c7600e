"""assistant.loaders: every supported format yields its text; every bad input is one clear LoadError.

The documents are built at test time by tests/fixtures_docs.py (python-docx, reportlab), so no
binary fixtures live in the repository.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import fixtures_docs as fx
import pytest

from assistant.cleaning import clean_text
from assistant.errors import LoadError
from assistant.loaders import load_file


def load_error(path: Path) -> str:
    """load_file(path) must raise LoadError (no other type) with a one-line message naming the file."""
    with pytest.raises(LoadError) as info:
        load_file(path)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message, message
    assert path.name in message, message
    return message


def positions(text: str, needles: list[str]) -> list[int]:
    found = [text.find(n) for n in needles]
    assert -1 not in found, [n for n, i in zip(needles, found, strict=True) if i == -1]
    return found


# --- formats that load ---------------------------------------------------------------------------


def test_docx_paragraphs_and_table_cells_in_body_order(tmp_path: Path) -> None:
    text = load_file(fx.build_docx(tmp_path))
    rows = ["\t".join(row) for row in fx.DOCX_TABLE]  # one line per row, cells tab-separated
    found = positions(text, [fx.DOCX_TITLE, *fx.DOCX_PARAGRAPHS, *rows, fx.DOCX_AFTER_TABLE])
    assert found == sorted(found), "the table must sit between the paragraphs around it"
    assert "\n".join(rows) in text.split("\n\n"), "the table is one block of row lines"
    for cell in (cell for row in fx.DOCX_TABLE for cell in row):
        assert cell in text


def test_docx_paragraphs_are_blank_line_blocks(tmp_path: Path) -> None:
    blocks = load_file(fx.build_docx(tmp_path)).split("\n\n")
    assert blocks[: 1 + len(fx.DOCX_PARAGRAPHS)] == [fx.DOCX_TITLE, *fx.DOCX_PARAGRAPHS]


def test_docx_merged_cell_is_not_repeated(tmp_path: Path) -> None:
    text = load_file(fx.docx_with_merged_header(tmp_path))
    assert text == "申报条件汇总表\n" + "\t".join(fx.DOCX_TABLE[1])


def test_pdf_cid_font_text_is_extracted_from_both_pages(tmp_path: Path) -> None:
    text = load_file(fx.build_pdf(tmp_path))
    found = positions(text, [fx.PDF_TITLE, *fx.PDF_PAGE1, *fx.PDF_PAGE2])
    assert found == sorted(found)


def test_pdf_paragraph_split_by_page_break_is_rejoined_after_cleaning(tmp_path: Path) -> None:
    raw = load_file(fx.build_pdf(tmp_path))
    assert "运营和财务状况良好" not in raw  # the page break really splits it in the raw text
    cleaned = clean_text(raw)
    assert "运营和财务状况良好" in cleaned.text
    assert fx.PDF_JOINED in cleaned.text.splitlines()
    assert cleaned.normalised.get("page_break_rejoins") == 1
    # The headings on either side stay their own lines.
    assert "一、申报条件" in cleaned.text.splitlines()
    assert "二、申报材料" in cleaned.text.splitlines()


def test_html_keeps_the_article_and_drops_script_nav_and_footer(tmp_path: Path) -> None:
    text = load_file(fx.build_html(tmp_path))
    found = positions(text, list(fx.HTML_ARTICLE))
    assert found == sorted(found)
    for chrome in ("网站首页", "政务公开", "trackVisit", "统计代码", "function", "color: red", "版权所有"):
        assert chrome not in text
    # The back-to-top link lies outside the article: the extractors leave it out.
    assert "返回顶部" not in text
    cleaned = clean_text(text)
    assert all(line in cleaned.text.splitlines() for line in fx.HTML_ARTICLE)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notice.txt", "一、申报条件\n\n申报单位应在山西省境内注册。\n"),
        ("notice.md", "## 一、申报条件\n\n- 申报单位应在山西省境内注册。\n"),
        ("NOTICE.TXT", "一、申报条件\n\n申报单位应在山西省境内注册。\n"),
        ("page.HTM", "<h2>一、申报条件</h2><p>申报单位应在山西省境内注册。</p>"),
    ],
)
def test_text_formats_load_and_suffix_case_is_ignored(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    text = load_file(path)
    assert "一、申报条件" in text and "申报单位应在山西省境内注册。" in text


@pytest.mark.parametrize(
    ("markup", "blocks"),
    [
        pytest.param(
            "<body>一、申报条件<br>申报单位应在山西省境内注册。</body>",
            ["一、申报条件\n申报单位应在山西省境内注册。"],
            id="text-directly-in-body",
        ),
        pytest.param(
            "<div>现将有关事项通知如下。<br>一、申报条件<p>申报单位应在山西省境内注册。</p></div>",
            ["现将有关事项通知如下。\n一、申报条件", "申报单位应在山西省境内注册。"],
            id="div-with-text-and-paragraphs",
        ),
        pytest.param(
            "<table><tr><td><p>一、申报条件</p><p>申报单位应在山西省境内注册。</p></td></tr></table>",
            ["一、申报条件", "申报单位应在山西省境内注册。"],
            id="layout-table-not-duplicated",
        ),
        pytest.param(
            "<table><tr><td>一、申报条件<br>申报单位应在山西省境内注册。</td></tr></table>",
            ["一、申报条件\n申报单位应在山西省境内注册。"],
            id="layout-cell-keeps-line-breaks",
        ),
        pytest.param(
            "<p>附表</p><table><tr><th>序号</th><th>名称</th></tr><tr><td>1</td><td>示范企业</td></tr>"
            "<tr><td></td><td></td></tr></table><p>联系人：张三</p>",
            ["附表", "序号\t名称\n1\t示范企业", "联系人：张三"],
            id="data-table-rows-like-docx",
        ),
        pytest.param(
            "<article><header><h1>关于申报的通知</h1></header><p>正文<b>加粗</b>继续。</p></article>"
            "<header>网站首页</header><footer>版权所有</footer>",
            ["关于申报的通知", "正文加粗继续。"],
            id="article-header-kept-page-header-dropped",
        ),
        pytest.param(
            "<p>&nbsp;</p><p>申报<!-- 注释 -->条件</p><p>申报主体应在山西省境内注册，\n     具有独立法人资格。</p>",
            ["申报条件", "申报主体应在山西省境内注册， 具有独立法人资格。"],
            id="comments-nbsp-and-source-newlines",
        ),
    ],
)
def test_html_structure_becomes_blocks(tmp_path: Path, markup: str, blocks: list[str]) -> None:
    path = fx.write_bytes(tmp_path, "page.html", f"<html>{markup}</html>".encode())
    assert load_file(path).split("\n\n") == blocks


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff一、申报条件\n".encode())
    assert load_file(path).startswith("一、申报条件")


def test_accepts_str_paths(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("申报条件", encoding="utf-8")
    assert load_file(str(path)) == "申报条件"  # type: ignore[arg-type]


# --- inputs that are refused -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [("budget.xlsx", ".xlsx"), ("notice.doc", ".doc"), ("README", "（无扩展名）")],
)
def test_unknown_suffix_names_the_suffix(tmp_path: Path, name: str, shown: str) -> None:
    path = fx.write_bytes(tmp_path, name, "申报条件".encode())
    message = load_error(path)
    assert f"不支持的文件格式“{shown}”" in message
    assert ".docx" in message and ".pdf" in message  # tells the user what would work


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\t\n\r\n", "\u3000\u3000\n\n".encode(), b"\xef\xbb\xbf"],
    ids=["empty", "whitespace", "fullwidth-spaces", "bom-only"],
)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_empty_and_blank_files_are_refused(tmp_path: Path, content: bytes, suffix: str) -> None:
    assert "没有文字" in load_error(fx.write_bytes(tmp_path, "blank" + suffix, content))


def test_html_with_only_chrome_is_refused(tmp_path: Path) -> None:
    page = "<html><body><nav>网站首页</nav><script>var a = 1;</script><footer>版权所有</footer></body></html>"
    assert "没有文字" in load_error(fx.write_bytes(tmp_path, "chrome.html", page.encode()))


def test_docx_without_text_is_refused(tmp_path: Path) -> None:
    assert "没有文字" in load_error(fx.empty_docx(tmp_path))


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    assert "扫描版 PDF" in load_error(fx.blank_pdf(tmp_path))


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_gbk_text_is_refused_with_a_utf8_hint(tmp_path: Path, suffix: str) -> None:
    path = fx.write_bytes(
        tmp_path, "gbk" + suffix, "一、申报条件\n申报单位应在山西省境内注册。\n".encode("gbk")
    )
    message = load_error(path)
    assert "UTF-8" in message
    assert "iconv" in message


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda d: fx.write_bytes(d, "random.docx", fx.random_bytes()), id="docx-random-bytes"),
        pytest.param(fx.zip_without_document, id="docx-zip-without-document"),
        pytest.param(
            lambda d: fx.write_bytes(d, "legacy.docx", b"\xd0\xcf\x11\xe0" + fx.random_bytes()), id="docx-ole"
        ),
        pytest.param(lambda d: fx.write_bytes(d, "random.pdf", fx.random_bytes()), id="pdf-random-bytes"),
        pytest.param(fx.truncated_pdf, id="pdf-truncated"),
        pytest.param(fx.pdf_with_unknown_filter, id="pdf-unknown-filter"),
    ],
)
def test_corrupt_documents_raise_load_error(tmp_path: Path, make) -> None:
    message = load_error(make(tmp_path))
    assert "不是可读取的" in message


def test_pdf_cut_off_half_way_raises_load_error(tmp_path: Path) -> None:
    data = fx.build_pdf(tmp_path).read_bytes()
    path = fx.write_bytes(tmp_path, "half.pdf", data[: len(data) // 2])
    try:
        text = load_file(path)
    except LoadError as exc:
        assert "\n" not in str(exc)
    else:  # the PDF parsers may recover the first page; then it must be real text
        assert fx.PDF_TITLE in text


def test_unreadable_file_is_reported_as_permission_denied(tmp_path: Path, monkeypatch) -> None:
    # Simulated, because the suite may run as root (chmod 000 would not stop reading).
    path = tmp_path / "locked.txt"
    path.write_text("申报条件", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert "没有读取权限" in load_error(path)


def test_unreadable_pdf_is_reported_as_permission_denied(tmp_path: Path, monkeypatch) -> None:
    import pdfplumber

    path = fx.build_pdf(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(pdfplumber, "open", refuse)
    assert "没有读取权限" in load_error(path)


def test_missing_path(tmp_path: Path) -> None:
    assert "不存在" in load_error(tmp_path / "gone.pdf")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "notices.docx"  # a folder with a supported suffix is still a folder
    folder.mkdir()
    assert "文件夹" in load_error(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "stream.txt"
    os.mkfifo(pipe)

    def unblock() -> None:  # should the loader ever open the pipe, end its read so the test fails, not hangs
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass  # no reader: the loader refused the pipe without opening it

    timer = threading.Timer(2.0, unblock)
    timer.start()
    try:
        assert "不是普通文件" in load_error(pipe)
    finally:
        timer.cancel()
