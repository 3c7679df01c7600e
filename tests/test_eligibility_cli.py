"""`shenbao check` and `shenbao eval eligibility` (invoked through click's CliRunner)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.eligibility.cli import check_command, eval_eligibility_command
from assistant.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"
PROFILE = {
    "applicant_type": "enterprise", "name": "示例机械有限公司", "registered_province": "河南省",
    "independent_legal_person": True, "is_manufacturer": True, "established_on": "2015-03-01", "has_own_brand": True,
    "revenue_total": 10000, "service_revenue": 2500, "major_incidents": [], "under_investigation": False,
    "financial_status_good": True, "modes": ["供应链管理"],
}


@pytest.fixture
def obj() -> dict:
    return {"settings": Settings(corpus_dir=CORPUS, today=date(2024, 6, 1))}


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE, ensure_ascii=False), "utf-8")
    return path


def invoke(command, args: list[str], obj: dict, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(command, args, obj=obj, input=stdin)


def test_check_json(profile_file: Path, obj: dict) -> None:
    result = invoke(check_command, ["--notice", "henan-2020", "--profile", str(profile_file), "--json"], obj)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["notice_id"] == "henan-2020" and data["as_of"] == "2020-11-25" and data["verdict"] == "eligible"
    assert data["missing"] == []
    for rule in data["rules"]:
        assert rule["status"] in ("pass", "fail", "unknown", "not_applicable")
        assert rule["strength"] in ("hard", "in_principle", "guidance")
        assert rule["citation"]["quote"] and rule["citation"]["section"]


def test_check_table_is_chinese(profile_file: Path, obj: dict) -> None:
    result = invoke(check_command, ["--notice", "miit-2023", "--profile", str(profile_file)], obj)
    assert result.exit_code == 0, result.output
    assert "结论：基本符合" in result.output
    assert "依据：" in result.output and "原则上服务收入占企业营业收入比重达30%以上" in result.output


def test_check_as_of_and_stdin(obj: dict) -> None:
    profile = json.dumps({**PROFILE, "established_on": "2019-01-10"})
    args = ["--notice", "henan-2020", "--profile", "-", "--as-of", "2021-01-10", "--json"]
    data = json.loads(invoke(check_command, args, obj, stdin=profile).output)
    assert data["as_of"] == "2021-01-10" and data["verdict"] == "eligible"


def test_check_all_ranks(profile_file: Path, obj: dict) -> None:
    result = invoke(check_command, ["--all", "--profile", str(profile_file), "--json"], obj)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["rank"] for r in data["ranking"]] == [1, 2, 3, 4]
    # the standing measure (no deadline) comes before the three closed rounds; henan-2020 is the best closed one
    states = [r["deadline"]["state"] for r in data["ranking"]]
    assert states == ["none", "closed", "closed", "closed"]
    assert data["ranking"][1]["notice_id"] == "henan-2020" and data["ranking"][1]["verdict"] == "eligible"
    assert len(data["results"]) == 4 and all(r["reviewed"] for r in data["ranking"])
    table = invoke(check_command, ["--all", "--profile", str(profile_file)], obj).output
    assert "2. 【已截止：2020年11月25日】【符合申报条件】henan-2020" in table
    assert "仍可申报且符合" not in table  # the only qualifying notice has closed


@pytest.mark.parametrize(
    ("args", "profile", "words"),
    [
        (["--notice", "no-such"], PROFILE, "unknown notice"),
        (["--notice", "henan-basic-modes"], PROFILE, "没有写明申报条件"),
        (["--notice", "henan-2020", "--as-of", "tomorrow"], PROFILE, "--as-of"),
        (["--notice", "henan-2020"], {**PROFILE, "revenue_total": -5}, "revenue_total"),
        (["--notice", "henan-2020"], {**PROFILE, "service_revenue": 20000}, "service_revenue"),
        (["--notice", "henan-2020"], {**PROFILE, "size": "big"}, "size"),
        (["--notice", "henan-2020"], {**PROFILE, "established_on": "2015-02-30"}, "established_on"),
        ([], PROFILE, "--notice"),
        (["--notice", "henan-2020", "--all"], PROFILE, "--notice"),
    ],
)
def test_check_errors_are_one_line(tmp_path: Path, obj: dict, args: list[str], profile: dict, words: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile, ensure_ascii=False), "utf-8")
    result = invoke(check_command, [*args, "--profile", str(path)], obj)
    assert result.exit_code == 1
    assert result.output.startswith("错误：") and words in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_check_bad_profile_file(tmp_path: Path, obj: dict) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    for path in (bad, tmp_path / "absent.json"):
        result = invoke(check_command, ["--notice", "henan-2020", "--profile", str(path)], obj)
        assert result.exit_code == 1 and result.output.startswith("错误：")


def test_eval_eligibility_is_100_percent(obj: dict) -> None:
    result = invoke(eval_eligibility_command, [], obj)
    assert result.exit_code == 0, result.output
    assert "100.0%" in result.output
    cases = (PROJECT_ROOT / "tests" / "eval" / "eligibility.jsonl").read_text("utf-8").splitlines()
    assert len([c for c in cases if c.strip()]) >= 25
    notices = {json.loads(c)["notice_id"] for c in cases if c.strip()}
    assert notices == {"henan-2020", "shanxi-2021", "miit-2023", "baotou"}


def test_eval_eligibility_fails_below_100(tmp_path: Path, obj: dict) -> None:
    gold = tmp_path / "gold.jsonl"
    case = {"id": "wrong", "notice_id": "henan-2020", "profile": PROFILE, "expected": {"verdict": "ineligible"}}
    gold.write_text(json.dumps(case, ensure_ascii=False) + "\n", "utf-8")
    result = invoke(eval_eligibility_command, ["--gold", str(gold), "--json"], obj)
    assert result.exit_code == 1
    assert json.loads(result.output)["agreement"] == 0.0
    gold.write_text("not json\n", "utf-8")
    broken = invoke(eval_eligibility_command, ["--gold", str(gold)], obj)
    assert broken.exit_code == 1 and broken.output.startswith("错误：")
