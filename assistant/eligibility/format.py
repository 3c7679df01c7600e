"""Readable Chinese tables for eligibility results (the CLI without --json)."""

from __future__ import annotations

import unicodedata
from datetime import date

from .dates import fmt
from .models import STATUS_LABELS, STRENGTH_LABELS, VERDICT_LABELS, Result
from .profile import CATEGORY_LABELS

STATUS_MARKS = {"pass": "✓", "fail": "✗", "unknown": "?", "not_applicable": "-"}
QUOTE_WIDTH = 60


def width(text: str) -> int:
    """Display width in a terminal: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def _shorten(text: str, limit: int = QUOTE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_of_note(result: Result, today: date | None = None) -> str:
    day = fmt(result.as_of)
    if result.as_of_source == "explicit":
        return f"{day}（按指定日期）"
    if result.as_of_source == "application_date":
        return f"{day}（申报日期）"
    if result.as_of_source == "deadline":
        passed = "，该截止日已过" if today is not None and result.as_of < today else ""
        return f"{day}（通知申报截止日{passed}）"
    return f"{day}（今天；通知没有申报截止日）"


def _applicant(result: Result) -> str:
    kind = CATEGORY_LABELS.get(result.applicant_type or "", "申报类别未知")
    return f"{result.name}（{kind}）" if result.name else kind


def format_result(result: Result, today: date | None = None) -> str:
    doc_no = f"（{result.doc_no}）" if result.doc_no else ""
    lines = [
        f"通知：{result.title}{doc_no}",
        f"申报主体：{_applicant(result)}",
        f"判断基准日：{as_of_note(result, today)}",
        f"结论：{VERDICT_LABELS[result.verdict]}（{result.verdict}）",
        "",
        f"{pad('序号', 6)}{pad('结果', 10)}{pad('强度', 8)}条件",
    ]
    for i, rule in enumerate(result.rules, start=1):
        status = f"{STATUS_MARKS[rule.status]} {STATUS_LABELS[rule.status]}"
        lines.append(f"{pad(str(i), 6)}{pad(status, 10)}{pad(STRENGTH_LABELS[rule.strength], 8)}{rule.label}")
        lines.append(f"{' ' * 6}说明：{rule.explanation}")
        lines.append(f"{' ' * 6}依据：{rule.citation.section}：“{_shorten(rule.citation.quote)}”")
    failing = [r for r in result.rules if r.status == "fail" and r.strength != "guidance"]
    if failing:
        lines += ["", "未满足的条件："]
        lines += [f"  - [{STRENGTH_LABELS[r.strength]}] {r.label}" for r in failing]
    if result.questions:
        title = "需要补充的信息（请向申报单位确认）：" if result.verdict == "undetermined" else "还可补充的信息："
        lines += ["", title]
        lines += [f"  - {q.label}（{q.field}）：{q.question}" for q in result.questions]
    review = [r.label for r in result.rules if r.strength == "guidance" and r.status == "unknown"]
    if review:
        lines += ["", f"需专家评审的定性条件（不影响结论）：{'；'.join(review)}"]
    return "\n".join(lines)


def format_ranking(results: list[Result], today: date | None = None) -> str:
    """Several notices for one profile, best match first (`shenbao check --all`)."""
    first = results[0]
    lines = [f"申报主体：{_applicant(first)}　共比对 {len(results)} 个通知，按符合程度排序：", ""]
    for rank, result in enumerate(results, start=1):
        lines.append(f"{rank}. 【{VERDICT_LABELS[result.verdict]}】{result.notice_id}　{result.title}")
        lines.append(f"   判断基准日：{as_of_note(result, today)}")
        hard = [r.label for r in result.rules if r.status == "fail" and r.strength == "hard"]
        soft = [r.label for r in result.rules if r.status == "fail" and r.strength == "in_principle"]
        if hard:
            lines.append(f"   未满足的硬性条件：{'；'.join(hard)}")
        if soft:
            lines.append(f"   未满足的“原则上”条件：{'；'.join(soft)}")
        if result.missing and result.verdict != "ineligible":
            labels = "、".join(q.label for q in result.questions)
            lines.append(f"   待补充：{labels}")
        lines.append("")
    qualified = [r.notice_id for r in results if r.verdict in ("eligible", "at_risk")]
    if qualified:
        lines.append(f"可以申报（含存在风险）的通知：{'、'.join(qualified)}")
    else:
        lines.append("按现有信息，没有可以确定申报的通知。")
    return "\n".join(lines)
