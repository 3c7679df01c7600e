"""Read notice source files (.txt/.md, .docx, .pdf, .html) into plain text.

Each loader keeps the document's paragraph structure as blank-line separated blocks, so the
cleaner and the heading parser see the same shape whatever the format was. Web pages go through
`intake.html` (extractors choose the main text), PDFs through `intake.pdf` (pdfplumber, tables as
rows). Every refusal is a LoadError with one Chinese line that names the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .errors import LoadError
from .intake.html import html_text
from .intake.pdf import read_pdf

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}
MAX_FILE_BYTES = 50 * 1024 * 1024  # a notice with its annexes is a few MB; larger is not a notice
_BINARY_SNIFF = 8192
# A web page's declared encoding; Chinese government sites often still serve GB2312/GBK.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_GB_FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5", "big5-hkscs": "big5hkscs"}


def unsupported(path: Path) -> LoadError:
    supported = "、".join(sorted(SUPPORTED_SUFFIXES))
    return LoadError(f"{path}: 不支持的文件格式“{path.suffix or '（无扩展名）'}”（支持 {supported}）")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KB: not a text file."""
    head = data[:_BINARY_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls * 10 > len(head)


def _decode(path: Path, data: bytes, encoding: str = "utf-8-sig") -> str:
    if _looks_binary(data):
        raise LoadError(f"{path}: 是二进制文件，不是文本；请提供 .txt/.md/.html 文本或 .docx/.pdf 文档")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"{path}: 不是 UTF-8 编码的文本（第 {exc.start} 字节）；请先转换为 UTF-8，例如 "
            f"`iconv -f GBK -t UTF-8 {path.name}`"
        ) from None


def _read_text(path: Path) -> str:
    return _decode(path, path.read_bytes())


def _read_html(path: Path) -> str:
    data = path.read_bytes()
    declared = _META_CHARSET.search(data[:4096])
    encoding = _GB_FAMILY.get(declared.group(1).decode("ascii").lower()) if declared else None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode(path, data, encoding) if encoding else _decode(path, data)
    else:
        if _looks_binary(data):
            _decode(path, data)  # raises the binary-file message
    return html_text(text)


def _read_docx(path: Path) -> str:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise LoadError(f"{path}: 不是可读取的 .docx 文件（{type(exc).__name__}）") from None
    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            rows = []
            for row in table.rows:
                # python-docx repeats a horizontally merged cell once per grid column it spans.
                row_cells = row.cells
                cells = [c for i, c in enumerate(row_cells) if i == 0 or c._tc is not row_cells[i - 1]._tc]
                rows.append("\t".join(cell.text.strip() for cell in cells))
            blocks.append("\n".join(rows))
    return "\n\n".join(b for b in blocks if b.strip())


LOADERS: dict[str, Callable[[Path], str]] = {
    **dict.fromkeys(TEXT_SUFFIXES, _read_text),
    **dict.fromkeys(HTML_SUFFIXES, _read_html),
    ".docx": _read_docx,
    ".pdf": read_pdf,
}


def load_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Return the text of one source file, or raise LoadError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise LoadError(f"{path}: 文件不存在")
    if path.is_dir():
        raise LoadError(f"{path}: 是文件夹，不是文件")
    if not path.is_file():
        raise LoadError(f"{path}: 不是普通文件（管道、套接字或设备）")
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise unsupported(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(f"{path}: 文件过大（{size / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB）")
        text = loader(path)
    except PermissionError:
        raise LoadError(f"{path}: 没有读取权限") from None
    except OSError as exc:
        raise LoadError(f"{path}: 无法读取（{exc.strerror or exc}）") from None
    if not text.strip():
        raise LoadError(f"{path}: 文件中没有文字（空文件，或没有文字层的扫描版 PDF）")
    return text


def is_source_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith(".")
