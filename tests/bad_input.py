"""The bad-input table: requests a careless or hostile client sends, each with the 4xx it must get.
Run in-process (tests/test_api.py) and against a real server process (tests/test_api_server.py).
`{sid}` in a path or body stands for an existing session's id."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

LONG = "问" * 2001  # over the default SHENBAO_MAX_MESSAGE_CHARS (2000)
# Two English words in a row: a `message` that should be Chinese carries an English sentence.
ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,}[ ,']+[A-Za-z]{2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    status: int
    json_body: Any = None
    raw: bytes | None = None  # sent as is with content-type application/json
    params: dict[str, Any] = field(default_factory=dict)

    def request_args(self, sid: str) -> dict[str, Any]:
        args: dict[str, Any] = {"method": self.method, "url": self.path.replace("{sid}", sid)}
        if self.params:
            args["params"] = self.params
        if self.raw is not None:
            args["content"] = self.raw.replace(b"{sid}", sid.encode())
            args["headers"] = {"content-type": "application/json"}
        elif self.json_body is not None:
            args["content"] = json.dumps(self.json_body, ensure_ascii=False).replace("{sid}", sid).encode()
            args["headers"] = {"content-type": "application/json"}
        return args


SURROGATE_CHAT = b'{"message": "\\ud800", "session_id": "{sid}"}'

CASES = [
    Case("empty message", "POST", "/api/chat", 422, {"message": "   ", "session_id": "{sid}"}),
    Case("message too long", "POST", "/api/chat", 413, {"message": LONG, "session_id": "{sid}"}),
    Case("malformed JSON", "POST", "/api/chat", 400, raw=b"{not json"),
    Case("message is a number", "POST", "/api/chat", 422, {"message": 42}),
    Case("message missing", "POST", "/api/chat", 422, {}),
    Case("session id with path characters", "POST", "/api/chat", 422, {"message": "你好", "session_id": "../../etc"}),
    Case("unknown well-formed session id", "POST", "/api/chat", 404, {"message": "你好", "session_id": "abcdefgh12345678"}),
    Case("unknown notice pinned", "POST", "/api/chat", 404,
         {"message": "平台要运营满几年？", "session_id": "{sid}", "notice_ids": ["nope-1999"]}),
    Case("lone surrogate in chat", "POST", "/api/chat", 400, raw=SURROGATE_CHAT),
    Case("lone low surrogate in chat", "POST", "/api/chat", 400, raw=b'{"message": "abc\\udc00"}'),
    Case("invalid UTF-8 bytes", "POST", "/api/chat", 400, raw=b'{"message": "' + b"\xed\xa0\x80\xff" + b'"}'),
    Case("lone surrogate, OpenAI endpoint", "POST", "/v1/chat/completions", 400,
         raw=b'{"messages": [{"role": "user", "content": "\\ud800"}]}'),
    Case("no user message, OpenAI endpoint", "POST", "/v1/chat/completions", 422,
         {"messages": [{"role": "system", "content": "x"}]}),
    Case("lone surrogate in a profile", "POST", "/api/eligibility", 400,
         raw=b'{"notice_id": "henan-2020", "profile": {"name": "\\ud800"}}'),
    Case("surrogate as a profile key", "POST", "/api/eligibility", 400, raw=b'{"profile": {"\\udfff": 1}}'),
    Case("not a date in a profile", "POST", "/api/eligibility", 400,
         {"notice_id": "henan-2020", "profile": {"established_on": "昨天"}}),
    Case("notice without rules", "POST", "/api/eligibility", 404, {"notice_id": "henan-basic-modes", "profile": {}}),
    Case("unknown notice, eligibility", "POST", "/api/eligibility", 404, {"notice_id": "nope-1999", "profile": {}}),
    Case("bad as_of", "POST", "/api/eligibility", 422, {"profile": {}, "as_of": "2020-13-45"}),
    Case("lone surrogate in draft facts", "POST", "/api/draft", 400,
         raw=b'{"notice_id": "henan-2020", "category": "enterprise", "facts": {"business": "\\ud800"}}'),
    Case("unknown category", "POST", "/api/draft", 422, {"notice_id": "henan-2020", "category": "farm"}),
    Case("lint without text", "POST", "/api/draft/lint", 422, {"notice_id": "henan-2020", "category": "enterprise"}),
    Case("lint with bad base64", "POST", "/api/draft/lint", 422,
         {"notice_id": "henan-2020", "category": "enterprise", "filename": "a.docx", "file_base64": "%%%"}),
    Case("lint with a corrupt .docx", "POST", "/api/draft/lint", 400,
         {"notice_id": "henan-2020", "category": "enterprise", "filename": "a.docx", "file_base64": "bm90IGEgZG9jeA=="}),
    Case("unknown notice", "GET", "/api/notices/nope-1999", 404),
    Case("unknown notice text", "GET", "/api/notices/nope-1999/text", 404),
    Case("unknown notice outlines", "GET", "/api/notices/nope-1999/outlines", 404),
    Case("empty search", "GET", "/api/search", 422, params={"q": " "}),
    Case("search k out of range", "GET", "/api/search", 422, params={"q": "平台", "k": 0}),
    Case("search mode unknown", "GET", "/api/search", 422, params={"q": "平台", "mode": "magic"}),
    Case("unknown session", "GET", "/api/sessions/abcdefgh12345678", 404),
    Case("delete unknown session", "DELETE", "/api/sessions/abcdefgh12345678", 404),
    Case("no such path", "GET", "/api/nothing-here", 404),
    Case("wrong method", "PUT", "/api/chat", 405, {}),
]


def check_error(case: Case, status: int, payload: Any) -> list[str]:
    """What is wrong with one response to `case` (empty when it is as required)."""
    problems = []
    if status != case.status:
        problems.append(f"status {status}, expected {case.status}")
    error = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(error, dict) or error.get("status") != status:
        return [*problems, f"not the error shape: {payload!r:.200}"]
    message, message_en = str(error.get("message") or ""), str(error.get("message_en") or "")
    if not CJK.search(message) or ENGLISH_PHRASE.search(message):
        problems.append(f"message is not Chinese only: {message!r}")
    if not message_en or CJK.search(message_en.replace("昨天", "")):  # the user's own input may be echoed
        problems.append(f"message_en is not English: {message_en!r}")
    return problems
