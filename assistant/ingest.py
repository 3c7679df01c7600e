"""Build or update the index from notice files.

Everything is read and checked before anything is written; the new generation is written in
full before `CURRENT` points at it. Unchanged notices (same content hash, same embedder) make
the ingest a no-op; a changed notice replaces all of its old chunks; vectors of unchanged
chunk texts are reused rather than recomputed.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel
from tqdm import tqdm

from .bm25 import BM25Index
from .chunking import Chunk
from .clauses import CLAUSE_TREE_VERSION
from .corpus import Notice, chunks_for, find_notice_sources, load_notice
from .embeddings import Embedder
from .index import collection_name, index_text, read_current, remove_stale, write_current
from .metadata import METADATA_VERSION
from .settings import Settings
from .tokenize import tokenize
from .vectorstore import DenseStore, make_client

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


class IngestSummary(BaseModel):
    generation: str
    changed: bool
    notices: list[NoticeSummary]
    total_chunks: int
    embedded: int
    reused_vectors: int
    seconds: float


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _summarise(notice: Notice, status: str, n_chunks: int) -> NoticeSummary:
    removals: dict[str, dict[str, Any]] = {}
    for report in notice.reports:
        for r in report.removals:
            entry = removals.setdefault(r.reason, {"reason": r.reason, "lines": 0, "chars": 0, "samples": []})
            entry["lines"] += r.lines
            entry["chars"] += r.chars
            entry["samples"] = (entry["samples"] + r.samples)[:3]
    return NoticeSummary(
        id=notice.id,
        status=status,
        files=notice.files,
        chunks=n_chunks,
        raw_chars=sum(r.raw_chars for r in notice.reports),
        clean_chars=len(notice.text),
        removed_chars=sum(e["chars"] for e in removals.values()),
        removals=sorted(removals.values(), key=lambda e: -e["chars"]),
    )


def _previous(index_dir: Path) -> tuple[str | None, dict[str, Any], list[Chunk], np.ndarray | None]:
    name = read_current(index_dir)
    if name is None:
        return None, {}, [], None
    folder = index_dir / name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    chunks = [Chunk.model_validate_json(x) for x in (folder / "chunks.jsonl").read_text("utf-8").splitlines()]
    return name, manifest, chunks, np.load(folder / "vectors.npy")


def _embed(embedder: Embedder, texts: list[str], progress: bool) -> np.ndarray:
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    parts = []
    with tqdm(total=len(texts), desc="embedding", unit="chunk", disable=not progress, leave=False) as bar:
        for i in range(0, len(texts), EMBED_BATCH):
            batch = texts[i : i + EMBED_BATCH]
            parts.append(embedder.embed_documents(batch))
            bar.update(len(batch))
    return np.vstack(parts).astype(np.float32)


def ingest(
    paths: list[Path],
    settings: Settings,
    embedder: Embedder,
    *,
    progress: bool = False,
    on_loaded: Callable[[list[Notice]], None] | None = None,
) -> IngestSummary:
    """Ingest notice folders/files into `settings.index_dir`. Raises ShenbaoError before writing on bad input."""
    started = time.perf_counter()
    index_dir = Path(settings.index_dir)
    # 1. Read and check everything first: a bad file aborts before the index is touched.
    sources = [s for path in paths for s in find_notice_sources(path)]
    seen: dict[str, Path] = {}
    for notice_id, folder, _ in sources:
        if notice_id in seen and seen[notice_id] != folder:
            from .errors import ShenbaoError

            raise ShenbaoError(f"two notices would get the id '{notice_id}': {seen[notice_id]} and {folder}")
        seen[notice_id] = folder
    extra = f"{settings.chunk_max_chars}/{settings.chunk_min_chars}/{CLAUSE_TREE_VERSION}/{METADATA_VERSION}"
    notices = [load_notice(nid, folder, files, extra_hash=extra) for nid, folder, files in sources]
    if on_loaded:
        on_loaded(notices)

    index_dir.mkdir(parents=True, exist_ok=True)
    prev_name, prev_manifest, prev_chunks, prev_vectors = _previous(index_dir)
    prev_info = prev_manifest.get("notices", {}) if prev_manifest.get("embedder") == embedder.spec else {}

    statuses = {
        n.id: "unchanged" if prev_info.get(n.id, {}).get("hash") == n.content_hash else
        ("changed" if n.id in prev_info else "new")
        for n in notices
    }
    new_chunks = {n.id: chunks_for(n, settings.chunk_max_chars, settings.chunk_min_chars) for n in notices}
    summaries = [_summarise(n, statuses[n.id], len(new_chunks[n.id])) for n in notices]

    if prev_name and prev_info and all(s == "unchanged" for s in statuses.values()):
        summary = IngestSummary(
            generation=prev_name, changed=False, notices=summaries, total_chunks=len(prev_chunks),
            embedded=0, reused_vectors=0, seconds=time.perf_counter() - started,
        )
        _write_report(index_dir, summary)
        return summary

    # 2. Assemble the new generation: kept notices from the previous one, plus the loaded ones.
    loaded = {n.id for n in notices}
    kept_ids = [nid for nid in prev_info if nid not in loaded]
    chunks = [c for c in prev_chunks if c.notice_id in kept_ids] if prev_info else []
    for n in notices:
        chunks.extend(new_chunks[n.id])
    texts = [index_text(c) for c in chunks]

    cache: dict[str, np.ndarray] = {}
    if prev_vectors is not None and prev_info:
        for chunk, vector in zip(prev_chunks, prev_vectors, strict=True):
            cache[_text_key(index_text(chunk))] = vector
    missing = [i for i, t in enumerate(texts) if _text_key(t) not in cache]
    fresh = _embed(embedder, [texts[i] for i in missing], progress)
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, t in enumerate(texts):
        if _text_key(t) in cache:
            vectors[i] = cache[_text_key(t)]
    for row, i in enumerate(missing):
        vectors[i] = fresh[row]

    # 3. Write it all under a new generation folder; nothing points at it yet.
    number = int(prev_manifest.get("number", 0)) + 1
    generation = f"gen-{number:06d}-{int(time.time())}"
    folder = index_dir / generation
    (folder / "notices").mkdir(parents=True)
    notice_info = {nid: prev_info[nid] for nid in kept_ids}
    if prev_name:
        for nid in kept_ids:
            src = index_dir / prev_name / "notices" / f"{nid}.json"
            (folder / "notices" / f"{nid}.json").write_bytes(src.read_bytes())
    for n in notices:
        (folder / "notices" / f"{n.id}.json").write_text(n.model_dump_json(), encoding="utf-8")
        notice_info[n.id] = {
            "hash": n.content_hash, "title": n.meta.title, "doc_no": n.meta.doc_no,
            "level": n.meta.level, "region": n.meta.region, "files": n.files,
        }
    (folder / "chunks.jsonl").write_text("".join(c.model_dump_json() + "\n" for c in chunks), encoding="utf-8")
    np.save(folder / "vectors.npy", vectors)
    BM25Index.build([tokenize(t) for t in texts]).save(folder)
    dense = DenseStore(make_client(settings.chroma_url, folder / "chroma"), collection_name(generation), embedder)
    dense.add(
        [c.chunk_id for c in chunks],
        vectors,
        [_chunk_metadata(c, notice_info[c.notice_id]) for c in chunks],
        [c.text for c in chunks],
    )
    manifest = {
        "generation": generation, "number": number, "embedder": embedder.spec,
        "collection": collection_name(generation), "created": datetime.now(UTC).isoformat(),
        "notices": notice_info, "chunks": len(chunks),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")

    # 4. Switch atomically, then clean up older generations.
    write_current(index_dir, generation)
    remove_stale(index_dir, generation, settings.chroma_url)
    summary = IngestSummary(
        generation=generation, changed=True, notices=summaries, total_chunks=len(chunks),
        embedded=len(missing), reused_vectors=len(texts) - len(missing), seconds=time.perf_counter() - started,
    )
    _write_report(index_dir, summary)
    return summary


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
