"""`GET /api/notices`, `/api/notices/{id}` (metadata, deadlines with days remaining, contacts) and
`/api/notices/{id}/text` (the cleaned text that citation offsets index)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from assistant.answer.deadlines import deadline_status

from ..deps import AppState, State, require_notice

router = APIRouter(tags=["notices"])
# What an applicant checks first: notices still open, then standing measures (no deadline), then those
# whose deadline the text does not give, then closed ones.
STATE_ORDER = {"open": 0, "standing": 1, "unknown": 2, "closed": 3}


def summary(state: AppState, notice_id: str) -> dict[str, Any]:
    services = state.services
    meta = services.index.notice(notice_id).meta
    today = services.settings.clock()
    # `today` (the server's clock, SHENBAO_TODAY) is what days_remaining counts from
    return {**meta.model_dump(mode="json"), "deadline": {**deadline_status(meta, today), "today": today.isoformat()},
            "rules": services.rulebook.rules_status(notice_id)}


def deadline_key(deadline: dict[str, Any]) -> tuple[int, int]:
    """Sort key: open (soonest deadline first) → standing → unknown → closed (most recently closed first)."""
    order = STATE_ORDER.get(str(deadline.get("state")), 2)
    days = deadline.get("days_remaining")
    if days is None:
        return order, 0
    return order, int(days) if order == 0 else -int(days)


@router.get("/notices")
def list_notices(
    state: State,
    order: Annotated[Literal["id", "deadline"], Query(description="id：按编号；deadline：申报中→常设→未载明→已截止")] = "id",
) -> list[dict[str, Any]]:
    """已收录的通知（可按截止状态排序）。"""
    notices = [summary(state, nid) for nid in state.services.index.notice_ids]
    if order == "deadline":
        notices.sort(key=lambda n: (*deadline_key(n["deadline"]), n["id"]))
    return notices


@router.get("/notices/{notice_id}")
def get_notice(notice_id: str, state: State) -> dict[str, Any]:
    """一个通知：元数据、截止时间（剩余天数）、联系人。"""
    require_notice(state, notice_id)
    return summary(state, notice_id)


@router.get("/notices/{notice_id}/text", response_class=PlainTextResponse)
def notice_text(notice_id: str, state: State) -> PlainTextResponse:
    """清洗后的通知全文；引文的 start/end 即此文本中的字符位置。"""
    require_notice(state, notice_id)
    return PlainTextResponse(state.services.index.notice(notice_id).text)
