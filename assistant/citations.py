"""Citations: a verbatim quote of the cleaned notice text, at a section path (DESIGN.md Citation).

`make_citation` is the only way to build one from a quote: it finds the quote verbatim in
`notice.text`, inside a chunk filed under the given section path, and refuses otherwise.
A citation that fails this check is never shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from .chunking import Chunk
from .corpus import Notice
from .errors import ShenbaoError

SECTION_SEP = " > "


class Citation(BaseModel):
    """DESIGN.md Citation: `quote == cleaned_text[start:end]`."""

    model_config = ConfigDict(frozen=True)

    n: int
    notice_id: str
    title: str
    doc_no: str | None
    section: str
    quote: str
    start: int
    end: int


def section_path(section: str | Sequence[str]) -> str:
    """A section path as the joined string chunks use ("三、申报条件 > （一）共性条件")."""
    if isinstance(section, str):
        return section.strip()
    return SECTION_SEP.join(part.strip() for part in section)


def _squash(text: str) -> str:
    return "".join(text.split())


def under_section(chunk: Chunk, section: str) -> bool:
    """True when the chunk's section path is `section` or lies below it (whole path steps only).

    Whitespace inside headings is ignored ("1. 共性条件" and "1.共性条件" are the same heading).
    """
    if not section:
        return True
    given = [_squash(part) for part in section.split(SECTION_SEP.strip())]
    actual = [_squash(part) for part in chunk.section]
    return actual[: len(given)] == given


def make_citation(
    notice: Notice, chunks: Sequence[Chunk], quote: str, section: str | Sequence[str], n: int = 1
) -> Citation:
    """Cite `quote` at `section` of `notice`; ShenbaoError when it is not there verbatim.

    The citation carries the full section path of the chunk the quote was found in (the given path
    or a path below it).
    """
    path = section_path(section)
    if not quote:
        raise ShenbaoError(f"{notice.id}: 引文为空（章节「{path}」）")
    for chunk in chunks:
        if chunk.notice_id != notice.id or not under_section(chunk, path):
            continue
        offset = chunk.text.find(quote)
        if offset < 0:
            continue
        start = chunk.start + offset
        end = start + len(quote)
        if notice.text[start:end] != quote:  # chunks are slices of the text; guard against a stale chunk list
            continue
        return Citation(
            n=n,
            notice_id=notice.id,
            title=notice.meta.title,
            doc_no=notice.meta.doc_no,
            section=chunk.section_text,
            quote=quote,
            start=start,
            end=end,
        )
    found = [c.section_text or "（无章节）" for c in chunks if quote in c.text]
    if found:
        where = "、".join(dict.fromkeys(found))
        raise ShenbaoError(f"{notice.id}: 引文「{quote[:40]}」不在章节「{path}」下（实际位于：{where}）")
    if quote in notice.text:
        raise ShenbaoError(f"{notice.id}: 引文「{quote[:40]}」跨越了条款边界，无法定位到章节「{path}」")
    raise ShenbaoError(f"{notice.id}: 引文「{quote[:40]}」在通知原文中找不到（原文可能已变化）")


def citation_is_verbatim(text: str, citation: Citation) -> bool:
    """Check a citation against the cleaned text it claims to quote."""
    return 0 <= citation.start <= citation.end <= len(text) and text[citation.start : citation.end] == citation.quote
