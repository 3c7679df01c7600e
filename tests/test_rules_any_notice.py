"""Eligibility for notices a user added (no hand-written pack): the CLI, the chat and the API use the
pack drafted from the notice's text and say it is unreviewed; a notice that states no conditions says
so instead of failing. Texts written for the test."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient
from test_rules_extract import PROVINCE

from api.app import create_app
from assistant.chat import Conversation
from assistant.cli import main
from assistant.eligibility.format import UNREVIEWED_NOTE
from assistant.embeddings import FakeEmbedder
from assistant.ingest import ingest
from assistant.services import Services
from assistant.settings import PROJECT_ROOT, Settings

NEWS = "江西省工信厅召开服务型制造座谈会\n\n会议总结了近年来示范企业培育工作，部署下一阶段任务。\n"
PROFILE = {"applicant_type": "enterprise", "registered_province": "江西省", "independent_legal_person": True,
           "financial_status_good": True, "major_incidents": [], "credit_blacklisted": False,
           "is_manufacturer": True, "established_on": "2019-05-01", "revenue_total": 8000, "service_revenue": 2400}


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("added")
    corpus = root / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    for name, text in (("jiangxi-2025", PROVINCE), ("jiangxi-news", NEWS)):
        (root / "user" / name).mkdir(parents=True)
        (root / "user" / name / "notice.txt").write_text(text, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", embedder="fake", chroma_url=None,
                        today=date(2025, 7, 1))
    ingest([corpus, root / "user"], settings, FakeEmbedder())
    return settings


def _cli(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), obj={"settings": settings}, catch_exceptions=False)


def test_cli_checks_and_drafts_rules_for_an_added_notice(added: Settings, tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    one = _cli(added, "check", "--notice", "jiangxi-2025", "--profile", str(profile), "--json")
    data = json.loads(one.output)
    assert data["verdict"] == "eligible" and data["reviewed"] is False
    assert UNREVIEWED_NOTE in _cli(added, "check", "--notice", "jiangxi-2025", "--profile", str(profile)).output
    ranked = json.loads(_cli(added, "check", "--all", "--profile", str(profile), "--json").output)
    rows = {r["notice_id"]: r for r in ranked["ranking"]}
    assert rows["jiangxi-2025"]["deadline"]["state"] == "open" and ranked["ranking"][0]["notice_id"] == "jiangxi-2025"
    assert rows["henan-2020"]["deadline"]["state"] == "closed" and rows["henan-2020"]["reviewed"] is True
    assert "jiangxi-news" in ranked["without_conditions"] and "henan-basic-modes" in ranked["without_conditions"]
    table = _cli(added, "check", "--all", "--profile", str(profile)).output
    assert "【已截止：2020年11月25日】" in table and "没有写明申报条件" in table
    out = tmp_path / "rules.yaml"
    drafted = _cli(added, "rules", "draft", "--notice", "jiangxi-2025", "--out", str(out))
    assert drafted.exit_code == 0 and "未经人工复核" in drafted.output
    spec = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert spec["notice_id"] == "jiangxi-2025" and spec["rules"][0]["id"] == "category_offered"
    again = _cli(added, "rules", "draft", "--notice", "jiangxi-2025", "--out", str(out))
    assert again.exit_code != 0 and "已存在" in again.output  # never overwrites a reviewed file
    none = _cli(added, "rules", "draft", "--notice", "jiangxi-news")
    assert none.exit_code != 0 and "没有写明申报条件" in none.output


def test_a_saved_draft_becomes_the_reviewed_pack(added: Settings, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(added.corpus_dir, corpus)
    (corpus / "jiangxi-2025").mkdir()
    (corpus / "jiangxi-2025" / "notice.txt").write_text(PROVINCE, encoding="utf-8")
    text = _cli(added, "rules", "draft", "--notice", "jiangxi-2025").output
    (corpus / "jiangxi-2025" / "rules.yaml").write_text(text, encoding="utf-8")
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    reviewed = _cli(added.model_copy(update={"corpus_dir": corpus}), "check", "--notice", "jiangxi-2025",
                    "--profile", str(profile), "--json")
    assert json.loads(reviewed.output)["reviewed"] is True


@pytest.fixture
def conversation(added: Settings) -> Conversation:
    return Conversation(Services(added, FakeEmbedder()).answerer)


def test_chat_uses_the_drafted_pack(conversation: Conversation) -> None:
    result = conversation.send("我们是2019年5月1日成立的江西制造企业，能报江西省2025年的示范企业吗？")
    assert result.route == "eligibility" and result.notices == ["jiangxi-2025"]
    assert UNREVIEWED_NOTE in result.answer and "规则引擎" in result.answer


def test_chat_answers_from_the_clauses_when_no_conditions_are_stated(conversation: Conversation) -> None:
    conversation.scope_ids = ["jiangxi-news"]
    result = conversation.send("我们是2019年成立的制造企业，能报吗？")
    assert result.route == "eligibility" and "没有写明可逐条判断的申报条件" in result.answer


@pytest.fixture
def client(added: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(added, Services(added, FakeEmbedder()))) as c:
        yield c


def test_api_checks_any_notice(client: TestClient) -> None:
    fields = client.get("/api/eligibility/fields").json()
    assert "jiangxi-2025" in fields["notices"] and fields["reviewed"]["jiangxi-2025"] is False
    assert fields["reviewed"]["henan-2020"] is True and "jiangxi-news" in fields["without_conditions"]
    one = client.post("/api/eligibility", json={"notice_id": "jiangxi-2025", "profile": PROFILE}).json()
    assert one["verdict"] == "eligible" and one["reviewed"] is False
    none = client.post("/api/eligibility", json={"notice_id": "jiangxi-news", "profile": PROFILE})
    assert none.status_code == 404 and "没有写明申报条件" in none.text
    listed = {n["id"]: n["rules"] for n in client.get("/api/notices").json()}
    assert listed["jiangxi-2025"] == "drafted" and listed["henan-2020"] == "reviewed" and listed["jiangxi-news"] == "none"
    ranked = client.post("/api/eligibility", json={"profile": PROFILE}).json()
    assert ranked["ranking"][0]["notice_id"] == "jiangxi-2025" and ranked["ranking"][0]["reviewed"] is False


def test_eval_rules_command(tmp_path: Path) -> None:
    """`shenbao eval rules` reports the hand-pack comparison and the blind cases (fixture notices)."""
    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", index_dir=tmp_path / "index", embedder="fake")
    folders = [f"tests/fixtures/notices_unseen{n}" for n in ("", "2", "3", "4")]
    args = ["eval", "rules", "--gold", str(PROJECT_ROOT / "tests/eval/eligibility_external_unseen3.jsonl"), "--json"]
    for folder in folders:
        args += ["--notices", str(PROJECT_ROOT / folder)]
    args += ["--notices", str(PROJECT_ROOT.parent / "shared" / "external-notices")]
    report = json.loads(_cli(settings, *args).output)
    assert report["recall"] >= 0.90 and report["precision"] >= 0.95
    assert len(report["cases"]) == 72 and report["agreement_where_stated"] >= 0.95
    missing = _cli(settings, "eval", "rules", "--gold", args[3], "--notices", str(tmp_path))
    assert missing.exit_code == 1 and "不在" in missing.output


@pytest.mark.parametrize(("content", "words"), [
    (None, "无法读取评测集"), (b"\xff\xfe", "无法读取评测集"), (b"", "是空的"),
    (b'{"id": "x"}\n', "第 1 行不是合法的评测用例"), (b"not json\n", "第 1 行不是合法的评测用例"),
])
def test_eval_rules_bad_gold_is_one_clear_line(tmp_path: Path, content: bytes | None, words: str) -> None:
    gold = tmp_path / "gold.jsonl"
    if content is not None:
        gold.write_bytes(content)
    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", index_dir=tmp_path / "index", embedder="fake")
    result = _cli(settings, "eval", "rules", "--gold", str(gold))
    assert result.exit_code == 1 and result.output.startswith("错误：") and words in result.output
    assert "Traceback" not in result.output
