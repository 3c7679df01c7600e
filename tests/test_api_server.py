"""A real `shenbao serve` process (fake-embedder index, fixed clock) driven over HTTP by the official
`openai` client and by LangChain's ChatOpenAI, as existing OpenAI-compatible clients would use it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from server_process import running_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("server"), timeout=90) as base:
        yield base


def test_official_openai_client(server: str) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server}/v1", api_key="not-needed")
    assert [m.id for m in client.models.list()] == ["shenbao"]
    reply = client.chat.completions.create(
        model="shenbao", messages=[{"role": "user", "content": "河南2020年的示范平台要运营满几年？"}]
    )
    content = reply.choices[0].message.content or ""
    assert "满一年" in content and "[1]" in content and "来源：" in content
    extra = reply.model_extra or {}
    assert extra["citations"][0]["notice_id"] == "henan-2020"
    stream = client.chat.completions.create(
        model="shenbao", stream=True, messages=[{"role": "user", "content": "山西2021年的示范平台要运营满几年？"}]
    )
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert "满两年" in streamed


def test_langchain_chat_openai(server: str) -> None:
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(base_url=f"{server}/v1", api_key="not-needed", model="shenbao")  # type: ignore[arg-type]
    answer = model.invoke("上海市的服务型制造示范平台今年怎么申报？")
    assert "抱歉" in str(answer.content)  # out of scope: the assistant says so instead of answering


def test_web_page_and_docs_are_served(server: str) -> None:
    assert "申报助手" in httpx.get(server).text
    assert httpx.get(f"{server}/docs").status_code == 200
