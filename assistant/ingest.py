"""Build or update the index from notice files.

Everything is read and checked before anything is written; the new generation is written in
full before `CURRENT` points at it. An ingest adds to the index: notices it does not name are
kept with their vectors (`remove` deletes one). Unchanged notices (same content hash, same
embedder) make the ingest a no-op; a changed notice replaces all of its old chunks; vectors of
unchanged chunk texts are reused rather than recomputed (with another embedder, every kept
notice is re-embedded from its stored chunks rather than dropped).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from pydantic import BaseModel
from tqdm import tqdm

from .bm25 import BM25Index, TermCounts
from .chunking import Chunk
from .clauses import CLAUSE_TREE_VERSION
from .corpus import Notice, chunks_for, find_notice_sources, load_notice
from .embeddings import Embedder
from .errors import IndexMissingError, ShenbaoError, UnknownNoticeError
from .forwarding import split_forwarded
from .index import collection_name, index_text, read_current, remove_stale, write_current
from .metadata import METADATA_VERSION
from .settings import Settings
from .tokenize import TOKENIZER_VERSION, tokenize
from .vectorstore import DenseStore, derive_local, make_client

EMBED_BATCH = 32


class NoticeSummary(BaseModel):
    id: str
    status: str  # new | changed | unchanged
    files: list[str]
    chunks: int
    raw_chars: int
    clean_chars: int
    removed_chars: int
    removals: list[dict[str, Any]]
    normalised: dict[str, int] = {}  # intake and cleaning counts, summed over the notice's files
    warnings: list[str] = []  # suspected garbled lines (reported, never repaired)


class IngestSummary(BaseModel):
    generation: str
    changed: bool
    notices: list[NoticeSummary]
    total_chunks: int
    embedded: int
    reused_vectors: int
    seconds: float


class RemoveSummary(BaseModel):
    id: str
    title: str
    folder: str
    generation: str
    notices: int
    total_chunks: int


NOTICE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def check_notice_id(notice_id: str) -> str:
    if not NOTICE_ID.fullmatch(notice_id):
        raise ShenbaoError(f"通知编号“{notice_id}”无效：只能由小写字母、数字和连字符组成（如 suzhou-2023），最长 64 个字符")
    return notice_id


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _summarise(notice: Notice, status: str, n_chunks: int) -> NoticeSummary:
    removals: dict[str, dict[str, Any]] = {}
    normalised: Counter[str] = Counter()
    warnings: list[str] = []
    for report in notice.reports:
        for r in report.removals:
            entry = removals.setdefault(r.reason, {"reason": r.reason, "lines": 0, "chars": 0, "samples": []})
            entry["lines"] += r.lines
            entry["chars"] += r.chars
            entry["samples"] = (entry["samples"] + r.samples)[:3]
        normalised.update(report.normalised)
        prefix = f"{report.file}：" if len(notice.reports) > 1 else ""
        warnings.extend(prefix + w for w in report.warnings)
    return NoticeSummary(
        id=notice.id,
        status=status,
        files=notice.files,
        chunks=n_chunks,
        raw_chars=sum(r.raw_chars for r in notice.reports),
        clean_chars=len(notice.text),
        removed_chars=sum(e["chars"] for e in removals.values()),
        removals=sorted(removals.values(), key=lambda e: -e["chars"]),
        normalised=dict(normalised),
        warnings=warnings,
    )


class _Previous(NamedTuple):
    name: str | None
    manifest: dict[str, Any]
    chunks: list[Chunk]
    vectors: np.ndarray | None
    folder: Path


def _previous(index_dir: Path) -> _Previous:
    name = read_current(index_dir)
    if name is None:
        return _Previous(None, {}, [], None, index_dir)
    folder = index_dir / name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    chunks = [Chunk.model_validate_json(x) for x in (folder / "chunks.jsonl").read_text("utf-8").splitlines()]
    return _Previous(name, manifest, chunks, np.load(folder / "vectors.npy"), folder)


def _embed(embedder: Embedder, texts: list[str], progress: bool) -> np.ndarray:
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    parts = []
    with tqdm(total=len(texts), desc="嵌入", unit="块", disable=not progress, leave=False) as bar:
        for i in range(0, len(texts), EMBED_BATCH):
            batch = texts[i : i + EMBED_BATCH]
            parts.append(embedder.embed_documents(batch))
            bar.update(len(batch))
    return np.vstack(parts).astype(np.float32)


def _load_all(
    sources: list[tuple[str, Path, list[Path]]], extra: str, progress: bool
) -> list[Notice]:
    notices = []
    with tqdm(total=sum(len(files) for _, _, files in sources), desc="读取与清洗", unit="文件",
              disable=not progress, leave=False) as bar:
        for notice_id, folder, files in sources:
            notices.extend(split_forwarded(load_notice(notice_id, folder, files, extra_hash=extra)))
            bar.update(len(files))
    return notices


def ingest(
    paths: list[Path],
    settings: Settings,
    embedder: Embedder,
    *,
    progress: bool = False,
    on_loaded: Callable[[list[Notice]], None] | None = None,
    notice_id: str | None = None,
) -> IngestSummary:
    """Ingest notice folders/files into `settings.index_dir`, adding to or replacing notices of the
    existing index (the others are kept with their vectors). `notice_id` names the one notice that
    `paths` holds (default: from the file or folder name). Raises ShenbaoError before writing on
    bad input."""
    started = time.perf_counter()
    index_dir = Path(settings.index_dir)
    # 1. Read and check everything first: a bad file aborts before the index is touched.
    sources = [s for path in paths for s in find_notice_sources(path)]
    if notice_id is not None:
        check_notice_id(notice_id)
        if len(sources) != 1:
            raise ShenbaoError(f"--id 只能用于一个通知（一个文件或一个通知文件夹），这里有 {len(sources)} 个")
        sources = [(notice_id, sources[0][1], sources[0][2])]
    seen: dict[str, Path] = {}
    for nid, folder, _ in sources:
        if nid in seen and seen[nid] != folder:
            raise ShenbaoError(f"两个通知会得到同一个编号“{nid}”：{seen[nid]} 和 {folder}；请用 --id 指定编号")
        seen[nid] = folder
    extra = f"{settings.chunk_max_chars}/{settings.chunk_min_chars}/{CLAUSE_TREE_VERSION}/{METADATA_VERSION}"
    notices = _load_all(sources, extra, progress)
    if on_loaded:
        on_loaded(notices)

    prev = _previous(index_dir)
    same_embedder = prev.manifest.get("embedder") == embedder.spec
    prev_info: dict[str, Any] = prev.manifest.get("notices", {})
    statuses = {
        n.id: "unchanged" if same_embedder and prev_info.get(n.id, {}).get("hash") == n.content_hash else
        ("changed" if n.id in prev_info else "new")
        for n in notices
    }
    new_chunks = {n.id: chunks_for(n, settings.chunk_max_chars, settings.chunk_min_chars) for n in notices}
    summaries = [_summarise(n, statuses[n.id], len(new_chunks[n.id])) for n in notices]

    if prev.name and prev_info and all(s == "unchanged" for s in statuses.values()):
        summary = IngestSummary(
            generation=prev.name, changed=False, notices=summaries, total_chunks=len(prev.chunks),
            embedded=0, reused_vectors=0, seconds=time.perf_counter() - started,
        )
        _write_report(index_dir, summary)
        return summary

    # 2. The new generation: the previous one's other notices (re-embedded only if the embedder
    # changed), plus the loaded ones.
    loaded = {n.id for n in notices}
    kept_ids = [nid for nid in prev_info if nid not in loaded]
    generation, total, embedded = _write_generation(settings, embedder, prev, kept_ids, notices, new_chunks, progress)
    summary = IngestSummary(
        generation=generation, changed=True, notices=summaries, total_chunks=total,
        embedded=embedded, reused_vectors=total - embedded, seconds=time.perf_counter() - started,
    )
    _write_report(index_dir, summary)
    return summary


def remove(notice_id: str, settings: Settings, embedder: Embedder) -> RemoveSummary:
    """Delete one notice from the index (a new generation without it; no vector is recomputed)."""
    index_dir = Path(settings.index_dir)
    prev = _previous(index_dir)
    if prev.name is None:
        raise IndexMissingError(f"{index_dir} 中还没有索引：请先运行 shenbao ingest")
    info: dict[str, Any] = prev.manifest["notices"]
    if notice_id not in info:
        raise UnknownNoticeError(f"索引中没有编号为“{notice_id}”的通知（已索引：{'、'.join(info)}）")
    if prev.manifest.get("embedder") != embedder.spec:
        raise ShenbaoError(
            f"索引由嵌入模型“{prev.manifest.get('embedder')}”建立，当前设置为“{embedder.spec}”："
            f"请先运行 shenbao ingest 重建，或设置 SHENBAO_EMBEDDER={prev.manifest.get('embedder')}"
        )
    if len(info) == 1:
        raise ShenbaoError(f"“{notice_id}”是索引中唯一的通知，不能删除；请改为导入其他通知后再删除")
    notice = json.loads((index_dir / prev.name / "notices" / f"{notice_id}.json").read_text("utf-8"))
    kept_ids = [nid for nid in info if nid != notice_id]
    generation, total, _ = _write_generation(settings, embedder, prev, kept_ids, [], {}, False)
    return RemoveSummary(
        id=notice_id, title=info[notice_id].get("title") or notice_id, folder=notice.get("folder", ""),
        generation=generation, notices=len(kept_ids), total_chunks=total,
    )


def _write_generation(
    settings: Settings,
    embedder: Embedder,
    prev: _Previous,
    kept_ids: list[str],
    notices: list[Notice],
    new_chunks: dict[str, list[Chunk]],
    progress: bool,
) -> tuple[str, int, int]:
    """Write a generation of `kept_ids` (from `prev`) plus `notices`, then point CURRENT at it.
    Returns (generation, chunks, chunks embedded)."""
    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    prev_info: dict[str, Any] = prev.manifest.get("notices", {})
    kept = set(kept_ids)
    kept_rows = [i for i, c in enumerate(prev.chunks) if c.notice_id in kept]
    added = [c for n in notices for c in new_chunks[n.id]]
    chunks = [prev.chunks[i] for i in kept_rows] + added
    texts = [index_text(c) for c in chunks]
    same_embedder = prev.vectors is not None and prev.manifest.get("embedder") == embedder.spec

    cache: dict[str, np.ndarray] = {}
    if same_embedder and prev.vectors is not None:
        for chunk, vector in zip(prev.chunks, prev.vectors, strict=True):
            cache[_text_key(index_text(chunk))] = vector
    keys = [_text_key(t) for t in texts]
    missing = [i for i, key in enumerate(keys) if key not in cache]
    fresh = _embed(embedder, [texts[i] for i in missing], progress)
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, key in enumerate(keys):
        if key in cache:
            vectors[i] = cache[key]
    for row, i in enumerate(missing):
        vectors[i] = fresh[row]

    # Write it all under a new generation folder; nothing points at it yet.
    number = int(prev.manifest.get("number", 0)) + 1
    generation = f"gen-{number:06d}-{int(time.time())}"
    folder = index_dir / generation
    (folder / "notices").mkdir(parents=True)
    notice_info = {nid: prev_info[nid] for nid in kept_ids}
    for nid in kept_ids:
        _link_or_copy(index_dir / str(prev.name) / "notices" / f"{nid}.json", folder / "notices" / f"{nid}.json")
    for n in notices:
        (folder / "notices" / f"{n.id}.json").write_text(n.model_dump_json(), encoding="utf-8")
        notice_info[n.id] = {
            "hash": n.content_hash, "title": n.meta.title, "doc_no": n.meta.doc_no,
            "level": n.meta.level, "region": n.meta.region, "files": n.files,
        }
    (folder / "chunks.jsonl").write_text("".join(c.model_dump_json() + "\n" for c in chunks), encoding="utf-8")
    np.save(folder / "vectors.npy", vectors)
    _write_bm25(folder, prev, kept_rows, texts)
    _write_dense(settings, embedder, prev, folder, generation, chunks, vectors, notice_info, kept_rows, same_embedder)
    manifest = {
        "generation": generation, "number": number, "embedder": embedder.spec,
        "collection": collection_name(generation), "created": datetime.now(UTC).isoformat(),
        "notices": notice_info, "chunks": len(chunks), "tokenizer": TOKENIZER_VERSION,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")

    # Switch atomically, then clean up older generations.
    write_current(index_dir, generation)
    remove_stale(index_dir, generation, settings.chroma_url)
    return generation, len(chunks), len(missing)


def _link_or_copy(src: Path, dst: Path) -> None:
    """A kept notice's file in the new generation: a hard link (generations are never modified, and
    the old one's removal leaves the link), a copy where the file system has no links."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _write_bm25(folder: Path, prev: _Previous, kept_rows: list[int], texts: list[str]) -> None:
    """BM25 of the generation (`texts`: the kept rows' index texts, then the added chunks'): the kept
    chunks' term counts come from the previous generation (when the same tokeniser made them), so
    only the added chunks are tokenised."""
    counts = None
    if prev.name is not None and prev.manifest.get("tokenizer") == TOKENIZER_VERSION:
        counts = TermCounts.load(prev.folder)
    if counts is not None and counts.counts.shape[0] == len(prev.chunks):
        counts = counts.take(kept_rows).extend([tokenize(t) for t in texts[len(kept_rows):]])
    else:
        counts = TermCounts.from_documents([tokenize(t) for t in texts])
    BM25Index.from_counts(counts).save(folder)


def _write_dense(
    settings: Settings, embedder: Embedder, prev: _Previous, folder: Path, generation: str,
    chunks: list[Chunk], vectors: np.ndarray, notice_info: dict[str, Any], kept_rows: list[int], same_embedder: bool,
) -> None:
    """The generation's Chroma collection; `chunks` are the kept rows of `prev` then the added ones.
    With a local store and the same embedder, the previous generation's store is copied and only
    the dropped and added chunks are applied: inserting every vector again made each ingest cost
    grow with the whole index instead of with what changed."""
    name = collection_name(generation)
    dense = None
    if settings.chroma_url is None and same_embedder and prev.name is not None:
        dense = derive_local(prev.folder / "chroma", folder / "chroma", str(prev.manifest.get("collection")), name, embedder)
    start = 0
    if dense is None:
        dense = DenseStore(make_client(settings.chroma_url, folder / "chroma"), name, embedder)
    else:
        keep = set(kept_rows)
        dense.delete([c.chunk_id for i, c in enumerate(prev.chunks) if i not in keep])
        start = len(kept_rows)
    dense.add(
        [c.chunk_id for c in chunks[start:]],
        vectors[start:],
        [_chunk_metadata(c, notice_info[c.notice_id]) for c in chunks[start:]],
    )


def _chunk_metadata(chunk: Chunk, info: dict[str, Any]) -> dict[str, Any]:
    return {
        "notice_id": chunk.notice_id,
        "kind": chunk.kind,
        "region": info.get("region") or "",
        "level": info.get("level") or "",
        "start": chunk.start,
        "end": chunk.end,
    }


def _write_report(index_dir: Path, summary: IngestSummary) -> None:
    path = index_dir / "ingest-report.json"
    path.write_text(summary.model_dump_json(indent=1), encoding="utf-8")
