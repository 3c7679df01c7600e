"""Read notice source files (.txt/.md, .docx, .pdf, .html) into plain text.

Each loader keeps the document's paragraph structure as blank-line separated blocks, so the
cleaner and the heading parser see the same shape whatever the format was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .errors import LoadError

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}


def _reason(exc: BaseException) -> str:
    """An exception as a short single line, for the end of a LoadError message."""
    text = " ".join(str(exc).split())
    if len(text) > 120:
        text = text[:117] + "..."
    return text or type(exc).__name__


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"{path}: not UTF-8 text (byte {exc.start}); convert it to UTF-8 first, e.g. "
            f"`iconv -f GBK -t UTF-8 {path.name}`"
        ) from None


def _read_docx(path: Path) -> str:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise LoadError(f"{path}: not a readable .docx file ({type(exc).__name__})") from None
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


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except OSError:
        raise  # the file itself cannot be read: load_file reports it
    except Exception as exc:
        # A damaged PDF can fail in many ways besides PdfReadError (NotImplementedError for a
        # garbled filter name, pypdf's LimitReachedError, KeyError, ...): all mean "unreadable".
        raise LoadError(f"{path}: not a readable PDF ({_reason(exc)})") from None
    # Page breaks become blank lines; the cleaner rejoins paragraphs split across them.
    return "\n\n".join(pages)


# Page furniture that never holds notice text. <header>/<footer> are only furniture outside an
# <article> (inside one they hold the article's own title or signature).
_HTML_DROP = ("script", "style", "noscript", "template", "nav", "form", "iframe")
_HTML_CHROME = ("header", "footer")
# Elements that start a new block (paragraph); everything else is inline and flows into one.
_HTML_BLOCKS = frozenset(
    "address article aside blockquote body center dd div dl dt fieldset figcaption figure h1 h2 h3 h4 "
    "h5 h6 hr li main ol p pre section table tbody td tfoot th thead tr ul caption".split()
)
# A cell holding one of these is page layout, not a data cell.
_HTML_CELL_BLOCKS = sorted(_HTML_BLOCKS - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f\v]+")


class _HtmlText:
    """Walk an HTML tree into blank-line separated blocks: one per paragraph-like element, <br>
    as a line break inside a block, data tables as tab-separated rows (as the .docx loader does).
    Text sitting directly in <body>, a <td> or a <div> that also holds paragraphs is kept."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.lines: list[str] = []
        self.pieces: list[str] = []

    def end_line(self) -> None:
        line = _HTML_SPACE.sub(" ", "".join(self.pieces)).strip()
        self.pieces.clear()
        if line:
            self.lines.append(line)

    def end_block(self) -> None:
        self.end_line()
        if self.lines:
            self.blocks.append("\n".join(self.lines))
            self.lines.clear()

    def walk(self, node) -> None:
        from bs4.element import NavigableString, PreformattedString, Tag

        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                    self.pieces.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    self.end_line()
                elif child.name == "table":
                    self.end_block()
                    self.table(child)
                elif child.name in _HTML_BLOCKS:
                    self.end_block()
                    self.walk(child)
                    self.end_block()
                else:
                    self.walk(child)

    def table(self, table) -> None:
        rows: list[str] = []
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue  # a nested table's row: handled when its cell is walked
            cells = tr.find_all(["td", "th"], recursive=False)
            layout = len(cells) == 1 or any(c.find(_HTML_CELL_BLOCKS) for c in cells)
            if not layout:
                texts = [_HTML_SPACE.sub(" ", c.get_text(" ")).strip() for c in cells]
                if any(texts):
                    rows.append("\t".join(texts))
                continue
            # A layout row (the page's columns, or one cell holding the article): walk it as blocks.
            if rows:
                self.blocks.append("\n".join(rows))
                rows = []
            for cell in cells:
                self.end_block()
                self.walk(cell)
                self.end_block()
        if rows:
            self.blocks.append("\n".join(rows))


def _read_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_read_text(path), "lxml")
    furniture = soup(_HTML_DROP)
    furniture += [tag for tag in soup(_HTML_CHROME) if tag.find_parent("article") is None]
    for tag in furniture:
        if not tag.decomposed:  # already gone with an enclosing piece of furniture
            tag.decompose()
    walker = _HtmlText()
    walker.walk(soup.body or soup)
    walker.end_block()
    return "\n\n".join(walker.blocks)


LOADERS: dict[str, Callable[[Path], str]] = {
    **dict.fromkeys(TEXT_SUFFIXES, _read_text),
    **dict.fromkeys(HTML_SUFFIXES, _read_html),
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}


def load_file(path: Path) -> str:
    """Return the text of one source file, or raise LoadError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise LoadError(f"{path}: no such file")
    if path.is_dir():
        raise LoadError(f"{path}: is a folder, not a file")
    if not path.is_file():
        raise LoadError(f"{path}: not a regular file (a pipe, socket or device)")
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise LoadError(f"{path}: unsupported format '{path.suffix or '(none)'}' (supported: {supported})")
    try:
        text = loader(path)
    except PermissionError:
        raise LoadError(f"{path}: permission denied") from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not text.strip():
        raise LoadError(f"{path}: the file holds no text (empty, or a scanned PDF without a text layer)")
    return text


def is_source_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith(".")
