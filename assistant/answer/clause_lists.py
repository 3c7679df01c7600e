"""List answers from the clause tree: the clause that governs a list question, quoted whole.

A question about conditions, materials, steps, cases, parts, modes or quotas is answered with the
clause that introduces such a list (its heading or lead-in names the kind: "三、申报条件",
"第十二条有下列情况之一的，撤销其…称号：") and every item under it, in the notice's order and
numbering. An item found alone brings its lead-in and siblings. Branches about another category
("（三）示范平台专项条件" for an enterprise) are left out; with no category asked, every branch is
given, each item by its first sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..clauses import SENTENCE_END, Clause, ClauseTree, numbering
from ..structure import LEAD_ITEM_RANK
from ..vocabulary import (
    CATEGORY_LABEL_MAX,
    COMMON_HEAD,
    asks_common,
    heading_categories,
    introduces,
    without_excluded,
)
from .sentences import Sentence
from .tuning import TUNING

ANNEX_MARK = re.compile(r"^附件\s*\d*\s*")


@dataclass
class Quote:
    """One line of a list answer: a verbatim span of the notice, indented by its depth."""

    start: int
    end: int
    depth: int


@dataclass
class ListBlock:
    notice_id: str
    clause: Clause
    quotes: list[Quote]
    score: float
    brief: bool = False  # items cut to their first sentences (several categories, or too long)

    def holds(self, offset: int) -> bool:
        return self.clause.start <= offset < self.clause.span_end


def _head(tree: ClauseTree, clause: Clause) -> str:
    """A clause's heading and lead-in; an annex's title without its "附件N" marker."""
    label = ANNEX_MARK.sub("", clause.path[-1]) if clause.path else ""
    head, lead = tree.head_line(clause), tree.lead_in(clause)
    return f"{label} {ANNEX_MARK.sub('', head)}" + (f" {lead}" if lead != head else "")


def _is_list(tree: ClauseTree, clause: Clause) -> bool:
    """A clause with at least two numbered items (an attachment or a form counts: 填报说明, 提纲)."""
    return clause.rank < 99 and len(tree.items(clause)) >= 2


def _in_annex(tree: ClauseTree, clause: Clause) -> bool:
    return tree.ancestors(clause)[-1].rank == -2


def governing_clause(tree: ClauseTree, seed: Clause, kinds: list[str]) -> Clause | None:
    """The highest clause above `seed` (itself included) that introduces a list of one of `kinds`,
    without passing over a list that does not once one matched. Else, for an item whose lead-in ends
    with a colon ("有下列情况之一的，…："), that lead-in's clause. (Taking any list around a seed when
    the question says "有哪些" was tried on qa_lists.jsonl: it picked mode details for category
    questions.)"""
    matched: Clause | None = None
    for clause in tree.ancestors(seed):
        if not _is_list(tree, clause):
            continue
        if any(introduces(kind, _head(tree, clause)) for kind in kinds):
            if clause.rank == -2 and matched is not None:
                break  # a whole annex only when nothing inside it introduces the list
            matched = clause
        elif matched is not None:
            break
    if matched is not None:
        return matched
    for clause in tree.ancestors(seed)[1:2]:  # an item found alone: its lead-in ends with a colon
        if _is_list(tree, clause) and clause.rank >= 0 and tree.lead_in(clause).endswith(("：", ":")):
            return clause
    return None


def clause_label(clause: Clause) -> str:
    """A heading's title without its numbering ("五、共享制造" → "共享制造")."""
    label = clause.path[-1] if clause.path else ""
    return re.sub(r"\s+", "", label[len(numbering(label)) :]).strip("。：:；;")


def _touched(labels: list[tuple[Clause, str]], named: list[Clause], bare: str, own_text: str = "") -> list[Clause]:
    """Items besides the named one that the question touches by a word of their title found in no
    other title ("服务内容和效益" touches 综合效益; "服务", in every title, touches nothing), nor in the
    named item's own text ("全生命周期管理…提供哪些增值服务": the item itself speaks of 增值服务)."""
    own = "".join(label for c, label in labels if c in named) + own_text
    out = []
    for item, label in labels:
        if item in named:
            continue
        pairs = {label[i : i + 2] for i in range(len(label) - 1)}
        if any(p in bare and p not in own and not any(p in other for c, other in labels if c is not item) for p in pairs):
            out.append(item)
    return out


def narrow(tree: ClauseTree, clause: Clause, question: str) -> Clause:
    """Down to the one item the question names by its title ("共享制造模式具体要求是啥" → 五、共享制造)."""
    bare = re.sub(r"\s+", "", question)
    while True:
        labels = [(c, clause_label(c)) for c in tree.items(clause) if 2 <= len(clause_label(c)) <= CATEGORY_LABEL_MAX]
        named = [c for c, label in labels if label in bare]
        own_text = tree.text[named[0].start : named[0].span_end] if len(named) == 1 else ""
        if len(named) != 1 or _touched(labels, named, bare, own_text):
            return clause
        clause = named[0]


def named_clause(tree: ClauseTree, seed: Clause, question: str) -> Clause | None:
    """The highest list above `seed` whose title the question names ("按检验检测认证服务模式报…要符合
    哪些要求" → 六、检验检测认证服务): what the question asks about is that item's whole text."""
    bare = re.sub(r"\s+", "", question)
    named = [c for c in tree.ancestors(seed)
             if _is_list(tree, c) and c.rank >= 0 and 2 <= len(clause_label(c)) <= CATEGORY_LABEL_MAX and clause_label(c) in bare]
    return named[-1] if named else None


def titled_item(tree: ClauseTree, seed: Clause, question: str) -> Clause | None:
    """The deepest numbered clause around `seed` whose title the question names ("定制化服务的服务能力
    具体指什么" → 2.服务能力): what the question asks about is that clause, not its first sentence."""
    bare = re.sub(r"\s+", "", question)
    for clause in tree.ancestors(seed):
        label = clause_label(clause)
        if clause.numbered and 2 <= len(label) <= CATEGORY_LABEL_MAX and label in bare:
            return clause
    return None


def _run_of_points(tree: ClauseTree, seed: Clause) -> Clause | None:
    """A point of a run ("二是要确保…") found alone: the list is the lead-in or heading holding the run."""
    parent = tree.parent(seed)
    if seed.rank != LEAD_ITEM_RANK or parent is None or len(tree.items(parent)) < 2:
        return None
    return parent


def headed_lists(tree: ClauseTree, kinds: list[str]) -> list[Clause]:
    """The outermost numbered lists whose own heading introduces one of `kinds`."""
    return _outermost([c for c in tree.clauses if c.numbered and _is_list(tree, c)
                       and any(introduces(kind, ANNEX_MARK.sub("", tree.head_line(c))) for kind in kinds)])


def _outermost(clauses: list[Clause]) -> list[Clause]:
    """Those not inside another of them (a clause inside another is the same answer, narrower)."""
    return [c for c in clauses if not any(o is not c and o.start <= c.start and c.span_end <= o.span_end for o in clauses)]


def find_lists(
    tree: ClauseTree,
    ranked: list[Sentence],
    kinds: list[str],
    notice_id: str,
    question: str = "",
    head_fit: Callable[[str], float] | None = None,
) -> list[ListBlock]:
    """Candidate governing clauses of one notice, scored by the ranked sentences they hold."""
    common = "conditions" in kinds and asks_common(question)
    question = without_excluded(question)  # a heading it sets aside is not one it names
    scores: dict[int, float] = {}
    clauses: dict[int, Clause] = {}
    own = [s for s in ranked if s.notice_id == notice_id][: TUNING.list_seed_sentences]
    for s in own:
        seed = tree.at(s.start)
        if seed is None:
            continue
        clause = ((governing_clause(tree, seed, kinds) if kinds else None) or named_clause(tree, seed, question)
                  or _run_of_points(tree, seed))
        if clause is None:
            continue
        clause = narrow(tree, clause, question)
        clauses[clause.id] = clause
        prior = 1.0 if _in_annex(tree, clause) else TUNING.body_list_prior
        scores[clause.id] = max(scores.get(clause.id, 0.0), prior * s.score)
    if not clauses and kinds and (not own or own[0].coverage < TUNING.weak_coverage):
        # no best sentence lies under such a list and none covers the question well: the notice's
        # own headings say where it is ("评审看重哪几个方面" → 二、遴选原则, whose items share no words
        # with the question)
        for clause in headed_lists(tree, kinds):
            clauses[clause.id] = clause
            prior = 1.0 if _in_annex(tree, clause) else TUNING.body_list_prior
            scores[clause.id] = prior * (own[0].score if own else 1.0)
    if head_fit is not None:  # a lead-in that names what the question asks about ("重点领域为：") wins
        scores = {i: score * (1 + head_fit(_head(tree, clauses[i]))) for i, score in scores.items()}
    blocks = [ListBlock(notice_id, clauses[i], [], score) for i, score in scores.items()]
    if blocks and common:
        # the conditions all categories share: the notice's own clause titled so (（一）共性条件)
        common = _outermost([c for c in tree.clauses if c.numbered and COMMON_HEAD.search(clause_label(c))
                             and "条件" in clause_label(c)])
        if common:
            best = max(b.score for b in blocks)
            blocks = [ListBlock(notice_id, c, [], best) for c in common]
    if any(b.clause.rank != -2 for b in blocks):  # a whole annex only when nothing narrower answers
        blocks = [b for b in blocks if b.clause.rank != -2]
    outer = {id(c) for c in _outermost([b.clause for b in blocks])}
    return sorted((b for b in blocks if id(b.clause) in outer), key=lambda b: -b.score)


def _keep(tree: ClauseTree, clause: Clause, categories: list[str]) -> bool:
    named = heading_categories(clause.path[-1] if clause.path else "") or heading_categories(tree.head_line(clause))
    return not categories or not named or bool(set(named) & set(categories))


def _lines(tree: ClauseTree, clause: Clause) -> list[tuple[int, int]]:
    """The clause's own lines as offsets."""
    out, pos = [], clause.start
    for raw in tree.text[clause.start : clause.end].split("\n"):
        stripped = raw.strip(" \u3000")
        if stripped:
            start = pos + raw.index(stripped[0])
            out.append((start, start + len(stripped)))
        pos += len(raw) + 1
    return out


def render(
    tree: ClauseTree, clause: Clause, categories: list[str], brief: bool | set[int], max_depth: int = 9
) -> list[Quote]:
    """The clause's lead-in and items (recursively, to `max_depth`), whole or cut to their first
    sentences: every node when `brief` is True, the nodes whose ids it holds when it is a set."""
    quotes: list[Quote] = []

    def walk(node: Clause, depth: int) -> None:
        if depth > max_depth:
            return
        lines = _lines(tree, node)
        if lines and (brief is True or (isinstance(brief, set) and node.id in brief)):
            lines = _first_lines(tree, node, lines)
        quotes.extend(Quote(a, b, depth) for a, b in lines)
        for child in tree.children(node):
            if child.numbered and not _keep(tree, child, categories):
                continue
            walk(child, depth + 1)

    walk(clause, 0)
    return quotes


def _first_lines(tree: ClauseTree, node: Clause, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A node's text cut to its first sentence; a bare title ("1. 示范企业。") keeps the sentence after it."""
    first = tree.first_sentence(node)
    bare = len(clause_label(node)) <= CATEGORY_LABEL_MAX and first[1] - first[0] <= CATEGORY_LABEL_MAX + 4
    if bare and len(lines) > 1 and not tree.items(node):  # "1. 共性条件。" and its body
        return [first, _first_sentence_of(tree.text, lines[1])]
    if bare and first[1] < lines[0][1] and not tree.items(node):  # "1. 示范企业。申报企业应为…"
        return [(first[0], _first_sentence_of(tree.text, (first[1], lines[0][1]))[1])]
    return [first]


def _first_sentence_of(text: str, line: tuple[int, int]) -> tuple[int, int]:
    match = SENTENCE_END.search(text, line[0], line[1])
    return line[0], match.end() if match else line[1]


def quote_chars(tree: ClauseTree, quotes: list[Quote]) -> int:
    return sum(q.end - q.start for q in quotes)


def _descendants(tree: ClauseTree, clause: Clause) -> list[Clause]:
    out: list[Clause] = []
    for child in tree.children(clause):
        out += [child, *_descendants(tree, child)]
    return out


def _shown_nodes(tree: ClauseTree, clause: Clause, categories: list[str]) -> list[Clause]:
    out = [clause]
    for child in tree.children(clause):
        if not (child.numbered and not _keep(tree, child, categories)):
            out += _shown_nodes(tree, child, categories)
    return out


def list_block(
    tree: ClauseTree, block: ListBlock, categories: list[str], brief: bool = False, budget: int | None = None
) -> ListBlock:
    """The block's quotes within `budget` quoted characters: whole, else the longest items cut to
    their first sentences one by one (short items stay whole), else only the first level."""
    budget = budget or TUNING.list_budget_chars
    named = {c for d in _descendants(tree, block.clause) for c in heading_categories(d.path[-1] if d.path else "")}
    several = not categories and len(named) > 1
    if brief or several:
        quotes = render(tree, block.clause, categories, brief=True)
    else:
        cut: set[int] = set()
        quotes = render(tree, block.clause, categories, brief=cut)
        nodes = sorted(_shown_nodes(tree, block.clause, categories), key=lambda c: c.start - c.end)
        for node in nodes:  # longest own text first
            if quote_chars(tree, quotes) <= budget:
                break
            cut.add(node.id)
            quotes = render(tree, block.clause, categories, brief=cut)
    if quote_chars(tree, quotes) > budget:  # a long chapter: its items' first sentences
        quotes = render(tree, block.clause, categories, brief=True, max_depth=1)
    return ListBlock(block.notice_id, block.clause, quotes, block.score, brief=several)


def whole_items(tree: ClauseTree, sentences: list[Sentence], max_chars: int) -> list[Sentence]:
    """Each sentence widened to the whole numbered item it is part of, when that item is a leaf no
    longer than `max_chars` and lies in the sentence's chunk: the answer quotes the clause, not a
    fragment of it ("…财务收支状况良好。" brings "有明确的发展规划和目标…" of the same item)."""
    out: list[Sentence] = []
    for s in sentences:
        clause = tree.at(s.start)
        widened = s
        if clause is not None and clause.numbered and not clause.children:
            start, end = clause.start, clause.end
            while end > start and tree.text[end - 1] in " \n\u3000":
                end -= 1
            chunk = s.chunk
            if end - start <= max_chars and chunk.start <= start and end <= chunk.end and (start, end) != (s.start, s.end):
                widened = replace(s, start=start, end=end, text=tree.text[start:end])
        if any(widened.overlaps(o) for o in out):
            widened = s  # the item is already quoted in part: keep the sentence itself, if new
        if not any(widened.overlaps(o) for o in out):
            out.append(widened)
    return out
