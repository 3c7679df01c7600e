"""What a list answer quotes: per notice, the governing clause(s) with one answer budget shared
among them; the notice's best sentence when no list holds it and it adds to them; and, side by side,
which notices have a say at all."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..corpus import Notice
from ..vocabulary import list_kinds, names_listed_kind
from .clause_lists import ListBlock, clause_label, find_lists, list_block, quote_chars, render
from .evidence import Evidence
from .sentences import Sentence, SentenceScorer
from .tuning import TUNING


def list_blocks(ev: Evidence, notice_ids: list[str], notice: Callable[[str], Notice],
                scorer: SentenceScorer) -> dict[str, list[ListBlock]]:
    """Per notice, the clause(s) governing a list question, rendered for the answer."""
    kinds = list_kinds(ev.question)
    out: dict[str, list[ListBlock]] = {}
    for notice_id in notice_ids:
        tree = notice(notice_id).tree()
        found = find_lists(tree, ev.ranked, kinds, notice_id, ev.question,
                           lambda head: scorer.coverage(ev.question, head))
        if not found:
            continue
        chosen = [b for b in found if b.score >= TUNING.second_list_ratio * found[0].score][:2]
        out[notice_id] = sorted(chosen, key=lambda b: b.clause.start)
    # one answer budget shared by every notice's and list's clauses: a short list keeps its whole
    # text, the rest is shared by the longer ones
    whole = {id(b): quote_chars(notice(n).tree(), render(notice(n).tree(), b.clause, ev.scope.categories, False))
             for n, bs in out.items() for b in bs}
    budgets, left = {}, TUNING.list_budget_chars
    for i, key in enumerate(sorted(whole, key=whole.__getitem__)):
        budgets[key] = min(whole[key], left // (len(whole) - i))
        left -= budgets[key]
    return {n: [list_block(notice(n).tree(), b, ev.scope.categories, budget=max(1, budgets[id(b)])) for b in bs]
            for n, bs in out.items()}


def outside_best(ev: Evidence, notice: Notice, blocks: list[ListBlock], scorer: SentenceScorer) -> list[Sentence]:
    """The notice's best sentence when the list does not hold it: the answer keeps it first. Not a
    sibling of a clause the question named and narrowed to ("服务能力上要达到哪些" leaves 1.服务内容 out)."""
    best = next((s for s in ev.ranked if s.notice_id == notice.id), None)
    if best is None or any(b.holds(best.start) for b in blocks):
        return []
    # ...nor one the lists cover the question better than, unless it names the kind of list asked
    # for and they do not ("从网上填报到部里评审，流程是怎么走的": the steps, not the sentence on
    # 网上填报; "讲究哪几条原则": the sentence naming the 原则, though a list of 重点领域 was found)
    kinds = list_kinds(ev.question)
    listed = " ".join(notice.text[q.start : q.end] for b in blocks for q in b.quotes)  # as shown
    paths = " ".join(" ".join(b.clause.path) for b in blocks)
    section = " ".join(best.chunk.section)
    if (scorer.coverage(ev.question, listed, paths) > scorer.coverage(ev.question, best.text, section)
            and not (names_listed_kind(ev.question, kinds, f"{best.text} {section}")
                     and not names_listed_kind(ev.question, kinds, f"{listed} {paths}"))):
        return []
    tree = notice.tree()
    bare = re.sub(r"\s+", "", ev.question)
    parents = [tree.parent(b.clause) for b in blocks if len(clause_label(b.clause)) >= 2 and clause_label(b.clause) in bare]
    if any(p is not None and p.rank >= 0 and p.start <= best.start < p.span_end for p in parents):
        return []
    return [best]


def with_the_list(groups: dict[str, list[Sentence]], blocks: dict[str, list[ListBlock]],
                  notice: Callable[[str], Notice]) -> dict[str, list[Sentence]]:
    """Side by side, beside a notice of the same region that has the list asked for, one without it is
    not what that region's side means ("山西和河南的共性条件…": not 河南's 基本模式 document)."""
    listing = {notice(n).meta.region for n in blocks}
    return {n: g for n, g in groups.items() if n in blocks or notice(n).meta.region not in listing}
