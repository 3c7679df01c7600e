"""Benchmark ingest and search: the real corpus and a synthetic corpus at several sizes.

1. Ingest the real corpus into a temporary index with the chosen embedder (default e5).
2. Warm search latency on it for hybrid, bm25, dense and hybrid with auto_scope.
3. Replicate the real notices with perturbed text into synthetic corpora of several sizes
   (default up to >= 50,000 chunks), ingest each into its own index with a fast embedder and
   measure ingest time, index size on disk and warm search latency at each size.

Run `python bench/bench_search.py --help`; see bench/README.md for what each figure means.
A table is printed and the full results are written as JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assistant.chunking import chunk_notice
from assistant.corpus import find_notice_sources, load_notice
from assistant.embeddings import Embedder, build_embedder
from assistant.ingest import ingest
from assistant.metadata import NoticeMeta
from assistant.scope import gazetteer
from assistant.services import Services
from assistant.settings import PROJECT_ROOT, Settings
from assistant.structure import (
    ATTACHMENT_LIST,
    ATTACHMENT_MARKER,
    FORM_MARKER,
    HEADING_PATTERNS,
    LIST_ITEM,
    heading_rank,
)

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = PROJECT_ROOT / "tests" / "eval" / "retrieval.jsonl"
DEFAULT_SIZES = "1000,10000,50000"
MODES: dict[str, tuple[str, bool]] = {
    "hybrid": ("hybrid", False),
    "bm25": ("bm25", False),
    "dense": ("dense", False),
    "hybrid+scope": ("hybrid", True),
}
SHUFFLED_RANKS = {1, 3, 4, 5}  # 第X条, （一）, 1., （1）: leaf clauses whose order can change
SKIPPED_REGIONS = {"台湾", "香港", "澳门"}
# Ingest re-cleans the written text, which can change the chunk count slightly (-0.02% seen):
# aim this much above each size so every index reaches it.
ESTIMATE_MARGIN = 0.005
THREAD_ENV = ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
FILLERS = (
    "各地要结合本地实际，认真做好政策宣传和组织动员工作。",
    "申报材料应真实、准确、完整，如有弄虚作假行为，取消申报资格。",
    "鼓励企业加大研发投入，近三年研发投入占营业收入比重不低于{n}%。",
    "{prov}将对示范单位实施动态管理，每{n}年开展一次复核。",
    "相关单位应于{year}年{m}月{d}日前完成材料报送。",
    "要充分发挥行业协会、产业联盟等中介组织的桥梁纽带作用。",
    "支持示范企业参与制定行业标准，推广先进适用的服务模式。",
    "对工作成效突出的地区，在有关专项资金安排上给予适当倾斜。",
    "企业应建立健全服务质量管理体系，客户满意度不低于{n}%。",
    "申报单位服务收入占营业收入比重应达到{n}%以上。",
    "各级主管部门要加强对申报工作的指导，确保遴选过程公开透明。",
    "鼓励金融机构为示范企业提供融资支持，降低企业融资成本。",
    "推动工业互联网平台建设，培育{n}个以上行业级服务平台。",
    "加强人才队伍建设，支持企业引进服务型制造领域高层次人才。",
    "示范称号有效期为{n}年，期满后需重新申报。",
    "做好示范经验总结推广，每年组织不少于{n}场交流活动。",
)


# --- measurement helpers ------------------------------------------------------------------


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def load_avg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def dir_bytes(path: Path) -> dict[str, int]:
    """Apparent size of an index folder: total, plus a breakdown by entry of the generation folder
    (chroma, vectors.npy, bm25, chunks.jsonl, notices, ...)."""
    parts: dict[str, int] = {}
    for file in path.rglob("*"):
        if not file.is_file():
            continue
        rel = file.relative_to(path).parts
        key = rel[1] if rel[0].startswith("gen-") and len(rel) > 1 else "other"
        key = "bm25" if key.startswith("bm25") else key
        parts[key] = parts.get(key, 0) + file.stat().st_size
    return {"total": sum(parts.values()), **dict(sorted(parts.items(), key=lambda kv: -kv[1]))}


def latency_stats(ms: Sequence[float]) -> dict[str, float]:
    arr = np.asarray(ms, dtype=np.float64)
    p50, p95 = np.percentile(arr, [50, 95])
    return {
        "n": len(arr),
        "p50_ms": round(float(p50), 2),
        "p95_ms": round(float(p95), 2),
        "max_ms": round(float(arr.max()), 2),
        "mean_ms": round(float(arr.mean()), 2),
    }


class TimedEmbedder:
    """Wraps an embedder to count the time spent embedding documents during ingest."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.spec = inner.spec
        self.dim = inner.dim
        self.doc_seconds = 0.0
        self.docs = 0

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        started = time.perf_counter()
        out = self.inner.embed_documents(texts)
        self.doc_seconds += time.perf_counter() - started
        self.docs += len(texts)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)


def timed_ingest(paths: list[Path], settings: Settings, embedder: Embedder) -> dict[str, Any]:
    """Ingest and split the wall time into load+clean+metadata, embedding and the rest."""
    timed = TimedEmbedder(embedder)
    loaded_at: list[float] = []
    started = time.perf_counter()
    summary = ingest(paths, settings, timed, on_loaded=lambda _notices: loaded_at.append(time.perf_counter()))
    wall = time.perf_counter() - started
    load_s = (loaded_at[0] - started) if loaded_at else float("nan")
    return {
        "wall_s": round(wall, 2),
        "notices": len(summary.notices),
        "chunks": summary.total_chunks,
        "embedded": summary.embedded,
        "chunks_per_s": round(summary.total_chunks / wall, 1) if wall else None,
        "load_clean_meta_s": round(load_s, 2),
        "embed_s": round(timed.doc_seconds, 2),
        "other_s": round(wall - load_s - timed.doc_seconds, 2),
        "embed_chunks_per_s": round(timed.docs / timed.doc_seconds, 1) if timed.doc_seconds else None,
    }


def query_cache_clearer(services: Services) -> Callable[[], None] | None:
    """The Retriever keeps an LRU cache of query embeddings; repeated gold questions would skip the
    embedder, so by default it is cleared before each timed search (`Retriever.clear_query_cache`)."""
    return services.retriever.clear_query_cache


def measure_search(
    services: Services,
    questions: list[str],
    modes: list[str],
    *,
    warmup: int,
    repeat: int,
    k: int,
    clear_query_cache: bool = True,
) -> dict[str, Any]:
    """Warm up every mode with `warmup` questions, then time each question `repeat` times per mode."""
    retriever = services.retriever
    clearer = query_cache_clearer(services) if clear_query_cache else None
    first_ms: float | None = None
    for name in modes:
        mode, scope = MODES[name]
        for question in questions[:warmup]:
            started = time.perf_counter()
            retriever.search(question, k=k, mode=mode, auto_scope=scope)  # type: ignore[arg-type]
            if first_ms is None:
                first_ms = (time.perf_counter() - started) * 1000
    results: dict[str, Any] = {
        "first_query_ms": round(first_ms or 0.0, 2),
        "query_cache_cleared": clearer is not None,
    }
    for name in modes:
        mode, scope = MODES[name]
        timings: list[float] = []
        empty = 0
        for _ in range(repeat):
            for question in questions:
                if clearer is not None:
                    clearer()
                started = time.perf_counter()
                hits = retriever.search(question, k=k, mode=mode, auto_scope=scope)  # type: ignore[arg-type]
                timings.append((time.perf_counter() - started) * 1000)
                empty += not hits
        results[name] = {**latency_stats(timings), "empty_results": empty}
    if any(MODES[name][1] for name in modes):
        # Scope detection alone (the extra work auto_scope does before searching).
        timings = []
        for _ in range(repeat):
            for question in questions:
                started = time.perf_counter()
                retriever.scope(question)
                timings.append((time.perf_counter() - started) * 1000)
        results["scope-detect"] = latency_stats(timings)
    return results


def measure_components(services: Services, questions: list[str], k: int, candidates: int) -> dict[str, Any]:
    """Time the pieces of one search separately, to see which one grows with the index."""
    index = services.index
    embedder = services.embedder
    vectors = [embedder.embed_query(q) for q in questions]
    collection = index.dense.collection
    from assistant.tokenize import tokenize

    tokens = [tokenize(q) for q in questions]
    n = max(candidates, k)
    parts: dict[str, Callable[[int], Any]] = {
        "embed_query": lambda i: embedder.embed_query(questions[i]),
        "chroma_query": lambda i: collection.query(query_embeddings=[vectors[i]], n_results=n, include=["distances"]),
        "chroma_count": lambda i: collection.count(),
        "bm25_scores": lambda i: index.bm25.scores(tokens[i]),
    }
    out: dict[str, Any] = {}
    for name, fn in parts.items():
        for i in range(min(5, len(questions))):
            fn(i)
        timings = []
        for i in range(len(questions)):
            started = time.perf_counter()
            fn(i)
            timings.append((time.perf_counter() - started) * 1000)
        out[name] = latency_stats(timings)
    return out


def open_services(settings: Settings, embedder: Embedder) -> tuple[Services, float]:
    started = time.perf_counter()
    services = Services(settings, embedder)
    _ = services.retriever  # opens the index (chunks, vectors, BM25, Chroma) and builds the retriever
    return services, time.perf_counter() - started


def release(services: Services | None) -> None:
    """Drop an index and Chroma's cached client so the next size starts from a clean heap."""
    from chromadb.api.shared_system_client import SharedSystemClient

    del services
    SharedSystemClient.clear_system_cache()
    gc.collect()


# --- synthetic corpus ---------------------------------------------------------------------


@dataclass
class Template:
    id: str
    text: str
    meta: NoticeMeta
    province: str | None  # short name ("河南") of the region the notice is about
    city: str | None


def load_templates(corpus: Path) -> list[Template]:
    """The real notices, cleaned, with the province/city each one is about."""
    gaz = gazetteer()
    templates = []
    for nid, folder, files in find_notice_sources(corpus):
        notice = load_notice(nid, folder, files)
        region = notice.meta.region or ""
        province = next((p for p in gaz.provinces if p in region), None) if notice.meta.level != "national" else None
        city = None
        if province and notice.meta.level == "municipal":
            city = next((c for c in gaz.cities.get(province, []) if c in region), None)
        templates.append(Template(nid, notice.text, notice.meta, province, city))
    return templates


def _label(line: str) -> str:
    """The heading number at the start of a line ("（二）", "3.", "第五条"), or ""."""
    for pattern, _rank in HEADING_PATTERNS:
        match = pattern.match(line)
        if match:
            return match.group(0)
    return ""


class NoticeMaker:
    """Makes perturbed copies of the real notices that keep their 公文 heading structure."""

    def __init__(self, templates: list[Template], seed: int, shuffle_rate: float, filler_rate: float) -> None:
        self.templates = templates
        self.rng = random.Random(seed)
        self.shuffle_rate = shuffle_rate
        self.filler_rate = filler_rate
        gaz = gazetteer()
        self.provinces = {short: full for short, full in gaz.provinces.items() if short not in SKIPPED_REGIONS}
        self.cities = {
            short: [c for c in names if 2 <= len(c) <= 4 and not c.endswith(("区", "旗", "县"))]
            for short, names in gaz.cities.items()
        }
        self.cities = {p: names for p, names in self.cities.items() if names}

    # numbers, years and dates
    def _numbers(self, text: str, year_shift: int) -> str:
        rng = self.rng

        def repl(match: re.Match[str]) -> str:
            digits = match.group(0)
            value = int(digits)
            before = text[max(0, match.start() - 2) : match.start()]
            after = text[match.end() : match.end() + 1]
            if len(digits) == 4 and 2010 <= value <= 2029:
                return str(value + year_shift)
            if before.endswith(("附件", "表", "第", "附表")) or before[-1:] in ".．" or after in (".", "．"):
                return digits  # attachment/form numbers and decimals stay as they are
            if len(digits) >= 7:  # phone numbers and the like
                return "".join(rng.choice("0123456789") for _ in digits)
            if after == "月" and 1 <= value <= 12:
                return str(rng.randint(1, 12))
            if after == "日" and 1 <= value <= 31:
                return str(rng.randint(1, 28))
            if value <= 2:
                return digits
            return str(max(3, round(value * rng.uniform(0.5, 2.0))))

        return re.sub(r"\d+", repl, text)

    def _perturb_line(self, line: str, year_shift: int) -> str:
        stripped = line.strip()
        if not stripped or ATTACHMENT_MARKER.match(stripped) or FORM_MARKER.match(stripped):
            return line
        label = _label(line) if "\t" not in line else ""
        return label + self._numbers(line[len(label) :], year_shift)

    def _segments(self, lines: list[str]) -> list[tuple[int | None, list[int]]]:
        """Group lines into (heading rank, line indices): a heading line and its body lines.
        Tables, the attachment list and text outside headings get rank None (never shuffled)."""
        frozen: set[int] = set()
        for i, line in enumerate(lines):
            if ATTACHMENT_LIST.match(line.strip()):
                frozen.add(i)
                j = i + 1
                while j < len(lines) and LIST_ITEM.match(lines[j].strip()) and len(lines[j].strip()) <= 40:
                    frozen.add(j)
                    j += 1
        segments: list[tuple[int | None, list[int]]] = []
        for i, line in enumerate(lines):
            stripped = line.strip()
            rank = heading_rank(stripped) if stripped and "\t" not in stripped and i not in frozen else None
            if rank is not None:
                segments.append((rank, [i]))
            elif segments and segments[-1][0] is not None and stripped and "\t" not in stripped and i not in frozen:
                segments[-1][1].append(i)
            elif segments and segments[-1][0] is not None and not stripped:
                segments[-1][1].append(i)
            else:
                segments.append((None, [i]))
        return segments

    def _shuffle(self, lines: list[str]) -> list[str]:
        """Permute runs of sibling clauses at the same rank, keeping their numbers in order."""
        segments = self._segments(lines)
        out: list[str] = []
        i = 0
        while i < len(segments):
            rank = segments[i][0]
            j = i + 1
            while rank in SHUFFLED_RANKS and j < len(segments) and segments[j][0] == rank:
                j += 1
            run = segments[i:j]
            if len(run) >= 2 and self.rng.random() < self.shuffle_rate:
                labels = [_label(lines[idx[0]].strip()) for _, idx in run]
                payloads = [
                    [lines[idx[0]].strip()[len(label) :], *[lines[x] for x in idx[1:]]]
                    for label, (_, idx) in zip(labels, run, strict=True)
                ]
                order = list(range(len(run)))
                self.rng.shuffle(order)
                for label, source in zip(labels, order, strict=True):
                    head, *body = payloads[source]
                    out.append(label + head)
                    out.extend(body)
            else:
                out.extend(lines[x] for _, idx in run for x in idx)
            i = j
        return out

    def _filler(self, province: str, year: int) -> str:
        rng = self.rng
        return rng.choice(FILLERS).format(
            n=rng.randint(3, 60), prov=province, year=year, m=rng.randint(1, 12), d=rng.randint(1, 28)
        )

    def make(self, number: int) -> tuple[str, str, dict[str, Any]]:
        """The `number`-th synthetic notice: (folder name, notice text, notice.yaml content)."""
        rng = self.rng
        template = self.templates[number % len(self.templates)]
        meta = template.meta
        name = f"syn{number:05d}-{template.id}"
        replacements: dict[str, str] = {}
        region = meta.region
        province_name = "全国"
        if template.province:
            choices = list(self.cities) if template.city else list(self.provinces)
            short = rng.choice(choices)
            full = self.provinces[short]
            old_full = gazetteer().provinces[template.province]
            replacements.update({old_full: full, template.province: short})
            province_name = full
            if template.city:
                city = rng.choice(self.cities[short])
                replacements.update({template.city + "市": city + "市", template.city: city})
                province_name = city + "市"
        pattern = re.compile("|".join(map(re.escape, sorted(replacements, key=len, reverse=True)))) if replacements else None

        def swap(text: str) -> str:
            return pattern.sub(lambda m: replacements[m.group(0)], text) if pattern else text

        year_shift = rng.randint(-3, 3)
        year = (meta.year or 2021) + year_shift
        lines = [self._perturb_line(swap(line), year_shift) for line in template.text.split("\n")]
        lines = self._shuffle(lines)
        for i, line in enumerate(lines):
            stripped = line.strip()
            if len(stripped) > 30 and stripped.endswith("。") and "\t" not in stripped and rng.random() < self.filler_rate:
                lines[i] = line + self._filler(province_name, year)
        text = "\n".join(lines)
        title = self._numbers(swap(meta.title), year_shift)
        if region:
            region = swap(region)
        notice_yaml = {
            "id": name,
            "title": title,
            "level": meta.level,
            "region": region,
            "year": (meta.year + year_shift) if meta.year else None,
            "categories": list(meta.categories),
            "status": meta.status,
        }
        return name, text, notice_yaml


def build_synthetic_corpus(
    templates: list[Template], target: int, folder: Path, seed: int, shuffle_rate: float, filler_rate: float
) -> tuple[list[Path], list[int]]:
    """Write notice folders until the estimated chunk count reaches `target`.

    Returns the folders and the cumulative estimated chunk count after each one (chunking the
    written text directly; ingest re-cleans it, so its count can differ slightly)."""
    maker = NoticeMaker(templates, seed, shuffle_rate, filler_rate)
    folder.mkdir(parents=True, exist_ok=True)
    folders: list[Path] = []
    cumulative: list[int] = []
    total = 0
    number = 0
    while total < target:
        name, text, meta = maker.make(number)
        notice_dir = folder / name
        notice_dir.mkdir()
        (notice_dir / "notice.txt").write_text(text, encoding="utf-8")
        (notice_dir / "notice.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), "utf-8")
        total += len(chunk_notice(name, text, title=meta["title"]))
        folders.append(notice_dir)
        cumulative.append(total)
        number += 1
    return folders, cumulative


# --- the benchmark ------------------------------------------------------------------------


def read_questions(path: Path) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row["question"] for row in rows]


def bench_real(args: argparse.Namespace, questions: list[str], work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    log(f"[real] loading embedder '{args.embedder}'")
    started = time.perf_counter()
    embedder = build_embedder(args.embedder)
    embedder.embed_query("预热")  # some backends load lazily
    load_s = time.perf_counter() - started
    settings = Settings(corpus_dir=args.corpus, index_dir=work / "real-index", embedder=args.embedder)
    log(f"[real] ingesting {args.corpus}")
    ingest_stats = timed_ingest([args.corpus], settings, embedder)
    log(f"[real] ingest {ingest_stats}")
    services, open_s = open_services(settings, embedder)
    log(f"[real] searching: {len(questions)} questions x{args.repeat}, modes {', '.join(MODES)}")
    search = measure_search(
        services, questions, list(MODES), warmup=args.warmup, repeat=args.repeat, k=args.k,
        clear_query_cache=not args.keep_query_cache,
    )
    components = measure_components(services, questions, args.k, settings.candidates)
    result = {
        "embedder": args.embedder,
        "embedder_load_s": round(load_s, 2),
        "ingest": ingest_stats,
        "open_s": round(open_s, 2),
        "index_bytes": dir_bytes(settings.index_dir),
        "search": search,
        "components": components,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "load_avg_after": load_avg(),
    }
    release(services)
    del embedder
    gc.collect()
    return result


def bench_synthetic(
    args: argparse.Namespace, questions: list[str], work: Path, log: Callable[[str], None]
) -> dict[str, Any]:
    sizes = sorted(args.sizes)
    modes = args.synthetic_modes
    log(f"[synthetic] building a corpus of >= {sizes[-1]} chunks (estimated)")
    started = time.perf_counter()
    templates = load_templates(args.corpus)
    corpus = work / "synthetic-corpus"
    folders, cumulative = build_synthetic_corpus(
        templates, math.ceil(sizes[-1] * (1 + ESTIMATE_MARGIN)), corpus, args.seed, args.shuffle_rate, args.filler_rate
    )
    build_s = time.perf_counter() - started
    log(f"[synthetic] wrote {len(folders)} notices ({cumulative[-1]} estimated chunks) in {build_s:.1f}s")
    log(f"[synthetic] loading embedder '{args.synthetic_embedder}'")
    started = time.perf_counter()
    embedder = build_embedder(args.synthetic_embedder)
    embedder.embed_query("预热")
    load_s = time.perf_counter() - started
    runs = []
    for size in sizes:
        need = math.ceil(size * (1 + ESTIMATE_MARGIN))
        count = next(i + 1 for i, c in enumerate(cumulative) if c >= need)
        index_dir = work / f"synthetic-index-{size}"
        settings = Settings(corpus_dir=corpus, index_dir=index_dir, embedder=args.synthetic_embedder)
        log(f"[synthetic {size}] ingesting {count} notices (~{cumulative[count - 1]} chunks)")
        ingest_stats = timed_ingest(folders[:count], settings, embedder)
        log(f"[synthetic {size}] ingest {ingest_stats}")
        services, open_s = open_services(settings, embedder)
        log(f"[synthetic {size}] searching: {len(questions)} questions x{args.synthetic_repeat}, modes {', '.join(modes)}")
        search = measure_search(
            services, questions, modes, warmup=args.warmup, repeat=args.synthetic_repeat, k=args.k,
            clear_query_cache=not args.keep_query_cache,
        )
        components = measure_components(services, questions, args.k, settings.candidates)
        run = {
            "target_chunks": size,
            "ingest": ingest_stats,
            "open_s": round(open_s, 2),
            "index_bytes": dir_bytes(index_dir),
            "search": search,
            "components": components,
            "rss_mb": current_rss_mb(),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "load_avg_after": load_avg(),
        }
        log(f"[synthetic {size}] {json.dumps(search, ensure_ascii=False)}")
        log(f"[synthetic {size}] components {json.dumps(components)}")
        runs.append(run)
        release(services)
        del services
        if not args.keep:
            shutil.rmtree(index_dir, ignore_errors=True)
    return {
        "embedder": args.synthetic_embedder,
        "embedder_load_s": round(load_s, 2),
        "corpus_build_s": round(build_s, 2),
        "notices_written": len(folders),
        "estimated_chunks_written": cumulative[-1],
        "seed": args.seed,
        "shuffle_rate": args.shuffle_rate,
        "filler_rate": args.filler_rate,
        "runs": runs,
    }


# --- reporting ----------------------------------------------------------------------------


def table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [headers, *[["" if v is None else str(v) for v in row] for row in rows]]
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(str(v).rjust(w) if j else str(v).ljust(w) for j, (v, w) in enumerate(zip(r, widths, strict=True)))
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def mib(n: int) -> str:
    return f"{n / 2**20:.1f}"


def render(results: dict[str, Any]) -> str:
    out: list[str] = []
    real = results.get("real")
    if real:
        ing = real["ingest"]
        out.append(f"Real corpus, embedder {real['embedder']} (model load {real['embedder_load_s']} s)")
        out.append(table(
            ["ingest", "notices", "chunks", "wall s", "chunks/s", "load+clean s", "embed s", "other s", "index MiB"],
            [["real", ing["notices"], ing["chunks"], ing["wall_s"], ing["chunks_per_s"], ing["load_clean_meta_s"],
              ing["embed_s"], ing["other_s"], mib(real["index_bytes"]["total"])]],
        ))
        out.append("")
        search = real["search"]
        cache = "cleared before each search" if search["query_cache_cleared"] else "kept"
        out.append(f"Warm search latency, real corpus (k={results['args']['k']}, first query {search['first_query_ms']} ms, "
                   f"query-embedding cache {cache})")
        out.append(table(
            ["mode", "n", "p50 ms", "p95 ms", "max ms", "mean ms"],
            [[m, s["n"], s["p50_ms"], s["p95_ms"], s["max_ms"], s["mean_ms"]]
             for m, s in search.items() if isinstance(s, dict)],
        ))
        out.append("")
        comps = real["components"]
        out.append("Pieces of a search, real corpus, p50 ms (p95 in brackets)")
        out.append(table(list(comps), [[f"{c['p50_ms']} ({c['p95_ms']})" for c in comps.values()]]))
        out.append("")
    syn = results.get("synthetic")
    if syn:
        out.append(f"Synthetic corpus, embedder {syn['embedder']} ({syn['notices_written']} notices written "
                   f"in {syn['corpus_build_s']} s)")
        out.append(table(
            ["target", "notices", "chunks", "ingest s", "chunks/s", "load+clean s", "embed s", "other s",
             "open s", "index MiB", "chroma MiB", "peak RSS MiB"],
            [[r["target_chunks"], r["ingest"]["notices"], r["ingest"]["chunks"], r["ingest"]["wall_s"],
              r["ingest"]["chunks_per_s"], r["ingest"]["load_clean_meta_s"], r["ingest"]["embed_s"],
              r["ingest"]["other_s"], r["open_s"], mib(r["index_bytes"]["total"]),
              mib(r["index_bytes"].get("chroma", 0)), r["peak_rss_mb"]] for r in syn["runs"]],
        ))
        out.append("")
        modes = list(results["args"]["synthetic_modes"])
        if all("scope-detect" in r["search"] for r in syn["runs"]):
            modes.append("scope-detect")
        headers = ["chunks"] + [f"{m} {q}" for m in modes for q in ("p50", "p95")]
        rows = [[r["ingest"]["chunks"]] + [r["search"][m][q] for m in modes for q in ("p50_ms", "p95_ms")]
                for r in syn["runs"]]
        out.append("Warm search latency (ms), synthetic corpus")
        out.append(table(headers, rows))
        out.append("")
        names = list(syn["runs"][0]["components"])
        out.append("Pieces of a search, p50 ms (p95 in brackets)")
        out.append(table(
            ["chunks", *names],
            [[r["ingest"]["chunks"], *[f"{r['components'][n]['p50_ms']} ({r['components'][n]['p95_ms']})" for n in names]]
             for r in syn["runs"]],
        ))
        out.append("")
    git = results["git"]
    out.append(f"Code: commit {git['commit']}{' (assistant/ dirty)' if git['dirty'] else ''}")
    out.append(f"Peak RSS {results['peak_rss_mb']} MiB; load average {results['load_avg_start']} -> "
               f"{results['load_avg_end']}; wall {results['wall_s']} s")
    return "\n".join(out)


def git_state() -> dict[str, Any]:
    """The library is a moving target: record which commit (and whether the tree was dirty) was measured."""
    import subprocess

    def run(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""

    return {"commit": run("git", "rev-parse", "--short", "HEAD"), "dirty": bool(run("git", "status", "--porcelain", "assistant"))}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "corpus", help="real corpus folder")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="JSONL with a 'question' field")
    parser.add_argument("--embedder", default="e5", help="embedder for the real corpus (default: e5)")
    parser.add_argument("--synthetic-embedder", default="use", help="embedder for the synthetic corpus (default: use)")
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"synthetic index sizes in chunks, comma-separated (default: {DEFAULT_SIZES})")
    parser.add_argument("--synthetic-modes", default="hybrid,bm25,dense,hybrid+scope",
                        help=f"modes timed on the synthetic corpus (choose from {', '.join(MODES)})")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the questions, real corpus")
    parser.add_argument("--synthetic-repeat", type=int, default=3, help="timed passes per synthetic size")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up queries per mode before timing")
    parser.add_argument("--k", type=int, default=5, help="hits per search")
    parser.add_argument("--seed", type=int, default=13, help="seed of the synthetic corpus")
    parser.add_argument("--shuffle-rate", type=float, default=0.7, help="chance a run of sibling clauses is shuffled")
    parser.add_argument("--filler-rate", type=float, default=0.3, help="chance a sentence line gets a filler sentence")
    parser.add_argument("--keep-query-cache", action="store_true",
                        help="let repeated questions hit the retriever's query-embedding cache (default: clear it "
                             "before each timed search, so every search embeds its question)")
    parser.add_argument("--skip-real", action="store_true", help="skip the real-corpus part")
    parser.add_argument("--skip-synthetic", action="store_true", help="skip the synthetic part")
    parser.add_argument("--work-dir", type=Path, default=None, help="where temp corpora/indexes go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp corpora and indexes")
    parser.add_argument("--out-dir", type=Path, default=BENCH_DIR / "results", help="where the JSON goes")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes comma-separated integers, e.g. 1000,10000,50000")
    if not args.sizes or min(args.sizes) <= 0:
        parser.error("--sizes needs positive sizes")
    args.synthetic_modes = [m.strip() for m in args.synthetic_modes.split(",") if m.strip()]
    unknown = [m for m in args.synthetic_modes if m not in MODES]
    if unknown:
        parser.error(f"unknown mode(s) {', '.join(unknown)} (choose from {', '.join(MODES)})")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    stamp = datetime.now(UTC)

    def log(message: str) -> None:
        print(f"{time.perf_counter() - started:8.1f}s {message}", file=sys.stderr, flush=True)

    questions = read_questions(args.questions)
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    log(f"work dir {work}")
    results: dict[str, Any] = {
        "date_utc": stamp.isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "thread_env": {name: os.environ.get(name) for name in THREAD_ENV},
            "mem_total_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        },
        "git": git_state(),
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "questions": len(questions),
        "load_avg_start": load_avg(),
    }
    try:
        if not args.skip_real:
            results["real"] = bench_real(args, questions, work, log)
        if not args.skip_synthetic:
            results["synthetic"] = bench_synthetic(args, questions, work, log)
    finally:
        if not args.keep and args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    results["load_avg_end"] = load_avg()
    results["wall_s"] = round(time.perf_counter() - started, 1)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    path = args.out_dir / f"search-{stamp.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(render(results))
    print(f"\nresults: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
