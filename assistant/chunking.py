"""Clause-aware chunking: merge tiny sibling clauses, keep headings with their bodies, split
long clauses at sentence ends. Every chunk is an exact slice of the cleaned text."""

from __future__ import annotations

import hashlib
import re

from pydantic import BaseModel

from .structure import Unit, parse_units

SENTENCE_SPLIT = re.compile(r"(?<=[。；！？])|(?=\n)")


class Chunk(BaseModel):
    """DESIGN.md Chunk contract."""

    chunk_id: str
    notice_id: str
    title: str
    doc_no: str | None
    section: list[str]
    kind: str  # clause | table | outline | heading
    text: str
    start: int
    end: int

    @property
    def section_text(self) -> str:
        return " > ".join(self.section)


def _common_prefix(paths: list[list[str]]) -> list[str]:
    prefix = list(paths[0])
    for path in paths[1:]:
        n = 0
        while n < len(prefix) and n < len(path) and prefix[n] == path[n]:
            n += 1
        prefix = prefix[:n]
    return prefix


def _is_descendant(path: list[str], ancestor: list[str]) -> bool:
    return len(path) > len(ancestor) and path[: len(ancestor)] == ancestor


class _Group:
    def __init__(self, unit: Unit) -> None:
        self.units = [unit]

    @property
    def start(self) -> int:
        return self.units[0].start

    @property
    def end(self) -> int:
        return self.units[-1].end

    @property
    def size(self) -> int:
        return self.end - self.start

    @property
    def headings_only(self) -> bool:
        return all(u.heading_only for u in self.units)

    def path(self) -> list[str]:
        body = [u for i, u in enumerate(self.units) if not self._is_leading_ancestor(i)]
        return _common_prefix([u.path for u in body or self.units])

    def _is_leading_ancestor(self, i: int) -> bool:
        unit = self.units[i]
        return unit.heading_only and i + 1 < len(self.units) and _is_descendant(self.units[i + 1].path, unit.path)

    def kind(self) -> str:
        kinds = {u.kind for u in self.units if not u.heading_only} or {u.kind for u in self.units}
        for kind in ("table", "outline", "clause"):
            if kind in kinds:
                return kind
        return "heading"


def _can_merge(group: _Group, unit: Unit, max_chars: int, min_chars: int) -> bool:
    last = group.units[-1]
    if unit.block != last.block or unit.kind == "table" or last.kind == "table":
        return False
    if unit.rank == -2 or unit.rank == -1:
        return False
    if group.headings_only and _is_descendant(unit.path, last.path):
        return True  # keep a heading with its body (a long result is split at sentence ends later)
    if unit.end - group.start > max_chars:
        return False
    group_path = group.path()
    if unit.heading_only:
        return False  # a heading leads the chunk of its own body
    related = unit.path[:-1] in (group_path, group_path[:-1])  # a child or a sibling
    tiny = group.size < min_chars or (unit.end - unit.start) < min_chars
    return related and tiny


def _split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut [start, end) at sentence ends into pieces of at most max_chars (a longer sentence
    stays whole rather than being cut mid-sentence)."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    piece_start = start
    for part in SENTENCE_SPLIT.split(text[start:end]):
        if not part:
            continue
        part_end = cursor + len(part)
        if part_end - piece_start > max_chars and cursor > piece_start:
            pieces.append((piece_start, cursor))
            piece_start = cursor
        cursor = part_end
    pieces.append((piece_start, end))
    trimmed = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def chunk_notice(
    notice_id: str,
    text: str,
    *,
    title: str = "",
    doc_no: str | None = None,
    max_chars: int = 420,
    min_chars: int = 60,
) -> list[Chunk]:
    """Chunk one notice's cleaned text."""
    groups: list[_Group] = []
    for unit in parse_units(text):
        if groups and _can_merge(groups[-1], unit, max_chars, min_chars):
            groups[-1].units.append(unit)
        else:
            groups.append(_Group(unit))

    chunks: list[Chunk] = []
    for group in groups:
        kind, path = group.kind(), group.path()
        spans = [(group.start, group.end)]
        if group.size > max_chars:
            if kind == "table":
                spans = _split_rows(text, group.start, group.end, max_chars)
            else:
                spans = _split_long(text, group.start, group.end, max_chars)
        for start, end in spans:
            digest = hashlib.sha1(f"{notice_id}:{start}:{end}:{text[start:end]}".encode()).hexdigest()[:12]
            chunks.append(
                Chunk(
                    chunk_id=f"{notice_id}:{start}-{end}:{digest}",
                    notice_id=notice_id,
                    title=title,
                    doc_no=doc_no,
                    section=path,
                    kind=kind,
                    text=text[start:end],
                    start=start,
                    end=end,
                )
            )
    return chunks


def _split_rows(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    spans, piece_start, pos = [], start, start
    for row in text[start:end].split("\n"):
        row_end = pos + len(row)
        if row_end - piece_start > max_chars and pos > piece_start:
            spans.append((piece_start, pos - 1))
            piece_start = pos
        pos = row_end + 1
    spans.append((piece_start, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]
