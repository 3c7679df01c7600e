"""The chat's eligibility route: facts from the conversation → the rule engine → a cited reply.

The verdict and every reason come from `assistant.eligibility` (rule packs with verified quotes);
this module only gathers facts, picks the notices in scope and words the engine's result.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..citations import Citation
from ..eligibility import Result
from ..eligibility.dates import fmt
from ..eligibility.engine import RulePack
from ..eligibility.format import UNREVIEWED_NOTE
from ..eligibility.models import VERDICT_LABELS
from ..eligibility.profile import FIELD_INFO
from ..eligibility.rulebook import RuleBook
from ..errors import ShenbaoError
from .profile_extract import Facts

ELIGIBILITY_CUE = re.compile(
    r"能不能(?:申)?报|能(?:申)?报[^，。？?]{0,20}[吗么]|可以(?:申)?报[^，。？?]{0,20}[吗么]|能否申报|能否参评|"
    r"能(?:不能)?申请|可以申请|符合.{0,6}条件[吗么]|够不够格|够格[^，。？?]{0,20}[吗么]|有没有资格|有资格[吗么]|还有资格|"
    r"能参加[吗么]|够条件[吗么]|报得了[吗么]|符合要求[吗么]"
)
MAX_QUESTIONS = 2


def is_eligibility_question(text: str) -> bool:
    return ELIGIBILITY_CUE.search(text) is not None


def profile_for(pack: RulePack, values: dict[str, Any]) -> dict[str, Any]:
    """The profile for one notice: mode keywords become that notice's own mode names."""
    profile = {k: v for k, v in values.items() if k != "mode_keywords"}
    keywords = values.get("mode_keywords") or []
    if keywords:
        modes = [m for m in pack.mode_names if any(k in m for k in keywords)]
        if modes:
            profile["modes"] = modes
    return profile


def _check_with_ranges(pack: RulePack, facts: Facts, today: date, notes: list[str]) -> tuple[Result, list[str]]:
    """Run the engine; a field known only as a range is tried at both ends and kept only if both
    ends give the same outcome for every rule, otherwise it is asked for."""
    base: dict[str, Any] = profile_for(pack, facts.values)
    if not facts.ranges:
        return pack.evaluate(base, today=today), []
    low = dict(base)
    high = dict(base)
    for name, (lo, hi) in facts.ranges.items():
        low[name] = [lo] if name == "major_incidents" else lo
        high[name] = [hi] if name == "major_incidents" else hi
    r_low = pack.evaluate(low, today=today)
    r_high = pack.evaluate(high, today=today)
    if [r.status for r in r_low.rules] == [r.status for r in r_high.rules]:
        for name, (lo, hi) in facts.ranges.items():
            note = f"{FIELD_INFO[name].label}只说到{_period(lo, hi)}，按其中任一日期判断，结论相同（下文以{fmt(lo)}为例）"
            if note not in notes:
                notes.append(note)
        return r_low, []
    return pack.evaluate(base, today=today), list(facts.ranges)


def eligibility_reply(
    facts: Facts, scope_ids: list[str], book: RuleBook, today: date
) -> tuple[str, list[Citation], list[str], list[str]]:
    """(answer text, citations, notices checked, fields still to ask for). The caller makes sure at
    least one notice in scope has a pack (`RuleBook.has_pack`)."""
    notice_ids = [n for n in scope_ids if book.has_pack(n)]
    if not notice_ids:
        raise ShenbaoError("范围内的通知都没有写明可判断的申报条件")
    lines: list[str] = ["以下结论由规则引擎依据通知条款逐条判定（不由语言模型决定）："]
    notes = list(facts.notes)
    citations: list[Citation] = []
    to_ask: list[str] = []
    for notice_id in notice_ids:
        result, unresolved = _check_with_ranges(book.pack(notice_id), facts, today, notes)
        name = f"《{result.title}》" + (f"（{result.doc_no}）" if result.doc_no else "")
        lines.append(f"■ {name}：{VERDICT_LABELS[result.verdict]}（判断基准日 {result.as_of.isoformat()}）")
        if not result.reviewed:
            lines.append(f"  （注意：{UNREVIEWED_NOTE}）")
        decided = result.verdict == "ineligible"  # a hard rule failed: no further fact can change it
        shown = [r for r in result.rules if r.status == "fail" and r.strength != "guidance"]
        if not decided:
            shown += [r for r in result.rules if r.status == "unknown" and r.strength != "guidance"][:3]
        for rule in shown:
            n = len(citations) + 1
            citations.append(rule.citation.model_copy(update={"n": n}))
            mark = "✗" if rule.status == "fail" else "？"
            lines.append(f"  {mark} {rule.label}：{rule.explanation}[{n}]")
        if result.verdict == "eligible" and not shown:
            passed = [r for r in result.rules if r.status == "pass" and r.strength == "hard"][:3]
            for rule in passed:
                n = len(citations) + 1
                citations.append(rule.citation.model_copy(update={"n": n}))
                lines.append(f"  ✓ {rule.label}[{n}]")
        if decided:
            lines.append("  以上硬性条件不符合，结论已确定；其余条件不影响这一结论，无需再补充信息。")
            continue
        for name_ in [*unresolved, *result.missing]:
            if name_ not in to_ask:
                to_ask.append(name_)
    if notes:
        lines.append("（" + "；".join(notes) + "）")
    asks = to_ask[:MAX_QUESTIONS]
    if asks:
        lines.append("为继续判断，还需要确认：")
        for name_ in asks:
            question = FIELD_INFO[name_].question
            if name_ in facts.ranges:
                question = f"{FIELD_INFO[name_].label}只给到了年份或月份，请提供具体日期（年月日）。"
            lines.append(f"  · {question}")
    return "\n".join(lines), citations, notice_ids, asks


def _period(lo: date, hi: date) -> str:
    if lo.month == 1 and lo.day == 1 and hi.month == 12 and hi.day == 31:
        return f"{lo.year}年"
    return f"{lo.year}年{lo.month}月"
