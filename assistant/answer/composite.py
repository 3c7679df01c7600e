"""Questions that ask about two notices in one message ("2021年石狮…几号前交材料？2022年泉州市级的申报
截止又是哪天？"): each part is answered on its own, about the notices it names, and the answers are
joined with their citations renumbered.

A message is split only when at least two of its parts (ended by ？ or ；) each name notices and they
name different ones; a message that compares ("分别", "一样吗") stays whole, since the side-by-side
answer serves it, and so do several questions about one notice (the leads answer each fact).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..scope import YEAR
from ..vocabulary import BATCH, COMPARE_WHICH, REFERS_BACK
from .models import AskResult

PART_END = re.compile(r"[？?；;]")  # what ends one question of a message
PART = re.compile(rf"[^？?；;]+{PART_END.pattern}?")
# A part shorter than this (in Chinese characters) is not a question of its own ("是吗？").
MIN_PART_CHARS = 6
CITE = re.compile(r"\[(\d+)\]")
# The level words of a round that a part referring back to it inherits ("湖南这批" after "第四批国家…").
ROUND_LEVELS = ("国家级", "国家", "工信部", "工业和信息化部", "省级", "市级")
ORDINALS = "一二三四五六七八九十"


def question_parts(question: str) -> list[str]:
    return [p.strip() for p in PART.findall(question)
            if len(re.findall(r"[\u4e00-\u9fff]", p)) >= MIN_PART_CHARS]


def separate_parts(question: str, read: Callable[[str], tuple[frozenset[str], bool]],
                   compare: re.Pattern[str]) -> list[str] | None:
    """The parts to answer one by one, or None when the message is one question. `read(part)` gives
    the notices a part names (empty when it names none) and whether it names a place or a year of
    its own."""
    if compare.search(question) or COMPARE_WHICH.search(question):
        return None
    parts: list[tuple[str, frozenset[str]]] = []
    for part in question_parts(question):
        named, anchored = read(part)
        if parts and REFERS_BACK.search(part) and not anchored:  # "总数…": with the question it refers to
            joined = parts[-1][0] + part
            parts[-1] = (joined, read(joined)[0])
        else:
            parts.append((part, named))
    sets = [named for _, named in parts if named]
    if len(parts) < 2 or len(sets) < 2 or len(set(sets)) < 2:
        return None
    return [part for part, _ in parts]


def carry_round(parts: list[str]) -> list[str]:
    """The text each part is answered from: a part that refers back to the round of the part before it
    ("第四批国家示范名单哪天公布？湖南这批有多少个入选？") is read with that round's batch, year and
    level, its own place kept."""
    asked = list(parts)
    for i in range(1, len(parts)):
        if not REFERS_BACK.search(parts[i]):
            continue
        before = parts[i - 1]
        words = [m.group(0) for m in BATCH.finditer(before)] + [m.group(0) for m in YEAR.finditer(before)]
        words += [w for w in ROUND_LEVELS if w in before and not any(w in o for o in ROUND_LEVELS if o != w and o in before)]
        words = list(dict.fromkeys(w for w in words if w not in parts[i]))
        if words:
            asked[i] = f"{''.join(words)}：{parts[i]}"
    return asked


def merge_parts(question: str, answered: list[tuple[str, AskResult]]) -> AskResult:
    """One answer: each part under its own heading, citations renumbered in order."""
    blocks: list[str] = []
    citations = []
    notices: list[str] = []
    notes: list[str] = []
    for i, (part, result) in enumerate(answered):
        offset = len(citations)
        text = CITE.sub(lambda m, shift=offset: f"[{int(m.group(1)) + shift}]", result.answer)
        citations += [c.model_copy(update={"n": c.n + offset}) for c in result.citations]
        blocks.append(f"（{ORDINALS[i] if i < len(ORDINALS) else i + 1}）{part}\n{text}")
        notices += [n for n in result.notices if n not in notices]
        notes += [n for n in result.deadline_notes if n not in notes]
    abstained = all(r.abstained for _, r in answered)
    return AskResult(
        answer="\n\n".join(blocks), citations=citations, abstained=abstained, notices=notices,
        deadline_notes=notes, query=question, reason=answered[0][1].reason if abstained else None,
        writer=answered[0][1].writer,
    )
