"""Click commands for eligibility; the main CLI registers them as `shenbao check` and `shenbao eval eligibility`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..cli_support import context_settings, friendly
from ..errors import ShenbaoError
from ..settings import PROJECT_ROOT

DEFAULT_GOLD = PROJECT_ROOT / "tests" / "eval" / "eligibility.jsonl"
DEFAULT_RULES_GOLD = PROJECT_ROOT / "tests" / "eval" / "eligibility_external_dev.jsonl"
DEFAULT_EXTERNAL = PROJECT_ROOT.parent / "shared" / "external-notices"


def rulebook_for(ctx: click.Context) -> Any:
    """The rule book over the corpus folder and the indexed notices (read from disk, no model loaded)."""
    from ..index import StoredNotices
    from .rulebook import RuleBook

    settings = context_settings(ctx)
    return RuleBook(settings.corpus_dir, StoredNotices.open(settings.index_dir))


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


@click.command(name="check")
@click.option("--notice", "notice_id", help="通知编号，如 henan-2020。")
@click.option("--all", "every", is_flag=True, help="与所有写明申报条件的通知逐一比对（仍在申报期的在前）。")
@click.option("--profile", "profile_path", required=True, help="申报主体信息 JSON 文件（“-”表示从标准输入读取）。")
@click.option("--as-of", "as_of", help="判断基准日（默认：申报日期，其次通知申报截止日，再次今天）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.pass_context
@friendly
def check_command(
    ctx: click.Context, notice_id: str | None, every: bool, profile_path: str, as_of: str | None, as_json: bool
) -> None:
    """判断申报主体是否符合通知的申报条件（逐条给出依据）。"""
    from .dates import parse_date
    from .format import format_ranking, format_result, ranked_by_deadline
    from .profile import load_profile_file, parse_profile_text

    if every == (notice_id is not None):
        raise ShenbaoError("请指定 --notice ID 或 --all（二者选一）")
    if as_of is not None and parse_date(as_of) is None:
        raise ShenbaoError(f"--as-of 不是合法日期：{as_of}（应为如 2020-11-25 的日期）")
    profile = (
        parse_profile_text(sys.stdin.read(), "标准输入") if profile_path == "-" else load_profile_file(Path(profile_path))
    )
    settings = context_settings(ctx)
    today = settings.clock()
    book = rulebook_for(ctx)
    if notice_id is not None:
        result = book.check(notice_id, profile, as_of, today=today)
        click.echo(_dump(result.model_dump(mode="json")) if as_json else format_result(result, today))
        return
    results = ranked_by_deadline(book.check_all(profile, as_of, today=today), book, today)
    without = book.without_conditions()
    if not as_json:
        click.echo(format_ranking(results, today))
        if without:
            click.echo(f"以下通知的现有文本没有写明申报条件，未作判断：{'、'.join(without)}")
        return
    ranking = [
        {
            "rank": rank,
            "notice_id": r.result.notice_id,
            "title": r.result.title,
            "verdict": r.result.verdict,
            "as_of": r.result.as_of.isoformat(),
            "failing": r.result.failing(),
            "missing": r.result.missing,
            "reviewed": r.result.reviewed,
            "deadline": {"state": r.state, "application_deadline": r.deadline.isoformat() if r.deadline else None},
        }
        for rank, r in enumerate(results, start=1)
    ]
    results = [r.result for r in results]  # type: ignore[misc]
    click.echo(_dump({"ranking": ranking, "results": [r.model_dump(mode="json") for r in results],
                      "without_conditions": without}))


@click.command(name="eligibility")
@click.option("--gold", type=click.Path(path_type=Path), default=DEFAULT_GOLD, show_default=True, help="评测用例文件。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.pass_context
@friendly
def eval_eligibility_command(ctx: click.Context, gold: Path, as_json: bool) -> None:
    """资格判断评测：与人工标注用例的一致率（低于 100% 时以非零状态退出）。"""
    from .evaluation import evaluate_eligibility, format_report

    settings = context_settings(ctx)
    report = evaluate_eligibility(gold, settings.corpus_dir, settings.clock())
    click.echo(report.model_dump_json(indent=1) if as_json else format_report(report))
    if report.agreed < report.total:
        sys.exit(1)


@click.group(name="rules")
def rules_group() -> None:
    """申报条件规则包（人工编写或由系统从通知原文提取）。"""


@rules_group.command(name="draft")
@click.option("--notice", "notice_id", required=True, help="通知编号（已导入索引的任一通知）。")
@click.option("--out", "out", type=click.Path(path_type=Path), help="写入的 YAML 文件（默认输出到屏幕）。")
@click.pass_context
@friendly
def draft_rules_command(ctx: click.Context, notice_id: str, out: Path | None) -> None:
    """从通知原文提取申报条件，写成 rules.yaml 草稿（供人工复核后保存为 corpus/ID/rules.yaml）。"""
    from .extract.yaml_out import draft_yaml

    book = rulebook_for(ctx)
    text = draft_yaml(book, notice_id)
    if out is None:
        click.echo(text, nl=False)
        return
    if out.exists():
        raise ShenbaoError(f"{out} 已存在；为免覆盖人工复核过的规则，请换一个文件名或先删除它")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"已写入 {out}（未经人工复核；复核后保存为 {context_settings(ctx).corpus_dir / notice_id / 'rules.yaml'}）")


@click.command(name="rules")
@click.option("--gold", type=click.Path(path_type=Path), default=DEFAULT_RULES_GOLD, show_default=True,
              help="外部通知的申报主体用例（从通知原文盲写）。")
@click.option("--notices", "notices_dirs", type=click.Path(path_type=Path), multiple=True,
              help=f"用例所指通知文件所在的文件夹（可重复，按顺序查找；默认 {DEFAULT_EXTERNAL}）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.pass_context
@friendly
def eval_rules_command(ctx: click.Context, gold: Path, notices_dirs: tuple[Path, ...], as_json: bool) -> None:
    """规则抽取评测：对照人工规则包的召回率/精确率，及外部通知用例的一致率。"""
    from .extract.evaluation import evaluate_rules, format_rules_report

    settings = context_settings(ctx)
    report = evaluate_rules(settings.corpus_dir, gold, list(notices_dirs) or [DEFAULT_EXTERNAL])
    click.echo(report.model_dump_json(indent=1) if as_json else format_rules_report(report))
