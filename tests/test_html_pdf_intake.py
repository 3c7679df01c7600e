"""Web pages through the extractors, PDFs through pdfplumber: notice text kept, chrome gone,
tables as tab-separated rows, encrypted PDFs refused clearly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import fixtures_docs as fx
import pytest

from assistant.corpus import load_notice
from assistant.errors import LoadError
from assistant.intake import PINYIN, TRADITIONAL, prepare
from assistant.intake.html import html_text
from assistant.loaders import load_file

PAGES = Path(__file__).parent / "fixtures" / "html"
EXPECTED = {k: v for k, v in json.loads((PAGES / "expected.json").read_text("utf-8")).items() if not k.startswith("_")}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_notice_pages_keep_every_body_line_and_no_chrome(name: str) -> None:
    text = prepare(load_file(PAGES / name)).text
    expected = EXPECTED[name]
    lines = [_norm(line) for line in text.split("\n") if line.strip()]
    body = [_norm(b) for b in expected["body"]]
    missing = [b for b in body if b not in lines]
    assert missing == []
    at = -1
    for line in body:  # in page order
        at = lines.index(line, at + 1)
    left = [c for c in expected["chrome"] if _norm(c) in lines]
    assert left == []


def test_data_table_inside_the_article_stays_in_place_as_rows() -> None:
    blocks = load_file(PAGES / "district-table-layout.html").split("\n\n")
    table = "序号\t类别\t推荐名额\n1\t示范企业\t不超过3个\n2\t示范平台\t不超过2个\n3\t示范项目\t不超过1个"
    i = blocks.index(table)
    assert blocks[i - 1] == "推荐名额如下：" and blocks[i + 1].startswith("附件：1.")


def test_traditional_page_with_pinyin_is_simplified_and_reported(tmp_path: Path) -> None:
    notice = load_notice("repost", PAGES, [PAGES / "repost-traditional-pinyin.html"])
    report = notice.reports[0]
    assert report.normalised[TRADITIONAL] > 100 and report.normalised[PINYIN] > 20
    assert "工业和信息化部通知开展第三批服务型制造示范遴选工作" in notice.text
    assert "(hào)" not in notice.text and "號" not in notice.text


def test_ruby_pinyin_is_dropped() -> None:
    page = "<html><body><p>工信廳政法函〔2022〕67<ruby>號<rp>(</rp><rt>hào</rt><rp>)</rp></ruby></p></body></html>"
    assert html_text(page) == "工信廳政法函〔2022〕67號"


def test_page_declared_as_gbk_is_decoded(tmp_path: Path) -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>一、申报条件</p><p>申报单位应在山西省境内注册。</p></body></html>'
    path = fx.write_bytes(tmp_path, "gbk.html", page.encode("gbk"))
    assert load_file(path) == "一、申报条件\n\n申报单位应在山西省境内注册。"


def test_pdf_table_becomes_tab_separated_rows_in_place(tmp_path: Path) -> None:
    text = load_file(fx.pdf_with_table(tmp_path))
    rows = "\n".join("\t".join(row) for row in fx.PDF_TABLE)
    assert text == "\n".join(fx.PDF_TABLE_BEFORE) + "\n\n" + rows + "\n\n" + fx.PDF_TABLE_AFTER


def test_encrypted_pdf_is_refused_with_a_clear_line(tmp_path: Path) -> None:
    path = fx.encrypted_pdf(tmp_path)
    with pytest.raises(LoadError) as info:
        load_file(path)
    message = str(info.value)
    assert "PDF 已加密" in message and path.name in message and "\n" not in message


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    # pdfminer returns "(cid:N)" glyph ids for this file; pypdf reads the characters.
    text = load_file(fx.encrypted_pdf(tmp_path, "owner-only.pdf", user_password=""))
    assert text.strip() == fx.PDF_JOINED
