"""A real `shenbao serve` process (fake-embedder index, fixed clock) driven over HTTP by the official
`openai` client and by LangChain's ChatOpenAI, as existing OpenAI-compatible clients would use it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
SHENBAO = [sys.executable, "-m", "assistant.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("server")
    env = {**os.environ, "SHENBAO_EMBEDDER": "fake", "SHENBAO_INDEX_DIR": str(root / "index"),
           "SHENBAO_DATA_DIR": str(root / "data"), "SHENBAO_TODAY": "2026-11-22"}
    subprocess.run([*SHENBAO, "ingest", "--json"], env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    log = (root / "server.log").open("w")
    proc = subprocess.Popen([*SHENBAO, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {Path(log.name).read_text('utf-8')[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


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
