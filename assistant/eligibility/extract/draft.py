"""A rule pack drafted from a notice's own condition clauses (the `rules.yaml` schema, unreviewed).

Each finding of `kinds` becomes a rule with its quote; a condition sentence no kind reads becomes
a guidance item for the expert (never a guessed rule); the categories the notice offers become the
category gate, quoted from the sentence that names them. The result validates as a `RulePackSpec`
and compiles like a hand-written pack, so every quote is verified against the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from ...chunking import Chunk
from ...corpus import Notice, chunks_for
from ...vocabulary import CATEGORY_LABEL_MAX, CATEGORY_WORDS, SECTION_CATEGORY_MARKERS
from ..conditions import Condition
from ..pack import RulePackSpec
from .kinds import Context, Finding, phrase_span, read_sentence
from .sections import SENTENCE, Sentence, condition_sentences

# A guidance item quotes its sentence whole up to this many characters, else its opening phrases.
GUIDANCE_QUOTE_MAX = 120
LABEL_MAX = 40
CATEGORY_SUFFIX = {"enterprise": "enterprise", "platform": "platform", "project": "project", "city": "city"}

EXPLANATIONS: dict[str, dict[str, str]] = {
    "category_offered": {"pass": "申报类别为{applicant}，属于本通知遴选的类别（{offered}）。",
                         "fail": "本通知遴选的类别为{offered}，不受理{applicant}申报。"},
    "registered_in": {"pass": "注册地为{place}，在{required}。", "fail": "注册地为{place}，不在{required}。"},
    "min_years": {"pass": "{value}起算，至{as_of}已满{years}年（{threshold}满）。",
                  "fail": "{value}起算，至{as_of}未满{years}年（{threshold}才满）。"},
    "on_or_before": {"pass": "{value}成立或投入运营，在{date}以前。", "fail": "{value}成立或投入运营，晚于{date}。"},
    "no_dates_in": {"pass": "{since}至{as_of}未发生重大质量、安全或环保事故。",
                    "fail": "在{hits}发生过重大事故，在{since}至{as_of}期间内。"},
    "ratio_at_least": {"pass": "服务收入占营业收入{ratio}，达到{percent}。",
                       "fail": "服务收入占营业收入{ratio}，未达到{percent}。"},
    "amount_at_least": {"pass": "营业收入{value}，不低于{amount}。", "fail": "营业收入{value}，低于{amount}。"},
}


@dataclass(frozen=True)
class Draft:
    """A drafted pack: the spec (validated) and what the extractor saw."""

    spec: RulePackSpec
    conditions_found: bool  # the notice has condition clauses of its own
    read: int  # rules read from the text (not guidance items)
    chunks: list[Chunk]  # the notice's chunks the quotes were placed in (compiling verifies against them)


def _chunk_section(chunks: list[Chunk], start: int, end: int) -> str | None:
    for chunk in chunks:
        if chunk.start <= start and end <= chunk.end:
            return chunk.section_text
    return None


def _explanation(op: str, label: str) -> dict[str, str]:
    if op in EXPLANATIONS:
        return dict(EXPLANATIONS[op])
    if op in ("is_true", "is_false"):
        return {"pass": f"符合“{label}”。", "fail": f"不符合“{label}”。"}
    return {"pass": f"符合“{label}”。", "fail": f"不符合“{label}”。",
            "unknown": f"“{label}”需由专家评审，系统不作判断。"}


def _named(body: str, offered: list[str], words: dict[str, tuple[str, ...]]) -> list[str]:
    return [c for c in offered if any(w in body for w in words[c])]


def _gate_quote(notice: Notice) -> tuple[int, int] | None:
    """The first sentence that names the offered categories: "示范企业、平台两类" (at least two
    when the notice offers two or more), else one of the programme that names them all
    ("服务型制造示范（企业、项目、平台、城市）遴选")."""
    offered = list(notice.meta.categories)
    if not offered:
        return None
    sentences = [(line.start() + m.start(), m.group(0)) for line in re.finditer(r"[^\n]+", notice.text)
                 for m in SENTENCE.finditer(line.group(0))]
    need = min(2, len(offered))
    found = next(((start, body) for start, body in sentences
                  if len(_named(body, offered, SECTION_CATEGORY_MARKERS)) >= need), None)
    if found is None:
        found = next(((start, body) for start, body in sentences
                      if "示范" in body and len(_named(body, offered, CATEGORY_WORDS)) == len(offered)), None)
    if found is None:  # the categories are only named one by one: cite the first ("（一）示范企业")
        found = next(((start, body) for start, body in sentences
                      if _named(body, offered, SECTION_CATEGORY_MARKERS)), None)
    if found is None:
        return None
    start, body = found
    if len(body) <= GUIDANCE_QUOTE_MAX:
        lead = len(body) - len(body.lstrip())
        return start + lead, start + len(body.rstrip("。；;\n "))
    sentence = Sentence(start, start + len(body), body, (), (), None)
    marks = [body.find(w) for c in offered for w in SECTION_CATEGORY_MARKERS[c] if w in body] or [0]
    return phrase_span(sentence, min(marks), max(marks) + 2)


def _rule_id(base: str, categories: tuple[str, ...], common: tuple[str, ...], taken: set[str]) -> str:
    name = base if categories == common else base + "_" + "_".join(CATEGORY_SUFFIX[c] for c in categories)
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _guidance_span(sentence: Sentence) -> tuple[int, int] | None:
    text = sentence.text.rstrip("。；;！!？?\n ")
    left = len(text) - len(text.lstrip(" \u3000"))
    start, end = phrase_span(sentence, left, left)
    body_end = sentence.start + len(text)
    if body_end - start <= GUIDANCE_QUOTE_MAX:
        end = body_end
    if text.endswith(("：", ":")) or end - start <= CATEGORY_LABEL_MAX:
        return None  # a lead-in ("应具备以下条件：") or a title, not a condition
    return start, end


def draft_pack(notice: Notice) -> Draft | None:
    """The pack drafted from the notice's own condition clauses; None when it states none."""
    sentences = condition_sentences(notice)
    chunks = chunks_for(notice)
    ctx = Context(notice.meta.region, tuple(notice.meta.categories))
    offered = tuple(notice.meta.categories)
    common = tuple(c for c in offered if c != "city") or offered
    rules: list[dict[str, Any]] = []
    taken: set[str] = set()
    seen: set[tuple[Any, ...]] = set()

    def add(base: str, label: str, op: dict[str, Any], strength: str, cats: tuple[str, ...],
            span: tuple[int, int], mode: str | None, when: dict[str, Any] | None = None) -> bool:
        section = _chunk_section(chunks, *span)
        if section is None:
            return False
        quote = notice.text[span[0] : span[1]]
        # equal conditions are one rule; qualitative items are told apart by what they quote
        key = (repr(sorted(op.items())), repr(when), cats, mode, strength, quote if op["op"] == "qualitative" else "")
        if key in seen:
            return True
        seen.add(key)
        if when is None and mode:
            when = {"op": "modes_include_any", "values": [mode]}
        fields = sorted(_fields(op) | (_fields(when) if when else set()))
        rule: dict[str, Any] = {
            "id": _rule_id(base, cats, common, taken), "label": label, "categories": list(cats) or "all",
            "fields": fields, "strength": strength, "condition": op,
            "explanation": _explanation(op["op"], label),
            "citation": {"section": section, "quote": quote},
        }
        if when is not None:
            rule["applies_when"] = when
        if mode and when is not None and when.get("op") == "modes_include_any":
            rule["label"] = f"{mode}：{label}"
        rules.append(rule)
        return True

    gate = _gate_quote(notice)
    if gate is not None and add("category_offered", "申报类别为本通知遴选的类别", {"op": "category_offered"},
                                "hard", common, gate, None):
        rules[-1].update(id="category_offered", categories="all")
    read = 0
    for sentence in sentences:
        findings: list[Finding] = read_sentence(sentence, ctx)
        for f in findings:
            cats = f.categories or sentence.categories
            if offered:
                cats = tuple(c for c in cats if c in offered) or cats
            read += add(f.kind, f.label, f.condition, f.strength, cats, (f.start, f.end), sentence.mode, f.applies_when)
        if not findings and not sentence.title and (span := _guidance_span(sentence)) is not None:
            quote = notice.text[span[0] : span[1]]
            label = quote if len(quote) <= LABEL_MAX else quote[: LABEL_MAX - 1] + "…"
            add("guidance", label, {"op": "qualitative"}, "guidance", sentence.categories, span, sentence.mode)
    if not sentences:
        return None
    spec = RulePackSpec.model_validate({"notice_id": notice.id, "rules": rules})
    return Draft(spec=spec, conditions_found=bool(sentences), read=read, chunks=chunks)


# the condition model knows which fields a condition reads
CONDITION: TypeAdapter[Condition] = TypeAdapter(Condition)


def _fields(op: dict[str, Any]) -> set[str]:
    return set(CONDITION.validate_python(op).fields())
