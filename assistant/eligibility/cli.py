"""Click commands for eligibility; the main CLI registers them as `shenbao check` and `shenbao eval eligibility`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from ..errors import ShenbaoError
from ..settings import PROJECT_ROOT, Settings, get_settings

DEFAULT_GOLD = PROJECT_ROOT / "tests" / "eval" / "eligibility.jsonl"


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Library errors become one `错误：…` line on stderr and exit status 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ShenbaoError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(1)

    return wrapper


def _settings(ctx: click.Context) -> Settings:
    obj = ctx.ensure_object(dict)
    return obj.get("settings") or get_settings()


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


@click.command(name="check")
@click.option("--notice", "notice_id", help="Notice id, e.g. henan-2020.")
@click.option("--all", "every", is_flag=True, help="Check against every notice with rules and rank them.")
@click.option("--profile", "profile_path", required=True, help="Applicant profile JSON file ('-' reads stdin).")
@click.option("--as-of", "as_of", help="Judge as of this date (default: application_date, else the deadline).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
@_friendly
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
    settings = _settings(ctx)
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
@click.option("--gold", type=click.Path(path_type=Path), default=DEFAULT_GOLD, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_friendly
def eval_eligibility_command(ctx: click.Context, gold: Path, as_json: bool) -> None:
    """资格判断评测：与人工标注用例的一致率（低于 100% 时以非零状态退出）。"""
    from .evaluation import evaluate_eligibility, format_report

    settings = _settings(ctx)
    report = evaluate_eligibility(gold, settings.corpus_dir, settings.clock())
    click.echo(report.model_dump_json(indent=1) if as_json else format_report(report))
    if report.agreed < report.total:
        sys.exit(1)
