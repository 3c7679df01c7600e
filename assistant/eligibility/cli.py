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


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


@click.command(name="check")
@click.option("--notice", "notice_id", help="通知编号，如 henan-2020。")
@click.option("--all", "every", is_flag=True, help="与所有带申报条件规则的通知逐一比对，并按符合程度排序。")
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
    from .engine import check, check_all
    from .format import format_ranking, format_result
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
    if notice_id is not None:
        result = check(notice_id, profile, as_of, corpus_dir=settings.corpus_dir, today=today)
        click.echo(_dump(result.model_dump(mode="json")) if as_json else format_result(result, today))
        return
    results = check_all(profile, as_of, corpus_dir=settings.corpus_dir, today=today)
    if not as_json:
        click.echo(format_ranking(results, today))
        return
    ranking = [
        {
            "rank": rank,
            "notice_id": r.notice_id,
            "title": r.title,
            "verdict": r.verdict,
            "as_of": r.as_of.isoformat(),
            "failing": r.failing(),
            "missing": r.missing,
        }
        for rank, r in enumerate(results, start=1)
    ]
    click.echo(_dump({"ranking": ranking, "results": [r.model_dump(mode="json") for r in results]}))


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
