"""Numbered lists in answers: a lead-in ("有下列情况之一的，撤销其称号：") brings the items it introduces,
and an item found alone brings its lead-in and siblings when the question asks for a list.

Numbering ranks are the heading ranks of `structure.heading_rank` (第X章 0, 第X条 1, 一、 2, （一） 3,
1. 4, （1） 5); an item is a sentence of rank 2 or deeper.
"""

from __future__ import annotations

import re

from ..chunking import Chunk
from ..structure import heading_rank
from .sentences import Sentence, split_sentences

# The question asks for a list ("哪些情况", "有哪几种"): an item found alone brings its lead-in and siblings.
LIST_CUE = re.compile(r"哪些|哪几|什么情况|啥情况|哪种情况|几种情况|什么条件|有什么")
MAX_ITEMS = 9
# How far past a lead-in that ends its chunk (or before an item) the list is looked for.
LIST_WINDOW = 2500
FIRST_ITEM_RANK = 2


def is_lead_in(sentence: Sentence) -> bool:
    return sentence.text.endswith(("：", ":"))


def is_item(sentence: Sentence) -> bool:
    return (heading_rank(sentence.text) or 0) >= FIRST_ITEM_RANK


def _sentences(chunks: list[Chunk], rank: int) -> list[Sentence]:
    return [t for c in chunks for t in split_sentences(c, rank, keep_headings=True)]


def _list_items(following: list[Sentence]) -> list[Sentence]:
    """The items a lead-in introduces: sentences numbered like the first one after it, until an
    outer number (a new 条 or 一、) starts."""
    items: list[Sentence] = []
    first = None
    for t in following:
        r = heading_rank(t.text)
        if r is None:
            continue
        if first is None:
            first = r
        if r < first:
            break
        if r == first:
            items.append(t)
            if len(items) >= MAX_ITEMS:
                break
    return items


def lead_in_of(item: Sentence, chunks: list[Chunk]) -> Sentence | None:
    """The lead-in an item belongs to: back over its siblings to a sentence ending in a colon (in its
    chunk or the ones before, within LIST_WINDOW)."""
    rank = heading_rank(item.text) or 0
    before = [c for c in chunks if c.start < item.start and c.start >= item.chunk.start - LIST_WINDOW]
    candidates = [t for t in _sentences(before, item.rank) if t.end <= item.start]
    for t in sorted(candidates, key=lambda t: -t.start):
        if is_lead_in(t):
            return t
        r = heading_rank(t.text)
        if r is None or r > rank:
            continue  # the body of an earlier item, or a deeper sub-item
        if r < rank:
            return None  # an outer heading: the item has no lead-in
    return None


def semicolon_run(sentence: Sentence) -> list[Sentence]:
    """The rest of an inline list a sentence ending in "；" begins: the following "；"-separated
    parts of the same paragraph, up to the one that closes it ("还需满足，A；B；C；D。")."""
    out: list[Sentence] = []
    last = sentence
    for t in split_sentences(sentence.chunk, sentence.rank, keep_headings=True):
        if t.start < sentence.end:
            continue
        if not last.text.endswith("；") or "\n" in sentence.chunk.text[last.end - sentence.chunk.start : t.start - sentence.chunk.start]:
            break
        out.append(t)
        last = t
        if len(out) >= MAX_ITEMS:
            break
    return out


# Sentences of one paragraph that open with the same words ("优先鼓励A。优先鼓励B。") are one list.
PARALLEL_OPENING = 4


def parallel_sentences(sentence: Sentence) -> list[Sentence]:
    """The other sentences of a sentence's paragraph that open with its first words."""
    opening = sentence.text[:PARALLEL_OPENING]
    if len(opening) < PARALLEL_OPENING or heading_rank(sentence.text) is not None:
        return []
    chunk = sentence.chunk
    a = chunk.text.rfind("\n", 0, sentence.start - chunk.start) + 1
    b = chunk.text.find("\n", sentence.end - chunk.start)
    lo, hi = chunk.start + a, chunk.start + (b if b >= 0 else len(chunk.text))
    return [t for t in split_sentences(chunk, sentence.rank)
            if lo <= t.start and t.end <= hi and t.start != sentence.start and t.text.startswith(opening)][:MAX_ITEMS]


def expand_lists(picked: list[Sentence], chunks: list[Chunk], wants_list: bool = False) -> list[Sentence]:
    """Each picked lead-in followed by its items, each quoted by its own first sentence; the items may
    sit in the chunks after the lead-in's own (`chunks`: the notice's chunks in text order). With
    `wants_list`, a picked item first brings its lead-in, and a sentence that opens an inline list
    ("；") brings the rest of it."""
    if wants_list:
        for s in list(picked):
            more = [*semicolon_run(s), *parallel_sentences(s)]
            picked = [*picked, *(t for t in more if not any(t.overlaps(p) for p in picked))]
        for item in [s for s in picked if is_item(s) and not is_lead_in(s)]:
            lead = lead_in_of(item, chunks)
            if lead is not None and not any(lead.overlaps(p) for p in picked):
                picked = [*picked, lead]
    out: list[Sentence] = []
    listed: list[Sentence] = []  # lead-ins and their items
    for s in picked:
        out.append(s)
        if not is_lead_in(s):
            continue
        listed.append(s)
        following = [t for t in _sentences([s.chunk], s.rank) if t.start >= s.end]
        if not any(is_item(t) for t in following):
            following = _sentences([c for c in chunks if s.end <= c.start < s.end + LIST_WINDOW], s.rank)
        for item in _list_items(following):
            already = [p for p in [*out, *picked] if item.overlaps(p)]
            if not already:
                out.append(item)
            listed.extend(p for p in already or [item] if p not in listed)
    if not listed:
        return out
    # A list reads in its own order: lead-in first, then its items as the notice numbers them.
    return [s for s in out if s not in listed] + sorted(listed, key=lambda s: s.start)
