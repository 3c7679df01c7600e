"""The main text of a web page: the extractors decide *what* is notice text, our walker decides *how*
it reads (blank-line separated blocks, <br> as a line break, data tables as tab-separated rows, in
page order).

Why both, measured with `python bench/bench_html.py` on the three pages in tests/fixtures/html
(real notice text in a ministry page, a table-layout district page and a traditional-script repost
with pinyin; 3,930 characters of notice lines, 73 chrome lines):

| method | notice text kept (whole lines) | chrome lines left |
|---|---|---|
| old loader (walker + hand-kept <nav>/<header>/<footer> drops) | 3,930 | 59 |
| trafilatura alone | 3,112 | 13 |
| readability-lxml alone | 3,852 | 0 |
| combined (this module) | 3,930 | 0 |

- trafilatura runs the article of a table-layout page into one line, keeps that page's menu row and
  footer cell (13 of its 24 chrome lines), moves a data table nested in the article to after it
  (in its XML output) and drops the 文号 line under the ministry page's title;
- readability-lxml leaves no chrome but drops data tables (a quota table, an 汇总表) and the title
  and 文号 that sit outside the article's <div>;
- on a short page both fall back to whole-page text.
So the page is first walked whole (only elements that HTML defines as non-content are pruned:
scripts, styles, <nav>, <aside>, <form>, and <header>/<footer> outside an <article>, as both
extractors do themselves), then a block is kept when it lies in the main span (from the page's
title block to readability's last block) and readability or trafilatura kept it. When readability
finds nothing, trafilatura's blocks are used; when neither finds anything, the whole walk is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from bs4.element import Tag

_NON_TEXT = ("script", "style", "noscript", "template", "rt", "rp")  # rt/rp: ruby pinyin annotations
_LANDMARKS = ("nav", "aside", "form")
_OUTSIDE_ARTICLE = ("header", "footer")
_LANDMARK_ROLES = re.compile(r"\b(navigation|banner|contentinfo|search|complementary)\b")
# Elements that start a new block (paragraph); everything else is inline and flows into one.
_BLOCKS = frozenset(
    "address article aside blockquote body center dd div dl dt fieldset figcaption figure h1 h2 h3 h4 "
    "h5 h6 hr li main ol p pre section table tbody td tfoot th thead tr ul caption".split()
)
# A cell holding one of these is page layout, not a data cell.
_CELL_BLOCKS = sorted(_BLOCKS - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption"})
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_ALL_SPACE = re.compile(r"\s+")
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜—–-]{1,2}\s*")
SHORT_LINE = 6  # a line shorter than this must equal an extractor's line to count as kept


class HtmlText:
    """Walk an HTML tree into blank-line separated blocks: one per paragraph-like element, <br>
    as a line break inside a block, data tables as tab-separated rows (as the .docx loader does).
    Text sitting directly in <body>, a <td> or a <div> that also holds paragraphs is kept."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.lines: list[str] = []
        self.pieces: list[str] = []

    def end_line(self) -> None:
        line = _SPACE.sub(" ", "".join(self.pieces)).strip()
        self.pieces.clear()
        if line:
            self.lines.append(line)

    def end_block(self) -> None:
        self.end_line()
        if self.lines:
            self.blocks.append("\n".join(self.lines))
            self.lines.clear()

    def walk(self, node: Tag) -> None:
        from bs4.element import NavigableString, PreformattedString
        from bs4.element import Tag as Element

        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                    self.pieces.append(str(child))
            elif isinstance(child, Element):
                if child.name == "br":
                    self.end_line()
                elif child.name == "table":
                    self.end_block()
                    self.table(child)
                elif child.name in _BLOCKS:
                    self.end_block()
                    self.walk(child)
                    self.end_block()
                else:
                    self.walk(child)

    def table(self, table: Tag) -> None:
        rows: list[str] = []
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue  # a nested table's row: handled when its cell is walked
            cells = tr.find_all(["td", "th"], recursive=False)
            layout = len(cells) == 1 or any(c.find(_CELL_BLOCKS) for c in cells)
            if not layout:
                texts = [_SPACE.sub(" ", c.get_text(" ")).strip() for c in cells]
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


def _prune(soup: BeautifulSoup) -> None:
    doomed = list(soup(_NON_TEXT)) + list(soup(_LANDMARKS))
    doomed += [t for t in soup(_OUTSIDE_ARTICLE) if t.find_parent("article") is None]
    doomed += [t for t in soup(attrs={"role": _LANDMARK_ROLES})]
    for tag in doomed:
        if not tag.decomposed:  # already gone with an enclosing element
            tag.decompose()


def walk_blocks(html: str) -> list[str]:
    """Every text block of the page, in order (non-content elements pruned)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    _prune(soup)
    walker = HtmlText()
    walker.walk(soup.body or soup)
    walker.end_block()
    return walker.blocks


def _norm(text: str) -> str:
    return _ALL_SPACE.sub("", text)


class _Kept:
    """What one extractor kept, for asking whether a block of our walk is in it."""

    def __init__(self, text: str) -> None:
        lines = [_norm(line.strip("|")) for line in text.splitlines()]
        cells = [_norm(cell) for line in text.splitlines() for cell in line.split("|")]
        self.whole = _norm(text)
        self.lines = {x for x in lines + cells if x}

    def __bool__(self) -> bool:
        return bool(self.whole)

    def has(self, block: str) -> bool:
        parts = [_norm(p) for line in block.split("\n") for p in line.split("\t")]
        parts = [p for p in parts if p]
        found = sum(len(p) for p in parts if (p in self.whole if len(p) >= SHORT_LINE else p in self.lines))
        return bool(parts) and found * 5 >= sum(len(p) for p in parts) * 3  # three fifths of its text


_EXTRACTOR_LOGGERS = ("trafilatura", "readability", "htmldate", "courlan", "justext")


def _quiet_extractor_logs() -> None:
    """The extractors log their doubts ("discarding data", "no main title found") to their own
    loggers; those are not the user's concern. Only loggers nobody has configured are quieted."""
    for name in _EXTRACTOR_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.ERROR)


def _readability(html: str) -> tuple[str, str]:
    """readability-lxml's article as text, and the page's title as it reads it."""
    from bs4 import BeautifulSoup
    from readability import Document

    try:
        document = Document(html)
        summary = document.summary(html_partial=True)
        title = document.title() or ""
    except Exception:  # readability raises on pages it cannot parse: then it has no opinion
        return "", ""
    return "\n".join(BeautifulSoup(summary, "lxml").get_text("\n").splitlines()), title


def _trafilatura(html: str) -> tuple[str, str]:
    import trafilatura

    try:
        text = trafilatura.extract(
            html, output_format="txt", include_tables=True, include_comments=False, deduplicate=False
        )
        metadata = trafilatura.extract_metadata(html)
    except Exception:  # as for readability: a page it cannot parse leaves the decision to the other
        return "", ""
    return text or "", (metadata.title or "") if metadata is not None else ""


def _title_index(blocks: list[str], titles: Iterable[str], before: int) -> int | None:
    """The block (before index `before`) that is the page's title, if one is."""
    candidates = set()
    for title in titles:
        title = title.strip()
        if title:
            candidates.add(_norm(title))
            candidates.update(_norm(p) for p in _TITLE_SEPARATORS.split(title) if len(p) >= SHORT_LINE)
    for i in range(before - 1, max(-1, before - 8), -1):
        if _norm(blocks[i]) in candidates:
            return i
    return None


def main_blocks(html: str) -> list[str]:
    """The page's notice text as blocks (see the module docstring for how they are chosen)."""
    blocks = walk_blocks(html)
    if not blocks:
        return []
    _quiet_extractor_logs()
    r_text, r_title = _readability(html)
    t_text, t_title = _trafilatura(html)
    readability, trafilatura = _Kept(r_text), _Kept(t_text)
    in_r = [readability.has(b) for b in blocks]
    in_t = [trafilatura.has(b) for b in blocks]
    if any(in_r):
        first = in_r.index(True)
        last = len(in_r) - 1 - in_r[::-1].index(True)
        title = _title_index(blocks, [t_title, r_title], first)
        start = first if title is None else title
        keep = [start <= i <= last and (i == title or in_r[i] or in_t[i]) for i in range(len(blocks))]
    elif any(in_t):
        keep = in_t
    else:
        keep = [True] * len(blocks)
    return [b for b, k in zip(blocks, keep, strict=True) if k]


def html_text(html: str) -> str:
    return "\n\n".join(main_blocks(html))
