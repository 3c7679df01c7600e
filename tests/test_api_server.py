"""A real `shenbao serve` process (fake-embedder index, fixed clock) driven over HTTP by the official
`openai` client and by LangChain's ChatOpenAI, as existing OpenAI-compatible clients would use it; the
bad-input table against it; how `shenbao serve` starts (and fails on a taken port)."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from bad_input import CASES, check_error
from server_process import running_server, server_env, shenbao_command

pytestmark = pytest.mark.slow
BANNER = "申报助手已启动"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("server")
    with running_server(root, timeout=90) as base:
        yield base, root


@pytest.fixture(scope="module")
def server(served: tuple[str, Path]) -> str:
    return served[0]


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
    answer = model.invoke("上海的示范平台今年怎么报名？")
    assert "抱歉" in str(answer.content)  # out of scope: the assistant says so instead of answering


def test_web_page_and_docs_are_served(server: str) -> None:
    assert "申报助手" in httpx.get(server).text
    docs = httpx.get(f"{server}/docs")
    assert docs.status_code == 200 and "/static-offline-docs/swagger-ui-bundle.js" in docs.text
    assert httpx.get(f"{server}/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def _stored_sessions(root: Path) -> list[tuple[str, float, str, int]]:
    with sqlite3.connect(f"file:{root / 'data' / 'sessions.sqlite3'}?mode=ro", uri=True) as db:
        return db.execute("select s.id, s.updated, s.state, count(m.seq) from sessions s left join messages m "
                          "on m.session_id = s.id group by s.id order by s.id").fetchall()


def test_bad_input_against_a_real_server(served: tuple[str, Path]) -> None:
    """The bad-input table over real HTTP: each case its 4xx in the error shape (never a 5xx), nothing
    in the server log that looks like a traceback, and the stored sessions exactly as they were."""
    base, root = served
    with httpx.Client(base_url=base, timeout=30) as http:
        sid = http.post("/api/chat", json={"message": "河南2020年的示范平台要运营满几年？"}).json()["session_id"]
        before = _stored_sessions(root)
        problems = {}
        for case in CASES:
            response = http.request(**case.request_args(sid))
            assert response.status_code < 500, (case.name, response.text)
            found = check_error(case, response.status_code, response.json())
            if found:
                problems[case.name] = found
        assert not problems
    assert _stored_sessions(root) == before
    log = (root / "serve.log").read_text()
    assert "Traceback" not in log and "Error" not in log and "unexpected error" not in log, log


def test_serve_announces_itself_once_listening(served: tuple[str, Path]) -> None:
    _, root = served
    deadline = time.monotonic() + 10
    while BANNER not in (root / "serve.log").read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (root / "serve.log").read_text().count(BANNER) == 1


def test_serve_says_plainly_when_the_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([*shenbao_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=server_env(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert BANNER not in done.stdout + done.stderr  # never announced: it was not listening
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and f"端口 {port} 已被占用" in lines[0], done.stderr
    assert "Traceback" not in done.stderr and lines[0].startswith("错误：")
