"""One chat message through the library's `Conversation`, with its state kept in the session store.
Shared by `/api/chat` and the OpenAI-compatible endpoint."""

from __future__ import annotations

import re

from assistant.answer import AskResult
from assistant.chat.conversation import Conversation

from .deps import AppState, require_notice
from .errors import ApiError

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def check_message(state: AppState, message: str) -> str:
    text = message.strip()
    if not text:
        raise ApiError(422, "消息为空", "the message is empty")
    limit = state.services.settings.max_message_chars
    if len(text) > limit:
        raise ApiError(413, f"消息太长（{len(text)} 字，上限 {limit} 字）", f"message too long ({len(text)} > {limit} chars)")
    return text


def check_session_id(session_id: str) -> str:
    if not SESSION_ID.match(session_id):
        raise ApiError(422, "会话编号格式不正确（8–64 位字母、数字、-、_）", "session_id must be 8-64 of [A-Za-z0-9_-]")
    return session_id


def unknown_session() -> ApiError:
    return ApiError(404, "没有这个会话（可能已被删除）；不带会话编号发送即可开始新会话",
                    "unknown session: omit session_id to start a new one")


def check_notice_ids(state: AppState, notice_ids: list[str] | None) -> list[str] | None:
    if not notice_ids:
        return None
    for notice_id in notice_ids:
        require_notice(state, notice_id)
    return notice_ids


def converse(state: AppState, session_id: str | None, message: str, pinned: list[str] | None = None) -> tuple[str, AskResult]:
    """Answer `message` in the session (a new one when `session_id` is None) and save the session."""
    text = check_message(state, message)
    clear = pinned is not None and not pinned  # [] = unpinned: forget the scope the conversation carried
    pinned = check_notice_ids(state, pinned)
    if session_id is None:
        session_id, stored = state.sessions.new_id(), None
    else:  # ids are issued by the server: an id it never issued (or deleted) is not a new session
        stored = state.sessions.load(check_session_id(session_id))
        if stored is None:
            raise unknown_session()
    with state.engine_lock:
        conversation = Conversation.from_state(state.services.answerer, stored["state"] if stored else {})
        if pinned or clear:
            conversation.scope_ids = pinned
        result = conversation.send(text)
        saved = conversation.state()
    state.sessions.save(session_id, saved, [
        {"role": "user", "content": text},
        {"role": "assistant", "content": result.answer, "result": result.model_dump(mode="json")},
    ])
    return session_id, result


def answer_history(state: AppState, user_messages: list[str]) -> AskResult:
    """A stateless conversation (the OpenAI-compatible endpoint): earlier user turns set the scope."""
    *earlier, last = [check_message(state, m) for m in user_messages]
    with state.engine_lock:
        conversation = Conversation(state.services.answerer)
        for text in earlier[-4:]:
            conversation.send(text)
        return conversation.send(last)


def sources_block(result: AskResult) -> str:
    """The citations as plain text under an answer (for clients that only show message text)."""
    if not result.citations:
        return ""
    lines = ["", "来源："]
    for c in result.citations:
        where = f"{c.title}（{c.doc_no}）" if c.doc_no else c.title
        lines.append(f"[{c.n}] 《{where}》{c.section}：“{c.quote}”")
    return "\n".join(lines)
