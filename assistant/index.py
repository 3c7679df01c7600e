"""The built index on disk: generations of (chunks, vectors, BM25, Chroma collection, notices).

`index/CURRENT` names the generation being served. A new ingest writes a new generation next to
it and only then swaps CURRENT (an atomic rename), so an ingest that dies halfway leaves the
previous index untouched and usable.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from .bm25 import BM25Index
from .chunking import Chunk
from .corpus import Notice
from .embeddings import Embedder
from .errors import IndexMissingError, UnknownNoticeError
from .vectorstore import DenseStore, make_client

CURRENT = "CURRENT"


def index_text(chunk: Chunk) -> str:
    """What BM25 and the embedder see for a chunk: its notice and section path, then its text."""
    return f"{chunk.title}\n{chunk.section_text}\n{chunk.text}"


def read_current(index_dir: Path) -> str | None:
    pointer = index_dir / CURRENT
    if not pointer.exists():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return name if name and (index_dir / name / "manifest.json").exists() else None


def write_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f".{CURRENT}.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, index_dir / CURRENT)


def collection_name(generation: str) -> str:
    return f"shenbao-{generation}"


class StoredNotices:
    """The notices of the current generation read from disk, without opening the vector store or
    loading a model (what `shenbao check` needs); empty when nothing is indexed yet."""

    def __init__(self, folder: Path | None, ids: list[str]) -> None:
        self.folder = folder
        self._ids = ids
        self._known = frozenset(ids)  # membership on every lookup (answering asks for notices often)
        self._notices: dict[str, Notice] = {}

    @classmethod
    def open(cls, index_dir: Path) -> StoredNotices:
        name = read_current(Path(index_dir))
        if name is None:
            return cls(None, [])
        folder = Path(index_dir) / name
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return cls(folder, list(manifest["notices"]))

    @property
    def notice_ids(self) -> list[str]:
        return list(self._ids)

    def notice(self, notice_id: str) -> Notice:
        if notice_id not in self._known or self.folder is None:
            raise UnknownNoticeError(f"unknown notice '{notice_id}' (indexed: {', '.join(self._ids) or 'none'})")
        if notice_id not in self._notices:
            path = self.folder / "notices" / f"{notice_id}.json"
            self._notices[notice_id] = Notice.model_validate_json(path.read_text(encoding="utf-8"))
        return self._notices[notice_id]


class Index:
    """A read-only view of one generation."""

    def __init__(
        self,
        folder: Path,
        manifest: dict[str, Any],
        chunks: list[Chunk],
        vectors: np.ndarray,
        bm25: BM25Index,
        dense: DenseStore,
    ) -> None:
        self.folder = folder
        self.manifest = manifest
        self.chunks = chunks
        self.vectors = vectors
        self.bm25 = bm25
        self.dense = dense
        self.position = {c.chunk_id: i for i, c in enumerate(chunks)}
        self._stored = StoredNotices(folder, list(manifest["notices"]))

    @property
    def generation(self) -> str:
        return str(self.manifest["generation"])

    @property
    def notice_ids(self) -> list[str]:
        return list(self.manifest["notices"])

    def field_values(self, name: str) -> np.ndarray:
        """Per-chunk values of a filterable field (notice_id, kind, region, level)."""
        if name in ("notice_id", "kind"):
            return np.array([getattr(c, name) for c in self.chunks], dtype=object)
        info = self.manifest["notices"]
        return np.array([info[c.notice_id].get(name) or "" for c in self.chunks], dtype=object)

    def notice(self, notice_id: str) -> Notice:
        return self._stored.notice(notice_id)

    @classmethod
    def open(cls, index_dir: Path, embedder: Embedder, chroma_url: str | None = None) -> Index:
        name = read_current(index_dir)
        if name is None:
            raise IndexMissingError(f"no index in {index_dir}: run `shenbao ingest` first")
        folder = index_dir / name
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest["embedder"] != embedder.spec:
            raise IndexMissingError(
                f"the index in {index_dir} was built with embedder '{manifest['embedder']}', not "
                f"'{embedder.spec}': run `shenbao ingest` again (or set SHENBAO_EMBEDDER={manifest['embedder']})"
            )
        chunks = [Chunk.model_validate_json(line) for line in (folder / "chunks.jsonl").read_text("utf-8").splitlines()]
        vectors = np.load(folder / "vectors.npy")
        client = make_client(chroma_url, folder / "chroma")
        dense = DenseStore(client, manifest["collection"], embedder)
        return cls(folder, manifest, chunks, vectors, BM25Index.load(folder), dense)


def remove_stale(index_dir: Path, keep: str, chroma_url: str | None) -> None:
    """Delete generations other than `keep` (and their server collections)."""
    for path in index_dir.glob("gen-*"):
        if path.name == keep or not path.is_dir():
            continue
        if chroma_url:
            try:
                make_client(chroma_url, path / "chroma").delete_collection(collection_name(path.name))
            except Exception:  # the collection may never have been created
                pass
        shutil.rmtree(path, ignore_errors=True)
