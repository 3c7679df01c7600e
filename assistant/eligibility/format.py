"""Readable Chinese tables for eligibility results (the CLI without --json)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .dates import fmt
from .models import STATUS_LABELS, STRENGTH_LABELS, VERDICT_LABELS, Result
from .profile import CATEGORY_LABELS

if TYPE_CHECKING:
    from .rulebook import RuleBook

UNREVIEWED_NOTE = "规则由系统从通知原文自动提取，未经人工复核"

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


@dataclass(frozen=True)
class Ranked:
    """A result with its notice's application deadline: open | closed | none (standing or not stated)."""

    result: Result
    state: str
    deadline: date | None


DEADLINE_ORDER = {"open": 0, "none": 1, "closed": 2}


def ranked_by_deadline(results: list[Result], book: RuleBook, today: date) -> list[Ranked]:
    """What an applicant can still act on first: open deadlines, then notices without one, closed last;
    within each, the engine's order (best match first)."""
    rows = []
    for result in results:
        deadline = book.pack(result.notice_id).deadline
        state = "none" if deadline is None else "closed" if deadline < today else "open"
        rows.append(Ranked(result, state, deadline))
    return sorted(rows, key=lambda r: DEADLINE_ORDER[r.state])


def format_result(result: Result, today: date | None = None) -> str:
    doc_no = f"（{result.doc_no}）" if result.doc_no else ""
    lines = [
        f"通知：{result.title}{doc_no}",
        *([f"注意：{UNREVIEWED_NOTE}。"] if not result.reviewed else []),
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


def format_ranking(rows: list[Ranked], today: date | None = None) -> str:
    """Several notices for one profile: open deadlines first, best match first within (`check --all`)."""
    first = rows[0].result
    lines = [f"申报主体：{_applicant(first)}　共比对 {len(rows)} 个通知（仍在申报期的在前，已截止的在后）：", ""]
    for rank, row in enumerate(rows, start=1):
        result = row.result
        closed = f"【已截止：{fmt(row.deadline)}】" if row.state == "closed" else ""
        lines.append(f"{rank}. {closed}【{VERDICT_LABELS[result.verdict]}】{result.notice_id}　{result.title}")
        if not result.reviewed:
            lines.append(f"   注意：{UNREVIEWED_NOTE}")
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
    qualified = [r.result.notice_id for r in rows if r.result.verdict in ("eligible", "at_risk") and r.state != "closed"]
    if qualified:
        lines.append(f"仍可申报且符合（含存在风险）的通知：{'、'.join(qualified)}")
    else:
        lines.append("按现有信息，没有可以确定申报的通知。")
    return "\n".join(lines)
