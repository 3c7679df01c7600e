"""`POST /api/eligibility`: the rule engine (never a language model) on an applicant profile, for one
notice or ranked over all notices with rules; `GET /api/eligibility/fields` describes the form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from assistant.eligibility.dates import parse_date
from assistant.eligibility.format import UNREVIEWED_NOTE
from assistant.eligibility.profile import CATEGORY_LABELS, FIELD_INFO, FIELD_ORDER, parse_profile
from assistant.eligibility.rulebook import NoConditionsError, RuleBook

from ..deps import State, require_notice
from ..errors import ApiError
from .notices import deadline_key, summary

router = APIRouter(tags=["eligibility"])


class EligibilityRequest(BaseModel):
    notice_id: str | None = Field(default=None, description="通知编号；省略则与所有带规则的通知逐一比对")
    profile: dict[str, Any] = Field(description="申报主体信息（DESIGN.md 的字段；缺省即未知）")
    as_of: str | None = Field(default=None, description="判断日期，如 2020-11-25；省略则按申报日期、通知的申报截止日期或今天")


def relevant_fields(book: RuleBook, notice_id: str) -> dict[str, list[str]]:
    """Per category, the profile fields the notice's rules read (the form shows only these)."""
    rules = book.pack(notice_id).rules
    out = {}
    for category in CATEGORY_LABELS:
        read = {f for r in rules if r.categories is None or category in r.categories for f in r.fields}
        out[category] = sorted(read | {"applicant_type"}, key=FIELD_ORDER.__getitem__)
    return out


@router.get("/eligibility/fields")
def fields(state: State) -> dict[str, Any]:
    """表单字段（名称、说明、追问）、可判断的通知（reviewed：规则是否经人工复核），及每个通知每个申报类别实际用到的字段（relevant）。"""
    book = state.services.rulebook
    notices = book.notice_ids()
    return {"fields": {k: v.model_dump() for k, v in FIELD_INFO.items()}, "notices": notices,
            "reviewed": {nid: book.pack(nid).reviewed for nid in notices}, "unreviewed_note": UNREVIEWED_NOTE,
            "without_conditions": book.without_conditions(),
            "relevant": {nid: relevant_fields(book, nid) for nid in notices}}


@router.post("/eligibility")
def eligibility(request: EligibilityRequest, state: State) -> dict[str, Any]:
    """逐条规则判断是否符合申报条件，每条规则附引文。"""
    settings = state.services.settings
    if request.as_of is not None and parse_date(request.as_of) is None:
        raise ApiError(422, f"as_of 不是合法日期：{request.as_of}", f"as_of is not a date: {request.as_of}")
    profile = parse_profile(request.profile)
    today = settings.clock()
    book = state.services.rulebook
    if request.notice_id is not None:
        require_notice(state, request.notice_id)
        try:
            result = book.check(request.notice_id, profile, request.as_of, today=today)
        except NoConditionsError as exc:
            raise ApiError(404, str(exc), f"{request.notice_id} states no conditions to check") from None
        return result.model_dump(mode="json")
    ranked = book.check_all(profile, request.as_of, today=today)
    # What an applicant can still act on comes first: open deadlines, then standing measures, closed last;
    # within each, the engine's order (best match first).
    deadlines = {r.notice_id: summary(state, r.notice_id)["deadline"] for r in ranked}
    results = sorted(ranked, key=lambda r: deadline_key(deadlines[r.notice_id])[0])
    return {
        "ranking": [{"rank": i, "notice_id": r.notice_id, "verdict": r.verdict, "failing": r.failing(),
                     "missing": r.missing, "reviewed": r.reviewed, "deadline": _deadline_row(deadlines[r.notice_id])}
                    for i, r in enumerate(results, start=1)],
        "results": [r.model_dump(mode="json") for r in results],
        "without_conditions": book.without_conditions(),
    }


def _deadline_row(deadline: dict[str, Any]) -> dict[str, Any]:
    return {k: deadline[k] for k in ("state", "application_deadline", "days_remaining")}
