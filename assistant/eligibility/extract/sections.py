"""The sentences of a notice that state conditions, read from its clause tree.

A condition clause is a heading the vocabulary knows as one ("三、申报条件", "（一）共性条件",
"第N条 …应当具备下列条件：") with everything below it. Each sentence under it gets the
categories it applies to (from the nearest heading that names one, else from the subject it opens
with: "申报平台应为…", else every offered category but the city) and the mode it is specific to,
when it sits under one of several parallel headings (a mode's "1.基本要求 2.服务能力 3.综合效益"
repeated for each mode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...clauses import Clause, ClauseTree
from ...corpus import Notice
from ...structure import ATTACHMENT_LIST
from ...vocabulary import (
    CATEGORY_WORDS,
    CONDITION_HEAD,
    CONDITION_SUBJECT,
    SECTION_CATEGORY_MARKERS,
    heading_categories,
    numbering,
)

SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
# A heading whose condition word sits further into its line than this is a sentence that merely
# mentions conditions ("…对符合申报条件的企业给予…"), not a condition heading. Measured on the
# 5 corpus notices and the 49 external ones: every condition heading matches within 30 characters.
HEAD_MATCH_WITHIN = 30
MIN_SENTENCE_CHARS = 6
# Items shared by parallel headings that make them variants (modes) of one condition clause.
PARALLEL_SHARED_ITEMS = 2
MODE_LABEL_MAX = 16
# Where a sentence's subject ends ("…示范企业申报主体为…", "…示范平台应…"), looked for this far in.
SUBJECT_END = re.compile(r"申报主体|申报单位|应当|应|须|必须")
SUBJECT_MAX = 30
# A sentence that says who may apply, wherever it stands.
APPLICANT_DEFINITION = re.compile(r"申报(?:主体|单位|企业|对象)(?:应当?|须|必须)?(?:为|是)")
# Flattened pages: the next top-level heading ends the conditions; pieces end at inline numbering
# ("（二）", "2、") or a sentence end; a piece this short naming a category is an inline title.
TOP_HEADING = re.compile(r"(?<![\u4e00-\u9fff（(])[一二三四五六七八九十]{1,3}、")
INLINE_MARK = r"[（(][一二三四五六七八九十]{1,3}[)）]|(?<![\d.])\d{1,2}[、.．](?!\d)"
INLINE_PIECE = re.compile(rf"(?:{INLINE_MARK})?(?:(?!{INLINE_MARK})[^。；;！？\n])+[。；;！？]?")
INLINE_TITLE_MAX = 12
INLINE_SPAN_MAX = 3000


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    section: tuple[str, ...]
    categories: tuple[str, ...]
    mode: str | None
    title: bool = False  # the sentence is a heading's title line ("（二）专项条件")


def _label(tree: ClauseTree, clause: Clause) -> str:
    line = tree.head_line(clause)
    return line[len(numbering(line)) :].strip()


def _is_condition_head(tree: ClauseTree, clause: Clause) -> bool:
    if not (clause.numbered or clause.rank < 0) or clause.kind == "outline":
        return False  # an outline's "（参考附件1“…基本条件”…）" guides the writing, it states no condition
    line = tree.head_line(clause)
    if ATTACHMENT_LIST.match(line):  # "附件：1.…基本条件": the list of annexes names them
        return False
    match = CONDITION_HEAD.search(line)
    return match is not None and match.start() <= HEAD_MATCH_WITHIN


def condition_heads(tree: ClauseTree) -> list[Clause]:
    """The outermost condition clauses, in text order."""
    heads: list[Clause] = []
    for clause in tree.clauses:
        if any(h.start <= clause.start < h.span_end for h in heads):
            continue
        if _is_condition_head(tree, clause):
            heads.append(clause)
    return heads


def _short(label: str) -> str:
    return re.split(r"[。：:，,（(]", label, maxsplit=1)[0].strip()


def _mode_of(tree: ClauseTree, clause: Clause, head: Clause) -> str | None:
    """The mode a clause is specific to: an ancestor below `head` that is one of several parallel
    headings (siblings whose items carry the same short labels)."""
    for node in tree.ancestors(clause):
        if node.id == head.id:
            return None
        parent = tree.parent(node)
        if parent is None or not node.numbered:
            continue
        own = {_short(_label(tree, c)) for c in tree.items(node)}
        if len(own) < PARALLEL_SHARED_ITEMS:
            continue
        twins = [s for s in tree.items(parent) if s.id != node.id
                 and len(own & {_short(_label(tree, c)) for c in tree.items(s)}) >= PARALLEL_SHARED_ITEMS]
        label = _short(_label(tree, node))
        if twins and 2 <= len(label) <= MODE_LABEL_MAX:
            return label
    return None


def _heading_categories(tree: ClauseTree, clause: Clause, head: Clause) -> list[str]:
    for node in tree.ancestors(clause):
        found = heading_categories(tree.head_line(node)) if node.rank < 99 else []
        if found:
            return found
        if node.id == head.id:
            break
    return []


def _subject(sentence: str) -> str | None:
    """The one category a sentence is about when its subject says so: "申报平台应为…", "企业类应为…",
    "省级…示范企业申报主体为…" (a subject naming two categories is about both: no single one)."""
    bare = sentence.lstrip()
    bare = bare[len(numbering(bare)) :].lstrip()
    match = CONDITION_SUBJECT.match(bare)
    if match is not None:
        word = match.group(1) or match.group(2)
        return next(name for name, words in CATEGORY_WORDS.items() if word in words)
    verb = SUBJECT_END.search(bare, 0, SUBJECT_MAX)
    if verb is None:
        return None
    named = [c for c, words in SECTION_CATEGORY_MARKERS.items() if c != "platform" and any(w in bare[: verb.start()] for w in words)]
    if "示范平台" in bare[: verb.start()]:
        named.append("platform")
    return named[0] if len(named) == 1 else None


def _applicant_definitions(notice: Notice, tree: ClauseTree, heads: list[Clause], common: list[str],
                           offered: list[str]) -> list[Sentence]:
    """Sentences outside the condition clauses that define who applies ("示范企业申报主体为制造业企业。"
    in a 遴选范围 section)."""
    out = []
    for line in re.finditer(r"[^\n]+", notice.text):
        if any(h.start <= line.start() < h.span_end for h in heads):
            continue
        for match in SENTENCE.finditer(line.group(0)):
            body = match.group(0)
            if not APPLICANT_DEFINITION.search(body):
                continue
            subject = _subject(body)
            cats = [subject] if subject else common
            start = line.start() + match.start()
            clause = tree.at(start)
            section = tuple(clause.path) if clause else ()
            out.append(Sentence(start, start + len(body), body, section, tuple(c for c in cats if c in offered or not offered), None))
    return out


def _inline_sentences(notice: Notice, common: list[str], offered: list[str]) -> list[Sentence]:
    """A flattened page (the whole notice on a few lines, headings inline): the text from a condition
    heading ("一、申报条件") to the next top-level heading, cut at inline numbering and
    sentence ends; an inline title naming a category ("（一）示范企业") sets the category."""
    text = notice.text
    out: list[Sentence] = []
    for head in CONDITION_HEAD.finditer(text):
        stop = TOP_HEADING.search(text, head.end())
        end = min(stop.start() if stop else len(text), head.end() + INLINE_SPAN_MAX)
        cats = common
        pieces = [m for m in INLINE_PIECE.finditer(text, head.end(), end)]
        for piece in pieces:
            body = piece.group(0)
            label = body.strip()
            named = heading_categories(label) if len(label) <= INLINE_TITLE_MAX else []
            if named:
                cats = [c for c in named if c in offered or not offered] or named
                continue
            if len(label) < MIN_SENTENCE_CHARS:
                continue
            subject = _subject(body)
            if subject is not None:  # "申报平台应为…": this piece and the ones after it
                cats = [subject]
            out.append(Sentence(piece.start(), piece.end(), body, (), tuple(cats), None))
    return out


def condition_sentences(notice: Notice) -> list[Sentence]:
    """Every sentence under the notice's condition clauses, with its categories and mode."""
    tree = notice.tree()
    text = notice.text
    offered = list(notice.meta.categories)
    common = [c for c in offered if c != "city"] or offered
    heads = condition_heads(tree)
    if not heads:
        return _inline_sentences(notice, common, offered) + _applicant_definitions(notice, tree, [], common, offered)
    out: list[Sentence] = _applicant_definitions(notice, tree, heads, common, offered)
    for head in heads:
        for clause in tree.clauses:
            if not (head.start <= clause.start < head.span_end):
                continue
            by_heading = _heading_categories(tree, clause, head)
            mode = _mode_of(tree, clause, head)
            section = tuple(clause.path)
            head_line = tree.head_line(clause) if clause.rank < 99 and clause.children else None
            for line_match in re.finditer(r"[^\n]+", text[clause.start : clause.end]):
                line_start = clause.start + line_match.start()
                subject: str | None = None
                for match in SENTENCE.finditer(line_match.group(0)):
                    body = match.group(0)
                    if len(body.strip()) < MIN_SENTENCE_CHARS:
                        continue
                    subject = _subject(body) or subject
                    if by_heading:
                        cats = by_heading
                    elif subject is not None:
                        cats = [subject]
                    else:
                        cats = common
                    if offered:
                        cats = [c for c in cats if c in offered] or cats
                    start = line_start + match.start()
                    title = head_line is not None and body.strip() == head_line
                    out.append(Sentence(start, start + len(body), body, section, tuple(cats), mode, title))
    return out
