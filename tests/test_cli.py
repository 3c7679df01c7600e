"""The CLI is a thin layer: clear messages, JSON output, exit codes (fake embedder injected)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.embeddings import FakeEmbedder
from assistant.settings import Settings


def run(settings: Settings, *args: str, input: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, list(args), obj={"settings": settings, "embedder": FakeEmbedder()}, input=input)
    return result.exit_code, result.stdout, result.stderr


def test_search_before_ingest_says_what_to_do(settings: Settings) -> None:
    code, out, err = run(settings, "search", "申报条件")
    assert code == 1 and "shenbao ingest" in err and "Traceback" not in err + out


def test_ingest_prints_report(settings: Settings) -> None:
    code, out, _ = run(settings, "ingest")
    assert code == 0
    assert "henan-2020" in out and "hallucinated_repeated_block" in out and "索引已更新" in out
    code, out, _ = run(settings, "ingest")
    assert code == 0 and "内容未变化" in out
    code, out, _ = run(settings, "ingest", "--json")
    assert json.loads(out)["changed"] is False


def test_search_json_contract(shared_index: Settings) -> None:
    code, out, _ = run(shared_index, "search", "河南示范平台运营要满几年", "--k", "3", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 3
    first = rows[0]
    assert {"notice_id", "title", "doc_no", "section", "text", "scores", "start", "end", "kind"} <= set(first)
    assert first["notice_id"] == "henan-2020" and first["doc_no"] == "豫工信办产融〔2020〕202号"
    assert isinstance(first["section"], list)


def test_search_with_notice_filter_and_text_output(shared_index: Settings) -> None:
    code, out, _ = run(shared_index, "search", "运营时间", "--notice", "miit-2023", "--k", "2")
    assert code == 0 and "工信厅政法函〔2023〕42号" in out and "[1]" in out
    code, _, err = run(shared_index, "search", "运营时间", "--notice", "nope")
    assert code == 1 and "unknown notice 'nope'" in err


def test_search_reads_questions_from_stdin(shared_index: Settings) -> None:
    code, out, _ = run(shared_index, "search", "--k", "1", input="包头示范企业谁来认定\n\n山西联系电话\n")
    assert code == 0 and out.count("[1]") == 2


def test_bad_arguments(built_index: Settings, tmp_path: Path) -> None:
    code, _, err = run(built_index, "search", "  ")
    assert code == 1 and "empty" in err
    code, _, err = run(built_index, "search", "x", "--k", "0")
    assert code == 2
    bad = tmp_path / "a.xlsx"
    bad.write_bytes(b"x")
    code, _, err = run(built_index, "ingest", str(bad))
    assert code == 1 and "不支持的文件格式" in err and err.count("\n") == 1


def test_notices_lists_metadata(shared_index: Settings) -> None:
    code, out, _ = run(shared_index, "notices", "--json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["miit-2023"]["doc_no"] == "工信厅政法函〔2023〕42号"
    assert rows["henan-2020"]["deadlines"][0]["date"] == "2020-11-25"
    assert rows["henan-2020"]["rules"] == "reviewed" and rows["henan-basic-modes"]["rules"] == "none"


def test_ask_json_contract(shared_index: Settings) -> None:
    code, out, _ = run(shared_index, "ask", "上海的企业怎么申报服务型制造示范？", "--json")
    assert code == 0
    result = json.loads(out)
    assert {"answer", "citations", "abstained", "notices", "route", "deadline_notes"} <= set(result)
    assert result["abstained"] is True and result["route"] == "qa" and result["citations"] == []
    code, out, _ = run(shared_index, "ask", "河南2020年示范平台要运营满几年？", "--json")
    result = json.loads(out)
    assert result["abstained"] is False and result["notices"] == ["henan-2020"]
    for citation in result["citations"]:
        assert {"n", "notice_id", "title", "doc_no", "section", "quote", "start", "end"} == set(citation)
    code, _, err = run(shared_index, "ask", " ")
    assert code == 1 and "为空" in err


def test_chat_keeps_scope_across_lines(shared_index: Settings) -> None:
    code, out, _ = run(shared_index, "chat", input="河南2020年的示范企业得符合哪些条件？\n那平台呢？\n")
    assert code == 0
    assert out.count("豫工信办产融〔2020〕202号") >= 2 and "引用" in out


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    """`shenbao notices | head -1`: the reader going away is not an error."""
    import click
    from click.testing import CliRunner

    from assistant.cli_support import friendly

    @click.command()
    @friendly
    def noisy() -> None:
        raise BrokenPipeError(32, "Broken pipe")

    result = CliRunner().invoke(noisy, [])
    assert result.exit_code == 0 and "错误" not in result.output


@pytest.mark.parametrize("command", ["qa", "retrieval"])
@pytest.mark.parametrize(("content", "words"), [
    (None, "无法读取评测集"), (b"", "是空的"), (b'{"bad json\n', "第 1 行不是合法的评测用例"),
    (b'{"id": "x"}\n', "第 1 行不是合法的评测用例"),
])
def test_eval_bad_gold_is_one_clear_line(shared_index: Settings, tmp_path: Path, command: str,
                                         content: bytes | None, words: str) -> None:
    gold = tmp_path / "gold.jsonl"
    if content is not None:
        gold.write_bytes(content)
    code, out, err = run(shared_index, "eval", command, "--gold", str(gold))
    assert code == 1 and words in out + err and "Traceback" not in out + err
    assert len((out + err).strip().splitlines()) == 1
