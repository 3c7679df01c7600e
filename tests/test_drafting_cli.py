"""`shenbao draft`, `shenbao lint-draft` and `shenbao outline` through click's CliRunner (registered on
the main command group): outputs, exit codes, one-line Chinese errors, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from test_drafting_samples import HENAN_CONFORMING, HENAN_FACTS

from assistant.cli import main
from assistant.drafting import Drafter
from assistant.embeddings import FakeEmbedder
from assistant.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture
def obj() -> dict:
    settings = Settings(corpus_dir=CORPUS, embedder="fake", llm_base_url=None, llm_model=None)
    return {"settings": settings, "embedder": FakeEmbedder()}


@pytest.fixture
def facts_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(HENAN_FACTS, ensure_ascii=False), "utf-8")
    return path


def run(args: list[str], obj: dict, stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, args, obj=obj, input=stdin)


def one_line_error(result: Any, *words: str) -> None:
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "Traceback" not in result.output
    for word in words:
        assert word in lines[0]


def test_draft_json_follows_the_contract(obj: dict, facts_file: Path) -> None:
    result = run(["draft", "--notice", "henan-2020", "--category", "enterprise", "--facts", str(facts_file), "--json"], obj)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["notice_id"] == "henan-2020" and data["category"] == "enterprise"
    outline = Drafter(CORPUS).outline("henan-2020", "enterprise")
    assert [s["heading"] for s in data["sections"]] == [i.heading for i in outline.items]
    for section in data["sections"]:
        assert {"heading", "level", "text", "guidance"} <= set(section)
        for req in section["requirements"]:
            assert req["citation"]["quote"] and req["citation"]["section"]
    assert data["modes"] == ["供应链协同管理"]


def test_draft_writes_docx_and_markdown(obj: dict, tmp_path: Path) -> None:
    out_docx, out_md = tmp_path / "正文.docx", tmp_path / "正文.md"
    result = run(["draft", "--notice", "shanxi-2021", "--category", "city", "--docx", str(out_docx),
                  "--md", str(out_md)], obj)
    assert result.exit_code == 0, result.output
    assert "已写入" in result.stdout and "小四号仿宋体" in result.stdout
    headings = [p.text for p in docx.Document(str(out_docx)).paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["一、基本情况", "二、工作举措", "三、取得成效", "参考附件"]
    assert "## 二、工作举措" in out_md.read_text("utf-8")


def test_draft_prints_markdown_by_default_and_warns_on_stderr(obj: dict) -> None:
    result = run(["draft", "--notice", "henan-2020", "--category", "platform", "--no-notes"], obj)
    assert result.exit_code == 0
    assert result.stdout.startswith("# 服务型制造示范平台申报书正文") and "【编写提示】" not in result.stdout
    assert "提示：还缺" in result.stderr


def test_draft_with_a_chat_model(obj: dict, facts_file: Path) -> None:
    obj["chat_model"] = FakeListChatModel(responses=["公司长期深耕矿山机械领域，服务体系完善。"])
    result = run(["draft", "--notice", "henan-2020", "--category", "enterprise", "--facts", str(facts_file), "--json"], obj)
    data = json.loads(result.stdout)
    assert data["writer"] == "llm" and any(s["writer"] == "llm" for s in data["sections"])
    plain = run(["draft", "--notice", "henan-2020", "--category", "enterprise", "--no-llm", "--json"], obj)
    assert json.loads(plain.stdout)["writer"] == "scaffold"


@pytest.mark.parametrize("args, words", [
    (["--notice", "miit-2023", "--category", "enterprise"], ("miit-2023", "提纲不在语料中", "服务型制造示范遴选申报书")),
    (["--notice", "baotou", "--category", "enterprise"], ("提纲不在语料中",)),
    (["--notice", "henan-2020", "--category", "city"], ("不受理示范城市",)),
    (["--notice", "henan-2020", "--category", "enterprise", "--mode", "火箭"], ("火箭", "可选")),
    (["--notice", "nowhere", "--category", "enterprise"], ("nowhere",)),
    (["--notice", "henan-2020", "--category", "company"], ("申报类别",)),
])
def test_draft_errors_are_one_clear_line(obj: dict, args: list[str], words: tuple[str, ...]) -> None:
    one_line_error(run(["draft", *args], obj), *words)


def test_bad_facts_file(obj: dict, tmp_path: Path) -> None:
    bad = tmp_path / "facts.json"
    bad.write_text("{oops", "utf-8")
    one_line_error(run(["draft", "--notice", "henan-2020", "--category", "enterprise", "--facts", str(bad)], obj),
                   "不是合法的 JSON")
    result = run(["draft", "--notice", "henan-2020", "--category", "enterprise", "--facts", "-", "--json"], obj,
                 stdin=json.dumps({"name": "标准输入公司", "established_on": "2016-01-02"}))
    assert "标准输入公司成立于2016年1月2日" in result.stdout


def test_lint_draft_exit_codes_and_json(obj: dict, tmp_path: Path, facts_file: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(HENAN_CONFORMING, "utf-8")
    args = ["--notice", "henan-2020", "--category", "enterprise", "--facts", str(facts_file)]
    result = run(["lint-draft", str(good), *args, "--json"], obj)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []
    assert "未发现问题" in run(["lint-draft", str(good), *args], obj).stdout

    bad = tmp_path / "bad.txt"
    bad.write_text(HENAN_CONFORMING.replace("### （三）技术水平", "### （六）技术水平").replace("的18%", "的20%"), "utf-8")
    result = run(["lint-draft", str(bad), *args, "--json"], obj)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert {f["kind"] for f in report["findings"]} == {"wrong_numbering", "figure_mismatch"} and report["ok"] is False
    human = run(["lint-draft", str(bad), *args], obj)
    assert human.exit_code == 1 and "[错误]" in human.stdout and "修改：改为「（三）技术水平」" in human.stdout


def test_lint_draft_errors(obj: dict, tmp_path: Path) -> None:
    one_line_error(run(["lint-draft", str(tmp_path / "none.md"), "--notice", "henan-2020", "--category", "enterprise"],
                       obj), "找不到")
    pdf = tmp_path / "draft.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    one_line_error(run(["lint-draft", str(pdf), "--notice", "henan-2020", "--category", "enterprise"], obj), ".pdf")
    md = tmp_path / "draft.md"
    md.write_text("一、企业概况\n", "utf-8")
    one_line_error(run(["lint-draft", str(md), "--notice", "miit-2023", "--category", "enterprise"], obj),
                   "提纲不在语料中")


def test_outline_command(obj: dict) -> None:
    result = run(["outline", "--notice", "shanxi-2021", "--json"], obj)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["outlines"]) == {"enterprise", "project", "platform", "city"}
    assert [m["name"] for m in data["modes"]["platform"]] == ["面向行业的专业服务平台", "面向区域的综合服务平台"]
    text = run(["outline", "--notice", "henan-2020", "--category", "enterprise"], obj).stdout
    assert "（二）服务内容  —— 参考附件1" in text and "申报模式（enterprise）" in text
    missing = run(["outline", "--notice", "henan-basic-modes"], obj)
    assert missing.exit_code == 1 and "共享制造" in missing.stdout and missing.stderr.startswith("错误：")
