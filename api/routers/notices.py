"""`GET /api/notices`, `/api/notices/{id}` (metadata, deadlines with days remaining, contacts) and
`/api/notices/{id}/text` (the cleaned text that citation offsets index)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from assistant.answer.deadlines import deadline_status

from ..deps import State

router = APIRouter(tags=["notices"])


def _summary(state: State, notice_id: str) -> dict[str, Any]:
    services = state.services
    meta = services.index.notice(notice_id).meta
    return {**meta.model_dump(mode="json"), "deadline": deadline_status(meta, services.settings.clock())}


@router.get("/notices")
def list_notices(state: State) -> list[dict[str, Any]]:
    """已收录的通知。"""
    return [_summary(state, nid) for nid in state.services.index.notice_ids]


@router.get("/notices/{notice_id}")
def get_notice(notice_id: str, state: State) -> dict[str, Any]:
    """一个通知：元数据、截止时间（剩余天数）、联系人。"""
    return _summary(state, notice_id)


@router.get("/notices/{notice_id}/text", response_class=PlainTextResponse)
def notice_text(notice_id: str, state: State) -> PlainTextResponse:
    """清洗后的通知全文；引文的 start/end 即此文本中的字符位置。"""
    return PlainTextResponse(state.services.index.notice(notice_id).text)
