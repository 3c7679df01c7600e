"""The HTTP API in-process (FastAPI TestClient, fake embedder): contracts, sessions, routing,
streaming, OpenAI-compatible shapes, auth, and bad input as 4xx with Chinese + English messages."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
from bad_input import CASES, check_error
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.citations import Citation, citation_is_verbatim
from assistant.embeddings import FakeEmbedder
from assistant.services import Services
from assistant.settings import Settings

QUESTION = "河南2020年的示范平台要运营满几年？"


@pytest.fixture
def api_settings(shared_index: Settings, tmp_path: Path) -> Settings:
    return shared_index.model_copy(update={"today": date(2026, 11, 22), "data_dir": tmp_path / "data"})


@pytest.fixture
def client(api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings, Services(api_settings, FakeEmbedder()))) as c:
        yield c


def _error(response, status: int) -> dict:  # type: ignore[no-untyped-def, type-arg]
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["message"] and error["message_en"] and error["status"] == status
    return error  # type: ignore[no-any-return]


def test_chat_answers_with_the_ask_contract_and_verified_citations(client: TestClient) -> None:
    body = client.post("/api/chat", json={"message": QUESTION}).json()
    assert set(body) >= {"answer", "citations", "abstained", "notices", "route", "deadline_notes", "session_id"}
    assert body["route"] == "qa" and not body["abstained"] and body["notices"] == ["henan-2020"]
    assert "满一年" in body["answer"] and "[1]" in body["answer"]
    text = client.get("/api/notices/henan-2020/text").text
    for c in body["citations"]:
        assert citation_is_verbatim(text, Citation.model_validate(c))
        assert text[c["start"]:c["end"]] == c["quote"]


def test_session_keeps_scope_and_can_be_deleted(client: TestClient) -> None:
    first = client.post("/api/chat", json={"message": QUESTION}).json()
    sid = first["session_id"]
    follow = client.post("/api/chat", json={"message": "那企业呢？", "session_id": sid}).json()
    assert follow["session_id"] == sid and follow["notices"] == ["henan-2020"]
    assert "两年以上" in follow["answer"]
    stored = client.get(f"/api/sessions/{sid}").json()
    assert [m["role"] for m in stored["messages"]] == ["user", "assistant", "user", "assistant"]
    assert client.delete(f"/api/sessions/{sid}").json() == {"deleted": sid}
    _error(client.get(f"/api/sessions/{sid}"), 404)
    _error(client.delete(f"/api/sessions/{sid}"), 404)


def test_sessions_survive_a_restart(api_settings: Settings) -> None:
    services = Services(api_settings, FakeEmbedder())
    with TestClient(create_app(api_settings, services)) as c:
        sid = c.post("/api/chat", json={"message": "我们是2019年5月成立的河南郑州制造企业，能报2020年的示范企业吗？"}).json()[
            "session_id"]
    with TestClient(create_app(api_settings, services)) as c:  # a new app over the same data dir
        stored = c.get(f"/api/sessions/{sid}").json()
        assert stored["profile_ranges"]["established_on"] == ["2019-05-01", "2019-05-31"]  # month only: a range
        assert stored["profile"]["registered_province"] == "河南省"
        follow = c.post("/api/chat", json={"message": "2019年5月20日成立的", "session_id": sid}).json()
        # the restored conversation was waiting for facts: the answer goes on with the same notice
        assert follow["route"] == "eligibility" and follow["notices"] == ["henan-2020"]
        assert "成立于2019年5月20日" in follow["answer"]


def test_eligibility_questions_go_to_the_rule_engine(client: TestClient) -> None:
    body = client.post("/api/chat", json={"message": "我们是2019年5月成立的河南郑州制造企业，能报2020年的示范企业吗？"}).json()
    assert body["route"] == "eligibility" and "henan-2020" in body["notices"]
    assert body["citations"]


def test_drafting_requests_get_the_outline(client: TestClient) -> None:
    body = client.post("/api/chat", json={"message": "帮我写河南2020年示范企业的申报书正文"}).json()
    assert body["route"] == "drafting" and body["notices"] == ["henan-2020"]
    assert "一、企业概况" in body["answer"] and "（二）服务内容" in body["answer"]
    missing = client.post("/api/chat", json={"message": "国家第五批的申报书正文怎么写？"}).json()
    assert missing["route"] == "drafting" and missing["abstained"] and "不在语料中" in missing["answer"]


def test_pinned_notices_narrow_the_answer(client: TestClient) -> None:
    body = client.post("/api/chat", json={"message": "平台要运营满几年？", "notice_ids": ["shanxi-2021"]}).json()
    assert body["notices"] == ["shanxi-2021"] and "满两年" in body["answer"]
    _error(client.post("/api/chat", json={"message": "平台要运营满几年？", "notice_ids": ["nope"]}), 404)


def test_chat_streams_server_sent_events(client: TestClient) -> None:
    with client.stream("POST", "/api/chat", json={"message": QUESTION, "stream": True}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = "".join(response.iter_text())
    events = [(block.split("\n")[0][len("event: "):], json.loads(block.split("\n")[1][len("data: "):]))
              for block in raw.strip().split("\n\n")]
    kinds = [k for k, _ in events]
    assert kinds[0] == "meta" and kinds[-1] == "done" and kinds.count("delta") >= 2
    streamed = "".join(d["text"] for k, d in events if k == "delta")
    assert streamed == events[-1][1]["answer"]


def test_bad_input_table_is_a_clear_4xx_in_chinese_and_english(client: TestClient) -> None:
    """Every case of tests/bad_input.py: the stated 4xx, the error shape, `message` Chinese only and
    `message_en` English; the session they name and the session store are left as they were."""
    sid = client.post("/api/chat", json={"message": QUESTION}).json()["session_id"]
    before = client.get(f"/api/sessions/{sid}").json()
    sessions = client.app.state.shenbao.sessions  # type: ignore[attr-defined]
    count = sessions.count()
    problems = {}
    for case in CASES:
        response = client.request(**case.request_args(sid))
        found = check_error(case, response.status_code, response.json())
        if found:
            problems[case.name] = found
    assert not problems
    assert client.get(f"/api/sessions/{sid}").json() == before
    assert sessions.count() == count


def test_valid_unicode_next_to_the_checks_passes(client: TestClient) -> None:
    # a surrogate *pair* is a valid character (an emoji); an escaped backslash before "ud800" is plain text
    raw = rb'{"message": "\\ud800 \ud83d\ude00 ' + QUESTION.encode() + b'"}'
    emoji = client.post("/api/chat", content=raw, headers={"content-type": "application/json"})
    assert emoji.status_code == 200, emoji.text
    stored = client.get(f"/api/sessions/{emoji.json()['session_id']}").json()
    assert stored["messages"][0]["content"].startswith("\\ud800 \U0001f600")


def test_an_unknown_session_id_is_a_404_not_a_new_session(client: TestClient) -> None:
    sessions = client.app.state.shenbao.sessions  # type: ignore[attr-defined]
    error = _error(client.post("/api/chat", json={"message": QUESTION, "session_id": "client-chosen-id-1"}), 404)
    assert "会话" in error["message"]
    assert sessions.count() == 0 and sessions.load("client-chosen-id-1") is None
    issued = client.post("/api/chat", json={"message": QUESTION}).json()["session_id"]
    assert client.post("/api/chat", json={"message": "那企业呢？", "session_id": issued}).status_code == 200


def test_notices_search_and_health(client: TestClient) -> None:
    notices = client.get("/api/notices").json()
    assert [n["id"] for n in notices] == sorted(n["id"] for n in notices) and len(notices) == 5
    henan = client.get("/api/notices/henan-2020").json()
    assert henan["doc_no"] == "豫工信办产融〔2020〕202号" and henan["contacts"]
    deadline = henan["deadline"]
    assert deadline["application_deadline"] == "2020-11-25" and deadline["state"] == "closed"
    assert deadline["days_remaining"] == (date(2020, 11, 25) - date(2026, 11, 22)).days
    assert client.get("/api/notices/baotou").json()["deadline"]["state"] == "standing"
    assert deadline["today"] == "2026-11-22"
    by_deadline = client.get("/api/notices", params={"order": "deadline"}).json()
    assert [n["id"] for n in by_deadline] == ["baotou", "henan-basic-modes", "miit-2023", "shanxi-2021", "henan-2020"]
    hits = client.get("/api/search", params={"q": "平台运营满一年", "notice": "henan-2020", "k": 3}).json()["hits"]
    assert 0 < len(hits) <= 3 and all(h["notice_id"] == "henan-2020" for h in hits)
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["notices"] == 5 and health["embedder"] == "fake"
    assert "/api/chat" in client.get("/openapi.json").json()["paths"]
    assert client.get("/").headers["content-type"].startswith("text/html")


def test_eligibility_endpoint_runs_the_engine(client: TestClient) -> None:
    profile = {"applicant_type": "enterprise", "registered_province": "河南省", "established_on": "2019-05-01"}
    one = client.post("/api/eligibility", json={"notice_id": "henan-2020", "profile": profile}).json()
    assert one["verdict"] == "ineligible" and any(r["status"] == "fail" and r["citation"] for r in one["rules"])
    ranked = client.post("/api/eligibility", json={"profile": profile}).json()
    assert len(ranked["ranking"]) == len(ranked["results"]) >= 4
    # what can still be applied for comes first: open, then standing (baotou), closed last, each with its date
    states = [r["deadline"]["state"] for r in ranked["ranking"]]
    assert states == sorted(states, key=["open", "standing", "unknown", "closed"].index) and states[0] == "standing"
    assert [r["notice_id"] for r in ranked["results"]] == [r["notice_id"] for r in ranked["ranking"]]
    closed = ranked["ranking"][-1]["deadline"]
    assert closed["application_deadline"] and closed["days_remaining"] < 0
    fields = client.get("/api/eligibility/fields").json()
    assert "established_on" in fields["fields"]
    henan = fields["relevant"]["henan-2020"]
    assert "platform_launched_on" not in henan["enterprise"] and "platform_launched_on" in henan["platform"]
    assert "established_on" in henan["enterprise"] and henan["city"] == ["applicant_type"]  # henan has no city category
    assert "is_prefecture_level_city" in fields["relevant"]["shanxi-2021"]["city"]


def test_draft_and_lint_endpoints(client: TestClient) -> None:
    request = {"notice_id": "shanxi-2021", "category": "enterprise",
               "facts": {"established_on": "2015-03-01", "revenue_total": 52000, "service_revenue": 9360}}
    draft = client.post("/api/draft", json=request).json()
    assert [s["heading"] for s in draft["sections"]][:2] == ["一、企业概况", "二、主要做法"]
    word = client.post("/api/draft", json={**request, "format": "docx"})
    assert word.headers["content-disposition"].startswith("attachment") and ".docx" in word.headers["content-disposition"]
    headings = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert "一、企业概况" in headings
    markdown = client.post("/api/draft", json={**request, "format": "md"}).text
    assert "## 一、企业概况" in markdown
    report = client.post("/api/draft/lint", json={**request, "text": "一、企业概况\n我们成立于2015年。"}).json()
    assert not report["ok"] and any(f["kind"] == "missing_section" for f in report["findings"])
    upload = client.post("/api/draft/lint", json={**request, "filename": "draft.docx",
                                                   "file_base64": base64.b64encode(word.content).decode()}).json()
    assert all(f["kind"] != "missing_section" for f in upload["findings"])
    missing = _error(client.post("/api/draft", json={"notice_id": "miit-2023", "category": "enterprise"}), 404)
    assert "不在语料中" in missing["message"]
    outlines = client.get("/api/notices/shanxi-2021/outlines").json()
    assert set(outlines["outlines"]) == {"enterprise", "project", "platform", "city"}
    assert client.get("/api/notices/baotou/outlines").json()["missing_reason"]


def test_openai_compatible_shapes(client: TestClient) -> None:
    assert client.get("/v1/models").json()["data"][0]["id"] == "shenbao"
    body = client.post("/v1/chat/completions", json={"model": "shenbao", "messages": [
        {"role": "system", "content": "你是助手"},
        {"role": "user", "content": "河南2020年示范企业要成立几年？"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": [{"type": "text", "text": "那平台呢？"}]},
    ]}).json()
    message = body["choices"][0]["message"]
    assert body["object"] == "chat.completion" and message["role"] == "assistant"
    assert "满一年" in message["content"] and "来源：" in message["content"] and "[1]" in message["content"]
    assert body["citations"][0]["notice_id"] == "henan-2020" and body["shenbao"]["route"] == "qa"
    _error(client.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": "x"}]}), 422)
    with client.stream("POST", "/v1/chat/completions", json={"messages": [{"role": "user", "content": QUESTION}],
                                                             "stream": True}) as response:
        lines = [line for line in response.iter_lines() if line.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["citations"]
    assert "满一年" in "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)


def test_tokens(api_settings: Settings) -> None:
    guarded = api_settings.model_copy(update={"api_token": "s3cret", "admin_token": "adm1n"})
    with TestClient(create_app(guarded, Services(guarded, FakeEmbedder()))) as c:
        _error(c.post("/api/chat", json={"message": QUESTION}), 401)
        ok = c.post("/api/chat", json={"message": QUESTION}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        assert c.get("/healthz").status_code == 200  # health stays open
        _error(c.post("/api/admin/reindex"), 401)
        _error(c.post("/api/admin/reindex", headers={"Authorization": "Bearer s3cret"}), 401)
        done = c.post("/api/admin/reindex", headers={"Authorization": "Bearer adm1n"}).json()
        assert done["changed"] is False  # the corpus did not change: nothing rebuilt
    with TestClient(create_app(api_settings, Services(api_settings, FakeEmbedder()))) as c:
        assert "SHENBAO_ADMIN_TOKEN" in _error(c.post("/api/admin/reindex"), 403)["message"]


def test_parallel_clients_keep_their_own_sessions(client: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def conversation(i: int) -> tuple[str, list[str]]:
        first = client.post("/api/chat", json={"message": QUESTION}).json()
        sid = first["session_id"]
        second = client.post("/api/chat", json={"message": "那企业呢？", "session_id": sid}).json()
        return sid, [first["notices"][0], second["notices"][0]]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(conversation, range(16)))
    assert len({sid for sid, _ in results}) == 16
    assert all(notices == ["henan-2020", "henan-2020"] for _, notices in results)
    for sid, _ in results:
        assert len(client.get(f"/api/sessions/{sid}").json()["messages"]) == 4


def test_an_empty_pin_list_clears_the_carried_scope(client: TestClient) -> None:
    sid = client.post("/api/chat", json={"message": "平台要运营满几年？", "notice_ids": ["shanxi-2021"]}).json()["session_id"]
    carried = client.post("/api/chat", json={"message": "平台要运营满几年？", "session_id": sid}).json()
    assert carried["notices"] == ["shanxi-2021"]  # a follow-up keeps the scope
    cleared = client.post("/api/chat", json={"message": "平台要运营满几年？", "session_id": sid, "notice_ids": []}).json()
    fresh = client.post("/api/chat", json={"message": "平台要运营满几年？"}).json()
    assert cleared["notices"] == fresh["notices"] != ["shanxi-2021"]  # as if asked in a new session


def test_rejected_messages_leave_the_session_as_it_was(client: TestClient, api_settings: Settings) -> None:
    sid = client.post("/api/chat", json={"message": QUESTION}).json()["session_id"]
    before = client.get(f"/api/sessions/{sid}").json()
    _error(client.post("/api/chat", json={"message": " ", "session_id": sid}), 422)
    _error(client.post("/api/chat", json={"message": "问" * (api_settings.max_message_chars + 1), "session_id": sid}), 413)
    _error(client.post("/api/chat", json={"message": QUESTION, "session_id": sid, "notice_ids": ["nope"]}), 404)
    assert client.get(f"/api/sessions/{sid}").json() == before
    broken = _error(client.post("/api/draft/lint", json={"notice_id": "henan-2020", "category": "enterprise",
                                                         "filename": "a.docx", "file_base64": "bm90IGEgZG9jeA=="}), 400)
    assert ".docx" in broken["message"]


def test_docs_need_no_outside_host(client: TestClient) -> None:
    """Swagger UI and ReDoc come from the app itself (fastapi-offline), so /docs works offline."""
    import re

    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert not re.search(r"(?:https?:)?//(?!/)[\w.-]+\.\w+", html.replace("window.location.origin", "")), html
        assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
        assert assets, html
        for asset in assets:
            served = client.get(asset)
            assert served.status_code == 200 and len(served.content) > 1000, asset
    assert "swagger-ui-bundle.js" in client.get("/docs").text
