"""Find the outline's headings in a draft: which line is which section, and how it differs.

A draft line is a heading candidate when it starts with a 公文 number of the outline's two levels
(一、 / （一）) and is short (or begins with an outline heading verbatim), or when it is an outline
title without its number ("服务内容", "参考附件"). Candidates are matched to outline items by title:
same title and number → exact; same title, other number → wrong numbering; a similar title →
changed heading; nothing close → a section the outline does not have.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .document import DraftDocument, DraftLine
from .models import Outline, OutlineItem
from .outline import NUMBER, split_heading

MAX_HEADING = 40
SIMILAR = 0.6


def squash(text: str) -> str:
    return "".join(text.split())


@dataclass
class Candidate:
    line: DraftLine
    number: str
    title: str
    level: int
    rest: str = ""  # text after the heading on the same line ("（一）申报单位概况：本公司成立于…")


@dataclass
class Match:
    candidate: Candidate
    item: OutlineItem | None
    issue: str | None = None  # wrong_numbering | heading_mismatch | extra_section | duplicate
    body: list[DraftLine] = field(default_factory=list)


def candidate(line: DraftLine, outline: Outline) -> Candidate | None:
    text = squash(line.text)
    titles = {squash(i.title) for i in outline.items}
    if text.rstrip("：:。") in titles and not NUMBER.match(text):
        return Candidate(line, "", text.rstrip("：:。"), 1)
    match = NUMBER.match(text)
    if match is None:
        return None
    starts_like_item = any(text.startswith(squash(i.heading)) for i in outline.items)
    if len(text) > MAX_HEADING and not starts_like_item:
        return None
    number, title, rest, _ = split_heading(text)
    level = 1 if number.endswith("、") else 2
    return Candidate(line, number, title, level, rest.strip())


def _pick(c: Candidate, items: list[OutlineItem]) -> tuple[OutlineItem | None, str | None]:
    title = squash(c.title)
    same = [i for i in items if squash(i.title) == title]
    if same:
        exact = next((i for i in same if squash(i.number) == c.number), None)
        return (exact, None) if exact else (same[0], "wrong_numbering")
    scored = [(difflib.SequenceMatcher(None, title, squash(i.title)).ratio(), i) for i in items]
    scored = [(r, i) for r, i in scored if r >= SIMILAR]
    if scored:
        best = max(scored, key=lambda pair: (pair[0], squash(pair[1].number) == c.number))
        return best[1], "heading_mismatch"
    return None, "extra_section"


def match_headings(document: DraftDocument, outline: Outline) -> tuple[list[DraftLine], list[Match]]:
    """(lines before the first heading, one Match per heading candidate with its body lines)."""
    matches: list[Match] = []
    preamble: list[DraftLine] = []
    used: set[str] = set()
    for line in document.lines:
        cand = candidate(line, outline)
        if cand is None:
            (matches[-1].body if matches else preamble).append(line)
            continue
        free = [i for i in outline.items if i.id not in used]
        item, issue = _pick(cand, free)
        if item is None and any(squash(i.title) == squash(cand.title) for i in outline.items):
            issue = "duplicate"
        if item is not None:
            used.add(item.id)
        match = Match(cand, item, issue)
        if cand.rest and (item is None or squash(cand.rest) != squash(item.guidance)):
            match.body.append(DraftLine(line.number, cand.rest))  # body text on the heading's line
        matches.append(match)
    return preamble, matches


def longest_ordered(indices: list[int]) -> set[int]:
    """Positions (in `indices`) of a longest strictly increasing subsequence."""
    if not indices:
        return set()
    best_len = [1] * len(indices)
    prev = [-1] * len(indices)
    for i in range(len(indices)):
        for j in range(i):
            if indices[j] < indices[i] and best_len[j] + 1 > best_len[i]:
                best_len[i], prev[i] = best_len[j] + 1, j
    pos = max(range(len(indices)), key=lambda k: best_len[k])
    keep = set()
    while pos != -1:
        keep.add(pos)
        pos = prev[pos]
    return keep
