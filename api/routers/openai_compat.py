"""OpenAI-compatible endpoints, so the `openai` SDK, LangChain's ChatOpenAI and chat front-ends can use
Shenbao as a model. Citations are [n] markers in the text with a sources block under it, and the
structured list in an extra `citations` field (ignored by clients that do not know it)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from assistant.answer import AskResult

from ..conversations import answer_history, sources_block
from ..deps import State
from ..errors import ApiError

router = APIRouter(tags=["openai-compatible"])
MODEL = "shenbao"


class Message(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None


class CompletionRequest(BaseModel):
    model: str = MODEL
    messages: list[Message]
    stream: bool = False
    # accepted for compatibility; the embedded answerer is deterministic
    temperature: float | None = None
    max_tokens: int | None = None
    user: str | None = None


def _text(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, str):
        return content
    return "".join(str(part.get("text", "")) for part in content or [] if part.get("type") == "text")


def _content(result: AskResult) -> str:
    return result.answer + ("\n" + sources_block(result) if result.citations else "")


def _extras(result: AskResult) -> dict[str, Any]:
    return {"citations": [c.model_dump() for c in result.citations],
            "shenbao": {"abstained": result.abstained, "notices": result.notices, "route": result.route,
                        "deadline_notes": result.deadline_notes}}


@router.get("/models")
def models() -> dict[str, Any]:
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 1700000000, "owned_by": "shenbao"}]}


@router.post("/chat/completions", response_model=None)
def completions(request: CompletionRequest, state: State) -> dict[str, Any] | StreamingResponse:
    users = [_text(m.content) for m in request.messages if m.role == "user"]
    if not users:
        raise ApiError(422, "messages 中没有用户消息", "messages must contain a user message")
    result = answer_history(state, users)
    content = _content(result)
    ident, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    if request.stream:
        return StreamingResponse(_chunks(ident, created, request.model, content, result), media_type="text/event-stream")
    prompt_chars = sum(len(u) for u in users)
    return {
        "id": ident, "object": "chat.completion", "created": created, "model": request.model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_chars, "completion_tokens": len(content),
                  "total_tokens": prompt_chars + len(content)},
        **_extras(result),
    }


def _chunks(ident: str, created: int, model: str, content: str, result: AskResult) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for line in content.splitlines(keepends=True):
        yield chunk({"content": line})
    yield chunk({}, "stop", **_extras(result))
    yield "data: [DONE]\n\n"
