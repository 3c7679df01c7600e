"""Click commands for drafting; the main CLI registers them as `shenbao draft`, `shenbao lint-draft`
and `shenbao outline`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..cli_support import context_settings, friendly
from ..errors import ShenbaoError

SEVERITY_LABELS = {"error": "错误", "warning": "提示"}
CATEGORY_HELP = "申报类别：enterprise（示范企业）、platform（示范平台）、project（示范项目）、city（示范城市）。"


def _drafter(ctx: click.Context) -> Any:
    """The Drafter of the process's Services when there is one; otherwise one built here without
    importing the index stack (Chroma), so `draft` starts fast. Same injection: obj["chat_model"],
    obj["embedder"], else the configured LLM endpoint and embedder (loaded only if lint needs it)."""
    from .service import Drafter

    obj = ctx.ensure_object(dict)
    if "services" in obj:
        return obj["services"].drafter
    if "drafter" not in obj:
        settings = context_settings(ctx)
        chat_model = obj.get("chat_model")
        if chat_model is None and settings.llm_base_url and settings.llm_model:
            from ..answer.llm import build_chat_model

            chat_model = build_chat_model(settings)

        def embedder() -> Any:
            if obj.get("embedder") is not None:
                return obj["embedder"]
            from ..embeddings import build_embedder

            return build_embedder(settings.embedder)

        from ..index import StoredNotices

        obj["drafter"] = Drafter(settings.corpus_dir, chat_model, embedder, StoredNotices.open(settings.index_dir))
    return obj["drafter"]


def _facts(path: str | None) -> Any:
    from .facts import load_facts_file, parse_facts_text

    if path is None:
        return None
    return parse_facts_text(sys.stdin.read(), "标准输入") if path == "-" else load_facts_file(Path(path))


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


@click.command(name="draft")
@click.option("--notice", "notice_id", required=True, help="通知编号，如 henan-2020。")
@click.option("--category", required=True, help=CATEGORY_HELP)
@click.option("--mode", "modes", multiple=True, help="申报模式（方向），可重复；默认取事实文件中的 modes。")
@click.option("--facts", "facts_path", help="申报单位事实 JSON 文件（申报主体信息加 business、platform、notes 等；“-”为标准输入）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（DESIGN.md draft 约定）。")
@click.option("--md", "md_path", is_flag=False, flag_value="-", default=None,
              help="Markdown：写入给定文件；不带文件名则输出到屏幕（默认输出）。")
@click.option("--docx", "docx_path", type=click.Path(path_type=Path), help="写入 Word 文件（按通知的格式要求排版）。")
@click.option("--no-notes", is_flag=True, help="Markdown/Word 中不写【编写提示】【对照要求】。")
@click.option("--no-llm", is_flag=True, help="即使配置了大模型，也只生成提纲骨架。")
@click.pass_context
@friendly
def draft_command(ctx: click.Context, notice_id: str, category: str, modes: tuple[str, ...], facts_path: str | None,
                  as_json: bool, md_path: str | None, docx_path: Path | None, no_notes: bool, no_llm: bool) -> None:
    """按通知的参考提纲起草申报书正文（缺的事实标为【待补充】，从不编造）。"""
    drafter = _drafter(ctx)
    draft = drafter.draft(notice_id, category, modes, _facts(facts_path), use_llm=not no_llm)
    notes = not no_notes
    if as_json:
        click.echo(draft.model_dump_json(indent=1))
    if docx_path is not None:
        path = drafter.write_docx(draft, docx_path, notes)
        fmt = drafter.docx_format(notice_id)
        rule = f"按通知要求：{fmt.basis}" if fmt.basis else "通知未规定格式，按公文默认格式"
        click.echo(f"已写入 {path}（{len(draft.sections)} 个标题，{rule}）", err=as_json)
    if md_path is not None and md_path != "-":
        Path(md_path).write_text(drafter.markdown(draft, notes), encoding="utf-8")
        click.echo(f"已写入 {md_path}", err=as_json)
    elif md_path == "-" or (not as_json and docx_path is None):
        click.echo(drafter.markdown(draft, notes), nl=False)
    if not as_json:
        for warning in draft.warnings:
            click.echo(f"提示：{warning}", err=True)
        if draft.missing:
            click.echo(f"提示：还缺 {len(draft.missing)} 项事实：{'、'.join(draft.missing)}", err=True)


def format_report(report: Any) -> str:
    head = f"检查 {report.file or '申报书'}（{report.notice_id} · {report.category}"
    head += f" · 模式：{'、'.join(report.modes)}）" if report.modes else "）"
    lines = [head]
    if not report.findings:
        lines.append("未发现问题：章节齐全，顺序、编号正确，所列要求均已回应，数据与事实一致。")
        return "\n".join(lines)
    for f in report.findings:
        where = f.section or ""
        lines.append(f"[{SEVERITY_LABELS[f.severity]}] {where}：{f.message}")
        lines.append(f"    修改：{f.fix}")
        if f.citation is not None:
            c = f.citation
            lines.append(f"    依据：《{c.title}》{c.doc_no or ''} {c.section}：“{' '.join(c.quote.split())[:80]}”")
    errors = sum(f.severity == "error" for f in report.findings)
    lines.append(f"共 {len(report.findings)} 项：错误 {errors} 项，提示 {len(report.findings) - errors} 项。")
    return "\n".join(lines)


@click.command(name="lint-draft")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--notice", "notice_id", required=True, help="通知编号，如 henan-2020。")
@click.option("--category", required=True, help=CATEGORY_HELP)
@click.option("--mode", "modes", multiple=True, help="申报模式（方向），可重复；默认取事实文件，其次从正文识别。")
@click.option("--facts", "facts_path", help="申报单位事实 JSON 文件，用于核对正文中的数据。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.option("--no-embed", is_flag=True, help="只按关键词核对要求（不加载向量模型）。")
@click.pass_context
@friendly
def lint_draft_command(ctx: click.Context, file: Path, notice_id: str, category: str, modes: tuple[str, ...],
                       facts_path: str | None, as_json: bool, no_embed: bool) -> None:
    """检查申报书正文（.md/.txt/.docx）：缺节、顺序、编号、空节、待补充标记、模式要求、数据一致性、附件。
    有错误时以非零状态退出。"""
    if not file.is_file():
        raise ShenbaoError(f"找不到申报书文件 {file}")
    drafter = _drafter(ctx)
    report = drafter.lint_file(file, notice_id, category, modes, _facts(facts_path), use_embedder=not no_embed)
    click.echo(report.model_dump_json(indent=1) if as_json else format_report(report))
    if not report.ok:
        sys.exit(1)


@click.command(name="outline")
@click.option("--notice", "notice_id", required=True, help="通知编号，如 shanxi-2021。")
@click.option("--category", help=CATEGORY_HELP + "不指定则列出全部。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.pass_context
@friendly
def outline_command(ctx: click.Context, notice_id: str, category: str | None, as_json: bool) -> None:
    """列出通知的申报书正文参考提纲（原文标题、编写说明、关联要求）和申报模式清单。"""
    from .outline import OutlineMissingError, missing_outline_message

    drafter = _drafter(ctx)
    data = drafter.data(notice_id)
    outlines = {category: data.outline(category)} if category else dict(data.outlines)
    modes = {c: m for c, m in data.modes.items() if category is None or c == category}
    if as_json:
        click.echo(_dump({"notice_id": notice_id,
                          "outlines": {c: o.model_dump(mode="json") for c, o in outlines.items()},
                          "modes": {c: [m.model_dump(mode="json") for m in ms] for c, ms in modes.items()}}))
    else:
        for cat, outline in outlines.items():
            click.echo(f"{outline.title}（{cat}，{len(outline.items)} 个标题）")
            for item in outline.items:
                indent = "  " * item.level
                click.echo(f"{indent}{item.heading}" + (f"  —— {item.guidance[:50]}" if item.guidance else ""))
        for cat, ms in modes.items():
            click.echo(f"申报模式（{cat}）：" + "、".join(m.name for m in ms))
    if not outlines:
        offered = data.notice.meta.categories or ["enterprise"]
        raise OutlineMissingError(missing_outline_message(data.notice, offered[0]))
