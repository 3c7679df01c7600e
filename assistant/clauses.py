"""The clause tree of a notice: every heading unit of the 公文 structure as a node with its parent,
its own text (heading line, lead-in and body before its first sub-clause) and its sub-clauses
(the items it introduces), all as offsets into the cleaned text.

Built at ingest from `structure.parse_units` and kept with the notice in the index, so an answer
walks the tree ("有下列情形之一的：" → its items (一)–(五)) instead of re-reading heading numbers
from text lines at answer time.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from pydantic import BaseModel

from .structure import parse_units
from .vocabulary import numbering

__all__ = ["CLAUSE_TREE_VERSION", "Clause", "ClauseTree", "build_clauses", "numbering"]

SENTENCE_END = re.compile(r"[。；！？]")
# Part of every notice's content hash: a new version re-ingests notices (vectors are reused).
CLAUSE_TREE_VERSION = "clauses-2"  # 2: runs of points (一是…, lead titles) are items


class Clause(BaseModel):
    """One node of the tree. `start`/`end` span its own text; `span_end` its whole subtree."""

    id: int
    parent: int | None
    path: list[str]
    rank: int  # heading rank (structure.HEADING_PATTERNS); -2 attachment, -1 form, 99 body paragraph
    kind: str
    start: int
    end: int
    span_end: int
    children: list[int] = []

    @property
    def numbered(self) -> bool:
        return 0 <= self.rank < 99


def build_clauses(text: str) -> list[Clause]:
    """The clause tree of a cleaned notice text, in text order."""
    clauses: list[Clause] = []
    stack: list[Clause] = []
    for unit in parse_units(text):
        while stack and not _contains(stack[-1], unit.path, unit.rank):
            stack.pop()
        parent = stack[-1] if stack else None
        clause = Clause(
            id=len(clauses), parent=parent.id if parent else None, path=list(unit.path), rank=unit.rank,
            kind=unit.kind, start=unit.start, end=unit.end, span_end=unit.end,
        )
        clauses.append(clause)
        if parent is not None:
            parent.children.append(clause.id)
        for open_clause in stack:
            open_clause.span_end = max(open_clause.span_end, clause.end)
        if unit.rank < 99:
            stack.append(clause)
    return clauses


def _contains(node: Clause, path: list[str], rank: int) -> bool:
    """Is a unit with `path` and `rank` inside `node`? Its path extends the node's, and a numbered
    unit ranks below it (a body paragraph with the same path belongs to the node)."""
    if rank == 99:
        return path[: len(node.path)] == node.path
    return len(path) > len(node.path) and path[: len(node.path)] == node.path and rank > node.rank


class ClauseTree:
    """Navigation over one notice's clauses."""

    def __init__(self, text: str, clauses: list[Clause]) -> None:
        self.text = text
        self.clauses = clauses
        self._starts = [c.start for c in clauses]

    @classmethod
    def of(cls, text: str, clauses: list[Clause] | None = None) -> ClauseTree:
        return cls(text, clauses if clauses else build_clauses(text))

    def at(self, offset: int) -> Clause | None:
        """The clause whose own text holds `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            c = self.clauses[i]
            if c.start <= offset < max(c.end, c.start + 1):
                return c
            if c.span_end <= offset and c.parent is None:
                return None
            i -= 1
        return None

    def parent(self, clause: Clause) -> Clause | None:
        return self.clauses[clause.parent] if clause.parent is not None else None

    def ancestors(self, clause: Clause) -> list[Clause]:
        """From the clause itself up to its root."""
        out = [clause]
        while (p := self.parent(out[-1])) is not None:
            out.append(p)
        return out

    def children(self, clause: Clause) -> list[Clause]:
        return [self.clauses[i] for i in clause.children]

    def items(self, clause: Clause) -> list[Clause]:
        """The numbered sub-clauses a clause introduces."""
        return [c for c in self.children(clause) if c.numbered]

    def own_text(self, clause: Clause) -> str:
        return self.text[clause.start : clause.end]

    def head_line(self, clause: Clause) -> str:
        """The first line of the clause (its heading, or its lead-in sentence)."""
        return self.own_text(clause).split("\n", 1)[0].strip()

    def lead_in(self, clause: Clause) -> str:
        """The last line of the clause's own text: what introduces its items ("…重点领域包括：")."""
        return self.own_text(clause).rstrip().rsplit("\n", 1)[-1].strip()

    def first_sentence(self, clause: Clause) -> tuple[int, int]:
        """Offsets of the clause's first sentence (the heading line up to its first 。；！？)."""
        line = self.head_line(clause)
        match = SENTENCE_END.search(line)
        end = match.end() if match else len(line)
        start = clause.start + self.own_text(clause).index(line[0]) if line else clause.start
        return start, start + end

    @cached_property
    def roots(self) -> list[Clause]:
        return [c for c in self.clauses if c.parent is None]

