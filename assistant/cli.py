"""`shenbao` command line: a thin layer over the library (ingest, search, eval, notices)."""

from __future__ import annotations

import errno
import json
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .cli_support import context_settings, friendly
from .drafting.cli import draft_command, lint_draft_command, outline_command
from .eligibility.cli import check_command, eval_eligibility_command, eval_rules_command, rules_group
from .errors import ShenbaoError
from .settings import PROJECT_ROOT, get_settings


def _services(ctx: click.Context) -> Any:
    from .services import Services

    obj = ctx.ensure_object(dict)
    if "services" not in obj:
        obj["services"] = Services(obj.get("settings") or get_settings(), obj.get("embedder"))
    return obj["services"]


@click.group()
@click.version_option(package_name="shenbao")
def main() -> None:
    """申报助手 Shenbao：服务型制造示范遴选通知的检索、问答与申报辅助。"""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--id", "notice_id", help="Id of the one notice PATH holds (default: from the file or folder name).")
@click.option("--json", "as_json", is_flag=True, help="Print the ingest summary as JSON.")
@click.pass_context
@friendly
def ingest(ctx: click.Context, paths: tuple[Path, ...], notice_id: str | None, as_json: bool) -> None:
    """Clean, chunk, embed and index notices (default: the project corpus).

    PATH is the corpus, a notice folder or one file (.txt .md .docx .pdf .html): it is added to the
    existing index, or replaces the notice with the same id; the other notices stay as they are."""
    from .ingest import ingest as run_ingest

    settings = context_settings(ctx)
    if notice_id is not None and not paths:
        raise ShenbaoError("--id 需要和一个文件或通知文件夹一起使用：shenbao ingest FILE --id ID")
    services = _services(ctx)
    targets = list(paths) or [settings.corpus_dir]
    summary = run_ingest(targets, settings, services.embedder, notice_id=notice_id,
                         progress=not as_json and sys.stderr.isatty())
    if as_json:
        click.echo(summary.model_dump_json(indent=1))
        return
    for line in ingest_report_lines(summary):
        click.echo(line)
    state = "索引已更新" if summary.changed else "内容未变化，索引保持不变"
    click.echo(
        f"{state}：{summary.generation}，共 {summary.total_chunks} 块（新嵌入 {summary.embedded}，复用 "
        f"{summary.reused_vectors}），用时 {summary.seconds:.1f} 秒；报告见 {settings.index_dir / 'ingest-report.json'}"
    )


STATUS_ZH = {"new": "新增", "changed": "已替换", "unchanged": "未变化"}


def ingest_report_lines(summary: Any) -> list[str]:
    """The human-readable ingest report: per notice what cleaning changed, removed and suspects."""
    from .intake import describe

    lines = []
    for n in summary.notices:
        lines.append(
            f"{n.id:<20} {n.status:<9} 文件 {len(n.files)}  原文 {n.raw_chars} 字 → 清洗后 {n.clean_chars} 字  "
            f"切块 {n.chunks}  删除噪声 {n.removed_chars} 字（{STATUS_ZH.get(n.status, n.status)}）"
        )
        lines.extend(f"    - {text}" for text in describe(n.normalised))
        for r in n.removals:
            sample = r["samples"][0] if r["samples"] else ""
            lines.append(f"    - {r['reason']}: {r['lines']} 行 {r['chars']} 字，例：{sample[:40]}")
        lines.extend(f"    ! {warning}" for warning in n.warnings)
    return lines


@main.command()
@click.argument("notice_id", metavar="ID")
@click.pass_context
@friendly
def remove(ctx: click.Context, notice_id: str) -> None:
    """Delete one notice from the index (the other notices keep their vectors)."""
    from .ingest import remove as run_remove

    settings = context_settings(ctx)
    summary = run_remove(notice_id, settings, _services(ctx).embedder)
    click.echo(f"已从索引删除：{summary.id}（{summary.title}）；剩余 {summary.notices} 个通知，共 {summary.total_chunks} 块。")
    corpus = Path(settings.corpus_dir).resolve()
    folder = Path(summary.folder).resolve() if summary.folder else None
    if folder is not None and corpus in folder.parents:
        click.echo(f"注意：它的文件仍在 {folder}，下次运行 shenbao ingest 会重新加入；要永久删除请删掉该文件夹。")


def _input_lines(banner: str) -> Iterator[str]:
    """Non-empty lines from standard input, with a banner and prompt when it is a terminal."""
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(banner)
    while True:
        if interactive:
            click.echo("\n> ", nl=False)
        line = sys.stdin.readline()
        if not line:
            return
        if line.strip():
            yield line.strip()


def _print_hits(hits: list[Any], as_json: bool) -> None:
    if as_json:
        from .retrieval import hit_rows

        rows = hit_rows(hits)
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not hits:
        click.echo("没有找到相关条款。")
    for i, h in enumerate(hits, start=1):
        c = h.chunk
        doc_no = f"（{c.doc_no}）" if c.doc_no else ""
        click.echo(f"[{i}] {c.title}{doc_no}")
        click.echo(f"    {c.section_text or '正文'}  · {c.kind} · 得分 {h.score:.4f}")
        click.echo("    " + c.text.replace("\n", "\n    ")[:600])
        click.echo("")


@main.command()
@click.argument("query", required=False)
@click.option("--notice", "notices", multiple=True, help="Only this notice id (repeatable).")
@click.option("--region", multiple=True, help="Only notices of this region, e.g. 河南省.")
@click.option("--level", multiple=True, type=click.Choice(["national", "provincial", "municipal", "district"]))
@click.option("--kind", multiple=True, type=click.Choice(["clause", "table", "outline", "heading"]))
@click.option("--k", "k", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--mode", default="hybrid", show_default=True, type=click.Choice(["hybrid", "bm25", "dense"]))
@click.option("--no-scope", is_flag=True, help="Do not narrow the search to the notices the question names.")
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.pass_context
@friendly
def search(ctx: click.Context, query: str | None, notices: tuple[str, ...], region: tuple[str, ...],
           level: tuple[str, ...], kind: tuple[str, ...], k: int, mode: str, no_scope: bool, as_json: bool) -> None:
    """Search the notices; without QUERY, read questions from standard input."""
    services = _services(ctx)
    for notice_id in notices:
        services.index.notice(notice_id)  # unknown ids fail clearly
    filters = {"notice_id": list(notices), "region": list(region), "level": list(level), "kind": list(kind)}
    if query is not None:
        if not query.strip():
            raise ShenbaoError("the question is empty")
        hits = services.retriever.search(query, k=k, filters=filters, mode=mode, auto_scope=not no_scope)
        _print_hits(hits, as_json)
        return
    for line in _input_lines("申报助手检索（输入问题后回车，Ctrl-D 退出）"):
        _print_hits(services.retriever.search(line, k=k, filters=filters, mode=mode, auto_scope=not no_scope), as_json)


def _print_answer(result: Any, as_json: bool) -> None:
    if as_json:
        click.echo(result.model_dump_json(indent=1))
        return
    click.echo(result.answer)
    if result.citations:
        click.echo("\n引用：")
        for c in result.citations:
            doc_no = f"（{c.doc_no}）" if c.doc_no else ""
            click.echo(f"[{c.n}] 《{c.title}》{doc_no} {c.section}")


@main.command()
@click.argument("question")
@click.option("--notice", "notices", multiple=True, help="Answer only from this notice (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the DESIGN.md ask contract as JSON.")
@click.pass_context
@friendly
def ask(ctx: click.Context, question: str, notices: tuple[str, ...], as_json: bool) -> None:
    """Answer one question with quoted, cited clauses (or say plainly that the notices do not cover it)."""
    from .chat import Conversation

    services = _services(ctx)
    for notice_id in notices:
        services.index.notice(notice_id)
    conversation = Conversation(services.answerer)
    conversation.scope_ids = list(notices) or None
    _print_answer(conversation.send(question), as_json)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print each reply as JSON.")
@click.pass_context
@friendly
def chat(ctx: click.Context, as_json: bool) -> None:
    """A conversation in the terminal: follow-ups keep their scope; eligibility goes to the rule engine."""
    from .chat import Conversation

    services = _services(ctx)
    conversation = Conversation(services.answerer)
    for line in _input_lines("申报助手（输入问题后回车；“能报吗”类问题由规则引擎判定；Ctrl-D 退出）"):
        try:
            _print_answer(conversation.send(line), as_json)
        except ShenbaoError as exc:
            click.echo(f"错误：{exc}", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly
def notices(ctx: click.Context, as_json: bool) -> None:
    """List the indexed notices."""
    services = _services(ctx)
    index, book = services.index, services.rulebook
    rows = [{**index.notice(nid).meta.model_dump(mode="json"), "rules": book.rules_status(nid)}
            for nid in index.notice_ids]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    levels = {"national": "国家", "provincial": "省级", "municipal": "市级", "district": "区县"}
    genres = {"notice": "通知", "measures": "办法", "guide": "指南", "list": "名单", "news": "新闻"}
    for meta in rows:
        where = f"{levels.get(meta.get('level') or '', '级别未知')} {meta.get('region') or ''}".strip()
        rules = {"reviewed": "规则✓", "drafted": "规则*", "none": "    "}[meta["rules"]]
        click.echo(f"{meta['id']:<20} {meta.get('doc_no') or '（无文号）':<24} {genres.get(meta.get('genre'), '')}  "
                   f"{meta.get('year') or '----'}  {rules}  {where:<14} {meta['title']}")
    click.echo("规则✓：人工编写的申报条件规则；规则*：系统从通知原文提取，未经人工复核；空白：通知未写明申报条件")


@main.group(name="eval")
def eval_group() -> None:
    """Measure quality on the gold sets in tests/eval/."""


@eval_group.command(name="retrieval")
@click.option("--gold", "golds", type=click.Path(path_type=Path), multiple=True,
              help="Gold set(s); default: tests/eval/retrieval.jsonl and the held-out retrieval_holdout.jsonl.")
@click.option("--backends", default="e5,use", show_default=True, help="Comma-separated dense backends.")
@click.option("--no-baseline", is_flag=True, help="Skip the naive splitter baseline.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly
def eval_retrieval(ctx: click.Context, golds: tuple[Path, ...], backends: str, no_baseline: bool, as_json: bool) -> None:
    """hit@1, hit@5 and MRR for BM25, each dense backend, the hybrid and the naive baseline."""
    from .eval_retrieval import as_json as to_json
    from .eval_retrieval import evaluate_retrieval, format_table

    specs = [b.strip() for b in backends.split(",") if b.strip()]
    embedders = {}
    injected = ctx.ensure_object(dict).get("embedder")
    if injected is not None:
        embedders[injected.spec] = injected
    eval_dir = PROJECT_ROOT / "tests" / "eval"
    gold_paths = list(golds) or [eval_dir / "retrieval.jsonl", eval_dir / "retrieval_holdout.jsonl"]
    results = evaluate_retrieval(context_settings(ctx), gold_paths, specs, embedders, baseline=not no_baseline)
    click.echo(to_json(results) if as_json else format_table(results))


@main.command()
@click.option("--host", help="Address to listen on (default: SHENBAO_HOST or 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default: SHENBAO_PORT or 8000).")
@click.pass_context
@friendly
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Run the HTTP API and the web page (http://127.0.0.1:8000 by default)."""
    try:
        import uvicorn

        from api.app import create_app
    except ImportError as exc:
        raise ShenbaoError(f"网页和接口需要安装 api 附加依赖：pip install -e '.[api]'（{exc}）") from exc
    services = _services(ctx)
    settings = services.settings
    host, port = host or settings.host, port or settings.port
    sock = _listening_socket(host, port)  # a taken port fails now, before the models load
    services.answerer  # load the models and the index before the first request, not during it  # noqa: B018
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started and not self.should_exit:  # said only once the socket accepts connections
                click.echo(f"申报助手已启动：{url}  （接口文档 {url}docs，Ctrl-C 退出）")

    config = uvicorn.Config(create_app(settings, services), log_level="warning")
    try:
        Server(config).run(sockets=[sock])
    finally:
        sock.close()


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, or one clear line when that is impossible (taken port, bad address)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except socket.gaierror:
        raise ShenbaoError(f"无法识别监听地址 {host}，请检查 --host 或 SHENBAO_HOST") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is no obstacle
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ShenbaoError(f"端口 {port} 已被占用（{host}:{port}），请先关闭占用它的程序，或换一个端口："
                               f"shenbao serve --port {port + 1}") from None
        if exc.errno == errno.EACCES:
            raise ShenbaoError(f"没有权限监听端口 {port}，请换一个 1024 以上的端口") from None
        raise ShenbaoError(f"无法监听 {host}:{port}（{exc.strerror}）") from None
    return sock


QA_SETS = ("qa.jsonl", "qa_holdout.jsonl", "qa_test.jsonl", "qa_final.jsonl", "qa_blind2.jsonl", "qa_blind3.jsonl",
           "qa_blind4.jsonl", "qa_lists.jsonl", "qa_blind5.jsonl", "qa_blind6.jsonl", "qa_blind7.jsonl",
           "qa_blind8.jsonl", "qa_blind9.jsonl", "qa_blind10.jsonl", "qa_blind11.jsonl",
           "qa_blind12.jsonl")


@eval_group.command(name="qa")
@click.option("--gold", "golds", type=click.Path(path_type=Path), multiple=True,
              help="Gold set(s); default: qa.jsonl (dev), the held-out qa_holdout, qa_test, qa_final, qa_blind2-11 and the list set qa_lists.")
@click.option("--today", default="2026-11-22", show_default=True, help="Fixed clock for reproducible deadline notes.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--show", is_flag=True, help="Print every failing case with its answer.")
@click.pass_context
@friendly
def eval_qa(ctx: click.Context, golds: tuple[Path, ...], today: str, as_json: bool, show: bool) -> None:
    """Citation hit, fact coverage, abstention precision/recall, verified citations per QA gold set."""
    from datetime import date

    from .eval_qa import as_json as qa_json
    from .eval_qa import evaluate_qa, format_qa, load_qa, run_case
    from .services import Services

    obj = ctx.ensure_object(dict)
    settings = context_settings(ctx).model_copy(update={"today": date.fromisoformat(today)})
    services = Services(settings, obj.get("embedder"))
    paths = list(golds) or [PROJECT_ROOT / "tests" / "eval" / name for name in QA_SETS]
    results = {}
    for path in paths:
        gold = load_qa(path)
        metrics = evaluate_qa(services.answerer, gold)
        results[path.name] = json.loads(qa_json(metrics))
        if as_json:
            continue
        click.echo(f"{path.name}\n{format_qa(metrics)}\n")
        if show:
            by_id = {g.id: g for g in gold}
            for case in metrics.failures:
                g = by_id[case.id]
                result, _ = run_case(services.answerer, g)
                click.echo(f"\n--- {g.id} {g.question} | gold {g.notices} {g.facts} oos={g.out_of_scope}")
                click.echo(f"missing notices {case.missing_notices} facts {case.missing_facts} items {case.missing_items}")
                click.echo(result.answer[:600])
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=1))


@eval_group.command(name="metadata")
@click.option("--labels", type=click.Path(path_type=Path), default=PROJECT_ROOT / "tests" / "eval" / "metadata",
              show_default=True, help="Folder of hand-written labels (<id>.yaml).")
@click.option("--docs", type=click.Path(path_type=Path), default=PROJECT_ROOT.parent / "shared" / "external-notices",
              show_default=True, help="Folder of the labelled documents (<id>.txt).")
@click.option("--json", "as_json", is_flag=True)
@click.option("--show", is_flag=True, help="Print every field that differs from its label.")
@friendly
def eval_metadata(labels: Path, docs: Path, as_json: bool, show: bool) -> None:
    """Field accuracy of metadata read from the text alone, against hand-written labels."""
    from .eval_metadata import evaluate_metadata

    metrics = evaluate_metadata(labels, docs)
    if as_json:
        click.echo(metrics.model_dump_json(indent=1))
        return
    click.echo(f"{metrics.notices} notices, {metrics.fields} fields: accuracy {metrics.accuracy:.3f}")
    for field, value in metrics.per_field.items():
        click.echo(f"  {field:<14} {value:.3f}")
    if show:
        for miss in metrics.misses:
            click.echo(f"{miss.notice:<24} {miss.field:<13} expected {miss.expected!r}  got {miss.got!r}")


main.add_command(check_command, "check")
main.add_command(draft_command, "draft")
main.add_command(lint_draft_command, "lint-draft")
main.add_command(outline_command, "outline")
main.add_command(rules_group, "rules")
eval_group.add_command(eval_eligibility_command, "eligibility")
eval_group.add_command(eval_rules_command, "rules")


if __name__ == "__main__":  # pragma: no cover
    main()
