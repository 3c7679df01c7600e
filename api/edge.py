"""Checks at the edge, before any router runs: a request body must be valid UTF-8 text without lone
UTF-16 surrogates (JSON allows "\\ud800" as an escape; Python decodes it into a string that cannot be
encoded again, which would fail deep inside the engine, the session store or the response)."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import body

# A \u escape of a surrogate code point (D800–DFFF): a cheap pre-check before the exact parse.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
SURROGATE = re.compile("[\ud800-\udfff]")
METHODS_WITH_BODY = {"POST", "PUT", "PATCH"}


def _holds_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_holds_surrogate(k) or _holds_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_surrogate(v) for v in value)
    return False


def invalid_text(raw: bytes) -> tuple[str, str] | None:
    """(Chinese, English) messages when `raw` is not valid text; None when it is (or is not JSON at all:
    malformed JSON is reported by the JSON parser's own 400)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "请求内容不是合法的 UTF-8 文本", "the request body is not valid UTF-8"
    if SURROGATE_ESCAPE.search(text) is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if _holds_surrogate(data):
        return ("请求中含有无效字符（不成对的 UTF-16 代理项），请删除后重试",
                "invalid Unicode in the request: a lone UTF-16 surrogate such as \\ud800")
    return None


def _is_file_upload(scope: Scope) -> bool:
    """A file sent as application/octet-stream (the admin upload) is bytes, not text."""
    headers = dict(scope.get("headers") or [])
    return headers.get(b"content-type", b"").split(b";")[0].strip() == b"application/octet-stream"


class RejectInvalidText:
    """ASGI middleware: a body that `invalid_text` rejects is a 400 in the API's error shape; any other
    body is replayed to the app unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in METHODS_WITH_BODY or _is_file_upload(scope):
            await self.app(scope, receive, send)
            return
        parts: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            parts.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        raw = b"".join(parts)
        problem = invalid_text(raw)
        if problem is not None:
            await JSONResponse(body(400, *problem), status_code=400)(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": raw, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
