"""Scale: 2,000 notices ingested incrementally, ingest time against the embedder's raw time, and
search latency (hybrid, hybrid with scope filters) on the result. One run prints both ratios.

1. Writes N perturbed copies of real notices (the corpus five, plus the external notices of
   `../shared/external-notices/` unless `--no-external`): region, years, figures, phone numbers
   and clause order varied, no `notice.yaml`, so every copy's metadata is read from its text.
2. Ingests them into one temporary index in batches of `--batch` notices (each batch an
   `ingest` call that adds to the index, as a user adding notices would).
3. Right after each ingest call, embeds the very texts that call embedded once more, outside the
   ingest (same batch size): the embedder's raw time for the same chunks, measured next to the
   ingest it is compared with, so that load from other processes affects both alike.
4. Times searches (never-seen query embeddings) with and without scope filters, with the
   retrieval gold questions and questions naming the synthetic notices' own regions and years.

    python bench/bench_scale.py                      # 2,000 notices, USE embedder (~20 min on 2 cores)
    python bench/bench_scale.py --notices 200 --embedder fake   # quick check of the bench itself
    python bench/bench_scale.py --embedder e5 --no-raw --work-dir /var/tmp/scale-e5   # keep the index
    python bench/bench_scale.py --embedder e5 --search-only --work-dir /var/tmp/scale-e5   # time searches
        # again on that index, e.g. on a quiet machine after a long ingest that ran next to other work

Results go to stdout (a table) and bench/results/scale-<UTC timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_search import (  # noqa: E402
    DEFAULT_QUESTIONS,
    NoticeMaker,
    TimedEmbedder,
    git_state,
    latency_stats,
    load_avg,
    load_templates,
    open_services,
    peak_rss_mb,
    read_questions,
)

from assistant.embeddings import build_embedder  # noqa: E402
from assistant.eval_metadata import source_text  # noqa: E402
from assistant.ingest import EMBED_BATCH, ingest  # noqa: E402
from assistant.settings import Settings  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "external-notices"
# Questions naming a notice's own place and year, in several general phrasings of the domain.
SCOPED = (
    "{region}{year}年服务型制造示范企业的申报条件是什么？",
    "{region}的服务型制造示范什么时候截止申报？",
    "{year}年{region}服务型制造示范平台要交哪些材料",
    "{region}示范项目对服务收入占比有什么要求",
)


def template_corpus(work: Path, external: Path | None) -> Path:
    """A folder of template notices: the corpus five and (source text only) the external ones."""
    folder = work / "templates"
    for notice in (ROOT / "corpus").iterdir():
        if notice.is_dir():
            shutil.copytree(notice, folder / notice.name)
    if external is not None:
        for path in sorted(external.glob("*.txt")):
            (folder / path.stem).mkdir(parents=True)
            (folder / path.stem / "notice.txt").write_text(source_text(path), encoding="utf-8")
    return folder


def write_notices(templates: Path, target: Path, count: int, seed: int) -> list[Path]:
    maker = NoticeMaker(load_templates(templates), seed, shuffle_rate=0.7, filler_rate=0.3)
    folders = []
    for number in range(count):
        name, text, _meta = maker.make(number)
        folder = target / name
        folder.mkdir(parents=True)
        (folder / "notice.txt").write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


class RecordingEmbedder(TimedEmbedder):
    """Times the ingest's embedding and keeps the texts it embedded."""

    def __init__(self, inner: Any) -> None:
        super().__init__(inner)
        self.texts: list[str] = []

    def embed_documents(self, texts: list[str]) -> Any:
        self.texts.extend(texts)
        return super().embed_documents(texts)


def raw_embed_seconds(embedder: Any, texts: list[str]) -> float:
    started = time.perf_counter()
    for i in range(0, len(texts), EMBED_BATCH):
        embedder.embed_documents(texts[i : i + EMBED_BATCH])
    return time.perf_counter() - started


def scoped_questions(services: Any, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    index = services.index
    metas = [index.notice(nid).meta for nid in index.notice_ids]
    metas = [m for m in metas if m.region and m.year]
    picked = rng.sample(metas, min(count, len(metas)))
    return [rng.choice(SCOPED).format(region=m.region, year=m.year) for m in picked]


def time_searches(services: Any, questions: list[str], auto_scope: bool, repeat: int) -> dict[str, Any]:
    retriever = services.retriever
    for question in questions[:5]:
        retriever.search(question, k=5, auto_scope=auto_scope)
    timings = []
    narrowed = 0
    for _ in range(repeat):
        for question in questions:
            retriever.clear_query_cache()
            started = time.perf_counter()
            retriever.search(question, k=5, auto_scope=auto_scope)
            timings.append((time.perf_counter() - started) * 1000)
    if auto_scope:
        narrowed = sum(bool(retriever.scope(q).detected) for q in questions)
    return {**latency_stats(timings), "questions": len(questions), "scoped": narrowed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200, help="notices per ingest call")
    parser.add_argument("--embedder", default="use")
    parser.add_argument("--no-external", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpus and index")
    parser.add_argument("--no-raw", action="store_true",
                        help="skip the raw embedding (search latency at scale only; no ratio)")
    parser.add_argument("--work-dir", type=Path, default=None,
                        help="build the corpus and index here and keep them (default: a temporary folder)")
    parser.add_argument("--search-only", action="store_true",
                        help="time searches on the index a previous run left in --work-dir; no ingest")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)

    if args.search_only and (args.work_dir is None or not (args.work_dir / "index").is_dir()):
        parser.error("--search-only needs --work-dir with the index of a previous run")
    if args.work_dir is not None and not args.search_only and args.work_dir.exists() and any(args.work_dir.iterdir()):
        parser.error(f"--work-dir {args.work_dir} is not empty; choose a new folder or add --search-only")
    keep = args.keep or args.work_dir is not None
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="shenbao-scale-"))
    try:
        embedder = build_embedder(args.embedder)
        embedder.embed_documents(["预热"])
        timed = RecordingEmbedder(embedder)
        settings = Settings(corpus_dir=work / "corpus", index_dir=work / "index", embedder=args.embedder, chroma_url=None)
        folders: list[Path] = []
        if not args.search_only:
            templates = template_corpus(work, None if args.no_external else EXTERNAL)
            started = time.perf_counter()
            folders = write_notices(templates, work / "corpus", args.notices, args.seed)
            log(f"wrote {len(folders)} notices in {time.perf_counter() - started:.1f}s")
        batches = []
        for start in range(0, len(folders), args.batch):
            before = timed.doc_seconds
            timed.texts = []
            t0 = time.perf_counter()
            summary = ingest(folders[start : start + args.batch], settings, timed)
            wall = time.perf_counter() - t0
            raw = 0.0 if args.no_raw else raw_embed_seconds(embedder, timed.texts)
            batches.append({"notices": len(summary.notices), "embedded": summary.embedded,
                            "total_chunks": summary.total_chunks, "wall_s": round(wall, 2),
                            "embed_s": round(timed.doc_seconds - before, 2), "raw_embed_s": round(raw, 2),
                            "ratio": round(wall / raw, 3) if raw else None})
            log(f"batch {len(batches)}: {batches[-1]}")
        ingest_s = sum(b["wall_s"] for b in batches)
        raw_s = sum(b["raw_embed_s"] for b in batches)
        services, open_s = open_services(settings, embedder)
        chunks = services.index.chunks
        general = read_questions(DEFAULT_QUESTIONS)
        scoped = scoped_questions(services, 100, args.seed)
        search = {
            "hybrid": time_searches(services, general, False, args.repeat),
            "hybrid+scope (gold questions)": time_searches(services, general, True, args.repeat),
            "hybrid+scope (own regions)": time_searches(services, scoped, True, args.repeat),
        }
        result = {
            "command": " ".join(sys.argv), "git": git_state(), "when": datetime.now(UTC).isoformat(),
            "embedder": args.embedder, "notices": len(services.index.notice_ids), "chunks": len(chunks),
            "batches": batches, "ingest_s": round(ingest_s, 1), "ingest_embed_s": round(timed.doc_seconds, 1),
            "raw_embed_s": round(raw_s, 1), "ratio_ingest_to_raw": round(ingest_s / raw_s, 3) if raw_s else None,
            "search_only": args.search_only,
            "open_s": round(open_s, 2), "search_ms": search, "peak_rss_mb": round(peak_rss_mb(), 1),
            "load_avg": load_avg(),
        }
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "bench" / "results" / f"scale-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"notices {result['notices']}, chunks {result['chunks']}, embedder {args.embedder}, "
          f"{len(batches)} ingest calls of {args.batch}")
    ratio = f"{ingest_s / raw_s:.2f}" if raw_s else "not measured (--no-raw or --search-only)"
    if not args.search_only:
        print(f"ingest {ingest_s:.1f} s (of which embedding {timed.doc_seconds:.1f} s); raw embedding "
              f"{raw_s:.1f} s; ratio {ratio} (target <= 1.2)")
    for name, stats in search.items():
        print(f"{name}: p50 {stats['p50_ms']} ms, p95 {stats['p95_ms']} ms, max {stats['max_ms']} ms "
              f"({stats['questions']} questions, scoped {stats['scoped']}) (target p95 < 50)")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
