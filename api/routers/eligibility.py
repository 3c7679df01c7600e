"""`POST /api/eligibility`: the rule engine (never a language model) on an applicant profile, for one
notice or ranked over all notices with rules; `GET /api/eligibility/fields` describes the form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from assistant.eligibility.dates import parse_date
from assistant.eligibility.engine import check, check_all
from assistant.eligibility.pack import pack_notice_ids
from assistant.eligibility.profile import FIELD_INFO, parse_profile

from ..deps import State, require_notice
from ..errors import ApiError

router = APIRouter(tags=["eligibility"])


class EligibilityRequest(BaseModel):
    notice_id: str | None = Field(default=None, description="通知编号；省略则与所有带规则的通知逐一比对")
    profile: dict[str, Any] = Field(description="申报主体信息（DESIGN.md 的字段；缺省即未知）")
    as_of: str | None = Field(default=None, description="判断基准日，如 2020-11-25")


@router.get("/eligibility/fields")
def fields(state: State) -> dict[str, Any]:
    """表单字段（名称、说明、追问）与带规则的通知。"""
    return {"fields": {k: v.model_dump() for k, v in FIELD_INFO.items()},
            "notices": pack_notice_ids(state.services.settings.corpus_dir)}


@router.post("/eligibility")
def eligibility(request: EligibilityRequest, state: State) -> dict[str, Any]:
    """逐条规则判断是否符合申报条件，每条规则附引文。"""
    settings = state.services.settings
    if request.as_of is not None and parse_date(request.as_of) is None:
        raise ApiError(422, f"as_of 不是合法日期：{request.as_of}", f"as_of is not a date: {request.as_of}")
    profile = parse_profile(request.profile)
    today = settings.clock()
    if request.notice_id is not None:
        require_notice(state, request.notice_id)
        if request.notice_id not in pack_notice_ids(settings.corpus_dir):
            raise ApiError(404, f"通知 {request.notice_id} 没有申报条件规则", f"{request.notice_id} has no rule pack")
        result = check(request.notice_id, profile, request.as_of, corpus_dir=settings.corpus_dir, today=today)
        return result.model_dump(mode="json")
    results = check_all(profile, request.as_of, corpus_dir=settings.corpus_dir, today=today)
    return {
        "ranking": [{"rank": i, "notice_id": r.notice_id, "verdict": r.verdict, "failing": r.failing(),
                     "missing": r.missing} for i, r in enumerate(results, start=1)],
        "results": [r.model_dump(mode="json") for r in results],
    }
