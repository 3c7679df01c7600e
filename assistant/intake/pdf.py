"""PDF text with pdfplumber: lines in reading order, ruled tables as tab-separated rows in place.

pypdf stays as the fallback, for two measured cases: a file pdfminer (under pdfplumber) cannot
parse, and pages whose text pdfminer returns as "(cid:3363)" glyph ids where pypdf finds the
characters (a CID font in an owner-password PDF made by reportlab does this). An encrypted PDF that
needs a password to open is a LoadError that says so, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import LoadError

_CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CELL_BREAK = re.compile(r"\s*\n\s*")


def _reason(exc: BaseException) -> str:
    """An exception as a short single line, for the end of a LoadError message."""
    text = " ".join(str(exc).split())
    if len(text) > 120:
        text = text[:117] + "..."
    return text or type(exc).__name__


def encrypted_error(path: Path) -> LoadError:
    return LoadError(f"{path}: PDF 已加密（需要打开密码），无法读取；请用密码打开后另存为未加密的 PDF 再导入")


def _cell(text: str | None) -> str:
    """A table cell on one line: a line break inside CJK text is a wrap, elsewhere a space."""
    if not text:
        return ""

    def join(match: re.Match[str]) -> str:
        before = match.string[match.start() - 1] if match.start() else ""
        after = match.string[match.end()] if match.end() < len(match.string) else ""
        return "" if _CJK.match(before) or _CJK.match(after) else " "

    return _CELL_BREAK.sub(join, text.strip())


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def page_text(page: Any) -> str:
    """One pdfplumber page: text lines and tables (tab-separated rows) in top-to-bottom order."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    outside = (
        page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
        if boxes
        else page
    )
    items: list[tuple[float, str, str]] = [
        (line["top"], "line", line["text"]) for line in outside.extract_text_lines() if line["text"].strip()
    ]
    for table in tables:
        rows = ["\t".join(_cell(c) for c in row) for row in table.extract()]
        rows = [r for r in rows if r.strip()]
        if rows:
            items.append((table.bbox[1], "table", "\n".join(rows)))
    items.sort(key=lambda item: item[0])
    blocks: list[str] = []
    lines: list[str] = []
    for _, kind, text in items:
        if kind == "line":
            lines.append(text)
            continue
        if lines:
            blocks.append("\n".join(lines))
            lines = []
        blocks.append(text)
    if lines:
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _is_password_error(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = [exc, *getattr(exc, "args", ())]
    return any(isinstance(e, PDFPasswordIncorrect | PDFEncryptionError) for e in inner)


def _pypdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise encrypted_error(path)
        return [page.extract_text() or "" for page in reader.pages]
    except (OSError, LoadError):
        raise  # the file itself cannot be read (load_file reports it), or a clear message already
    except FileNotDecryptedError:
        raise encrypted_error(path) from None
    except Exception as exc:
        # A damaged PDF can fail in many ways besides PdfReadError (NotImplementedError for a
        # garbled filter name, pypdf's LimitReachedError, KeyError, ...): all mean "unreadable".
        raise LoadError(f"{path}: 不是可读取的 PDF 文件（{_reason(exc)}）") from None


def read_pdf(path: Path) -> str:
    """The PDF's text, pages separated by blank lines (the cleaner rejoins split paragraphs)."""
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [page_text(page) for page in pdf.pages]
    except OSError:
        raise
    except Exception as exc:
        if _is_password_error(exc):
            raise encrypted_error(path) from None
        return "\n\n".join(_pypdf_pages(path))  # pdfminer could not parse it: pypdf may
    if any(_CID.search(text) for text in pages):
        fallback = _pypdf_pages(path)
        pages = [
            alt if _CID.search(text) and alt.strip() and not _CID.search(alt) else text
            for text, alt in zip(pages, fallback, strict=False)
        ] + pages[len(fallback) :]
    return "\n\n".join(pages)
