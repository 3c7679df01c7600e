"""Chroma as the dense store: a local persistent client, or a Chroma server when a URL is set.

Every collection is created with our embedding function and telemetry off. One collection per
index generation, so a half-written generation never disturbs the one being served.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from .embeddings import ChromaEmbeddingFunction, Embedder
from .errors import ShenbaoError

BATCH = 1000


def make_client(chroma_url: str | None, local_path: Path) -> Any:
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if not url.hostname:
            raise ShenbaoError(f"SHENBAO_CHROMA_URL '{chroma_url}' is not a URL like http://127.0.0.1:8001")
        try:
            return chromadb.HttpClient(
                host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https", settings=settings
            )
        except Exception as exc:
            raise ShenbaoError(f"cannot reach the Chroma server at {chroma_url}: {exc}") from None
    local_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(local_path), settings=settings)


class DenseStore:
    """One Chroma collection of chunk vectors with filterable metadata."""

    def __init__(self, client: Any, name: str, embedder: Embedder) -> None:
        self.client = client
        self.name = name
        self.embedder = embedder
        self.collection = client.get_or_create_collection(
            name=name,
            embedding_function=ChromaEmbeddingFunction(embedder),
            metadata={"hnsw:space": "cosine", "embedder": embedder.spec},
        )
        self._count: int | None = None  # a generation never changes once built: count once

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict[str, Any]]) -> None:
        """Vectors and their filter fields. The chunk texts live in chunks.jsonl, not here: storing
        them in Chroma too doubled the insert time (its full-text index; 5,000 chunks 3.0 s against
        1.5 s, /tmp probe on chromadb 1.5.9) and nothing reads them back."""
        self._count = None
        for i in range(0, len(ids), BATCH):
            self.collection.add(ids=ids[i : i + BATCH], embeddings=vectors[i : i + BATCH], metadatas=metadatas[i : i + BATCH])

    def delete(self, ids: list[str]) -> None:
        self._count = None
        for i in range(0, len(ids), BATCH):
            self.collection.delete(ids=ids[i : i + BATCH])

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        if self._count is None:
            self._count = self.collection.count()
        count = self._count
        if count == 0:
            return []
        result = self.collection.query(
            query_embeddings=[vector], n_results=min(k, count), where=where or None, include=["distances"]
        )
        ids = result["ids"][0]
        distances = result["distances"][0] if result.get("distances") else [0.0] * len(ids)
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=True)]

    def drop(self) -> None:
        try:
            self.client.delete_collection(self.name)
        except Exception:  # already gone
            pass


def derive_local(previous: Path, target: Path, old_name: str, new_name: str, embedder: Embedder) -> DenseStore | None:
    """A new generation's local store made from a copy of the previous one's (renamed to
    `new_name`), for the caller to apply the changes to, instead of inserting every vector again.
    None when the previous store cannot be used (missing, or not holding `old_name`)."""
    if not previous.is_dir():
        return None
    shutil.copytree(previous, target)
    client = make_client(None, target)
    try:
        client.get_collection(old_name).modify(name=new_name)
    except Exception:  # a store without that collection: the caller inserts everything
        shutil.rmtree(target, ignore_errors=True)
        return None
    return DenseStore(client, new_name, embedder)


def where_clause(filters: dict[str, list[str]]) -> dict[str, Any] | None:
    """Chroma `where` for metadata filters {field: allowed values}."""
    parts = [{key: {"$in": values}} for key, values in filters.items() if values]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}
