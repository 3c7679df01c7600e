"""The LLM path: prompts as data, grounding checks, fallback to the extractive answer, and a real
HTTP round trip through LangChain's ChatOpenAI to a local OpenAI-compatible stub server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.llm import build_chat_model, grounded_sentences
from assistant.citations import Citation
from assistant.embeddings import FakeEmbedder
from assistant.errors import ShenbaoError
from assistant.prompts import load_prompt
from assistant.services import Services
from assistant.settings import Settings

QUESTION = "河南2020年的示范平台要运营满几年？"


def _cite(n: int, quote: str) -> Citation:
    return Citation(n=n, notice_id="x", title="t", doc_no=None, section="s", quote=quote, start=0, end=len(quote))


def test_prompts_load_and_validate(tmp_path: Path) -> None:
    prompt = load_prompt("answer")
    system, user = prompt.render(question="问", clauses="[1] 条款", notices="《通知》")
    assert "[n]" in system and "问" in user and "[1] 条款" in user
    (tmp_path / "answer.yaml").write_text("name: answer\nversion: 1\nsystem: s\nuser: '{question} {oops}'\n", "utf-8")
    with pytest.raises(ShenbaoError, match="placeholders"):
        load_prompt("answer", tmp_path)


def test_grounding_drops_invented_figures_and_unknown_markers() -> None:
    citations = [_cite(1, "平台的成立和运营时间须满一年（2019年11月1日以前）"), _cite(2, "综合服务收入占总收入比例达到15%左右。")]
    text = ("平台须满一年运营[1]。截止日期是2019年11月1日[1]。服务收入要达到20%[2]。"
            "另见第三条[3]。没有出处的一句话。比例为15%[2]。")
    kept = grounded_sentences(text, citations)
    assert kept == ["平台须满一年运营[1]。", "截止日期是2019年11月1日[1]。", "比例为15%[2]。"]


@pytest.fixture
def settings(shared_index: Settings) -> Settings:
    return shared_index.model_copy(update={"today": date(2026, 11, 22)})


def test_llm_answer_is_used_when_grounded(settings: Settings) -> None:
    extractive = Services(settings, FakeEmbedder()).answerer.ask(QUESTION)
    quote = extractive.citations[0].quote
    reply = f"河南2020年的示范平台须满一年[1]。原文：“{quote}”[1]"
    services = Services(settings, FakeEmbedder(), chat_model=FakeListChatModel(responses=[reply]))
    result = services.answerer.ask(QUESTION)
    assert result.writer == "llm" and result.answer.startswith("河南2020年的示范平台须满一年[1]")
    assert [c.n for c in result.citations] == [1]


def test_ungrounded_llm_answer_falls_back_to_extractive(settings: Settings) -> None:
    services = Services(settings, FakeEmbedder(), chat_model=FakeListChatModel(responses=["平台须满三年[1]。奖励500万元[9]。"]))
    result = services.answerer.ask(QUESTION)
    assert result.writer == "extractive" and "满三年" not in result.answer and "500" not in result.answer


class Broken(FakeListChatModel):
    def invoke(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        raise ConnectionError("endpoint down")


def test_llm_failure_falls_back(settings: Settings) -> None:
    result = Services(settings, FakeEmbedder(), chat_model=Broken(responses=[""])).answerer.ask(QUESTION)
    assert result.writer == "extractive" and not result.abstained


class Recording(FakeListChatModel):
    prompts: ClassVar[list[str]] = []

    def invoke(self, messages: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        Recording.prompts.append("\n".join(str(m.content) for m in messages))
        return super().invoke(messages, *args, **kwargs)


def test_llm_is_given_the_governing_clause_whole(settings: Settings) -> None:
    # A list question: the model's context is the clause's lead-in and every item, each numbered.
    question = "包头认定的示范企业，碰到哪些情形会被撤销称号？"
    extractive = Services(settings, FakeEmbedder()).answerer.ask(question)
    Recording.prompts.clear()
    services = Services(settings, FakeEmbedder(), chat_model=Recording(responses=["无关的回答。"]))
    result = services.answerer.ask(question)
    prompt = Recording.prompts[-1]
    assert "有下列情况之一的" in prompt
    for marker in ("（一）", "（二）", "（三）", "（四）", "（五）"):
        assert marker in prompt
    for citation in extractive.citations:
        assert f"[{citation.n}]" in prompt and citation.quote in prompt
    assert result.writer == "extractive"  # nothing grounded came back: the extractive answer stands


class StubHandler(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict[str, Any]]] = []
    reply = ""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        StubHandler.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        payload = {
            "id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": StubHandler.reply}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def stub_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def test_openai_compatible_endpoint_over_real_http(settings: Settings, stub_server: str) -> None:
    configured = settings.model_copy(
        update={"llm_base_url": stub_server, "llm_model": "stub-model", "llm_api_key": "secret", "llm_timeout": 10}
    )
    assert build_chat_model(settings) is None  # nothing configured: extractive
    quote = Services(settings, FakeEmbedder()).answerer.ask(QUESTION).citations[0].quote
    StubHandler.requests.clear()
    StubHandler.reply = f"按河南2020年的通知：“{quote}”[1]"
    result = Services(configured, FakeEmbedder()).answerer.ask(QUESTION)
    assert StubHandler.requests and StubHandler.requests[0]["path"] == "/v1/chat/completions"
    request = StubHandler.requests[0]
    assert request["body"]["model"] == "stub-model" and request["auth"] == "Bearer secret"
    prompt = "\n".join(m["content"] for m in request["body"]["messages"])
    assert QUESTION in prompt and "[1]" in prompt
    assert result.writer == "llm" and result.answer.startswith(StubHandler.reply)
    assert [c.quote for c in result.citations] == [quote]
