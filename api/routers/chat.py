"""`POST /api/chat` (JSON or server-sent events) and the session endpoints."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from assistant.answer import AskResult

from ..conversations import check_session_id, converse, unknown_session
from ..deps import State

router = APIRouter(tags=["chat"])


class ChatRequest(BaseModel):
    message: str = Field(description="用户消息（中文）")
    session_id: str | None = Field(default=None, description="服务器发给的会话编号；省略则新建会话，未知的编号返回 404")
    stream: bool = Field(default=False, description="以 text/event-stream 逐段返回")
    notice_ids: list[str] | None = Field(
        default=None, description="固定在这些通知内回答（页面上的通知标签）；[] 表示取消固定，重新在全部通知中回答")


class ChatResponse(AskResult):
    session_id: str


def _sse(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _stream(session_id: str, result: AskResult) -> Iterator[str]:
    yield _sse("meta", {"session_id": session_id, "route": result.route, "notices": result.notices,
                        "abstained": result.abstained})
    for line in result.answer.splitlines(keepends=True):
        yield _sse("delta", {"text": line})
    yield _sse("done", ChatResponse(session_id=session_id, **result.model_dump()).model_dump(mode="json"))


@router.post("/chat", response_model=ChatResponse)
def chat(request: ChatRequest, state: State) -> ChatResponse | StreamingResponse:
    """回答一条消息：问答（带引文）、资格判断（规则引擎）或起草提示，依会话上下文而定。"""
    session_id, result = converse(state, request.session_id, request.message, request.notice_ids)
    if request.stream:
        return StreamingResponse(_stream(session_id, result), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return ChatResponse(session_id=session_id, **result.model_dump())


@router.get("/sessions/{session_id}")
def get_session(session_id: str, state: State) -> dict[str, object]:
    """会话记录与已收集的申报主体信息。"""
    stored = state.sessions.load(check_session_id(session_id))
    if stored is None:
        raise unknown_session()
    facts = stored["state"].get("facts", {})
    return {"session_id": session_id, "messages": stored["messages"], "profile": facts.get("values", {}),
            "profile_ranges": facts.get("ranges", {}), "pending_fields": stored["state"].get("pending_fields", [])}


@router.delete("/sessions/{session_id}")
def delete_session(session_id: str, state: State) -> dict[str, object]:
    """删除会话（对话记录和申报主体信息）。"""
    if not state.sessions.delete(check_session_id(session_id)):
        raise unknown_session()
    return {"deleted": session_id}
