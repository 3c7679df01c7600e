"""Hybrid retrieval: BM25 over jieba tokens and dense vectors in Chroma, fused by reciprocal rank.

Both signals take the same metadata filters (notice id, region, level, kind). `mode` selects
one signal alone for evaluation.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import numpy as np
from pydantic import BaseModel

from .answer_types import expected_types, has_answer
from .chunking import Chunk
from .embeddings import Embedder
from .index import Index
from .scope import Scope, detect_scope
from .settings import Settings
from .tokenize import tokenize
from .vectorstore import where_clause

Mode = Literal["hybrid", "bm25", "dense"]
FILTER_FIELDS = ("notice_id", "region", "level", "kind")


class Hit(BaseModel):
    chunk: Chunk
    score: float
    bm25: float | None = None
    dense: float | None = None
    bm25_rank: int | None = None
    dense_rank: int | None = None


def hit_rows(hits: list[Hit]) -> list[dict[str, object]]:
    """Search results as JSON rows (`shenbao search --json` and `GET /api/search`)."""
    return [
        {
            "rank": i,
            "notice_id": h.chunk.notice_id,
            "title": h.chunk.title,
            "doc_no": h.chunk.doc_no,
            "section": h.chunk.section,
            "kind": h.chunk.kind,
            "chunk_id": h.chunk.chunk_id,
            "start": h.chunk.start,
            "end": h.chunk.end,
            "text": h.chunk.text,
            "scores": {"fused": h.score, "bm25": h.bm25, "dense": h.dense,
                       "bm25_rank": h.bm25_rank, "dense_rank": h.dense_rank},
        }
        for i, h in enumerate(hits, start=1)
    ]


class Retriever:
    """Searches one index generation; built once and shared (it holds the embedder and the index)."""

    def __init__(self, index: Index, embedder: Embedder, settings: Settings) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings
        # Filter fields as (distinct values, per-chunk codes): a filter is a lookup, not a string match.
        self._fields = {name: np.unique(index.field_values(name).astype(str), return_inverse=True) for name in FILTER_FIELDS}
        self._metas = [index.notice(nid).meta for nid in index.notice_ids]
        # Norms of the stored vectors, for exact cosine scores over a filtered subset (see dense_ranked).
        self._norms = np.linalg.norm(index.vectors, axis=1).clip(1e-12) if len(index.vectors) else np.ones(0)
        # A question is often searched several times (per notice, per signal): embed it once.
        self._embed_query = lru_cache(maxsize=256)(embedder.embed_query)

    def clear_query_cache(self) -> None:
        """Forget cached query embeddings (benchmarks time never-seen questions this way)."""
        self._embed_query.cache_clear()

    def scope(self, question: str) -> Scope:
        """Which indexed notices a question is about (all of them when it names none)."""
        return detect_scope(question, self._metas)

    def _mask(self, filters: dict[str, list[str]]) -> np.ndarray | None:
        mask = None
        for name, values in filters.items():
            if not values:
                continue
            if name not in self._fields:
                raise ValueError(f"unknown filter '{name}' (use one of {', '.join(FILTER_FIELDS)})")
            distinct, codes = self._fields[name]
            current = np.isin(distinct, values)[codes]
            mask = current if mask is None else mask & current
        return mask

    def bm25_ranked(self, query: str, n: int, filters: dict[str, list[str]]) -> list[tuple[int, float]]:
        scores = self.index.bm25.scores(tokenize(query))
        mask = self._mask(filters)
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        n = min(n, len(scores))
        if n == 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def dense_ranked(self, query: str, n: int, filters: dict[str, list[str]]) -> list[tuple[int, float]]:
        """Nearest chunks by cosine. Unfiltered: Chroma's HNSW index. Filtered (a question scoped to
        some notices): exact cosine over the allowed rows of the generation's vectors, which are
        already in memory. Chroma's metadata `where` was the slowest part of a scoped search (17-33 ms
        at 50k chunks against 0.2 ms for the product over the scoped rows, bench/README.md), and the
        exact ranking is never worse than the approximate one."""
        vector = self._embed_query(query)
        mask = self._mask(filters)
        if mask is None:
            hits = self.index.dense.query(vector, n, where_clause(filters))
            return [(self.index.position[cid], score) for cid, score in hits if cid in self.index.position]
        rows = np.flatnonzero(mask)
        if not len(rows):
            return []
        q = np.asarray(vector, dtype=np.float32)
        scores = (self.index.vectors[rows] @ q) / (self._norms[rows] * max(float(np.linalg.norm(q)), 1e-12))
        n = min(n, len(rows))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(rows[i]), float(scores[i])) for i in top]

    def search(
        self,
        query: str,
        k: int = 5,
        filters: dict[str, list[str]] | None = None,
        mode: Mode = "hybrid",
        auto_scope: bool = False,
    ) -> list[Hit]:
        """Top-k chunks. With `auto_scope`, a question that names a region, level or year is
        searched only in the notices it is about (unless `filters` already names notices)."""
        query = query.strip()
        if not query:
            return []
        filters = {key: list(v) for key, v in (filters or {}).items() if v}
        if auto_scope and not filters.get("notice_id"):
            scope = self.scope(query)
            if scope.detected and scope.notice_ids:
                filters["notice_id"] = scope.notice_ids
        n = max(self.settings.candidates, k)
        bm25 = self.bm25_ranked(query, n, filters) if mode in ("hybrid", "bm25") else []
        dense = self.dense_ranked(query, n, filters) if mode in ("hybrid", "dense") else []
        fused: dict[int, Hit] = {}
        rrf_k = self.settings.rrf_k
        for weight, ranked, signal in ((self.settings.bm25_weight, bm25, "bm25"), (self.settings.dense_weight, dense, "dense")):
            for rank, (pos, score) in enumerate(ranked, start=1):
                hit = fused.setdefault(pos, Hit(chunk=self.index.chunks[pos], score=0.0))
                hit.score += weight / (rrf_k + rank)
                setattr(hit, signal, score)
                setattr(hit, f"{signal}_rank", rank)
        types = expected_types(query) if mode == "hybrid" and self.settings.answer_type_weight > 0 else []
        if types:
            # Third list: the candidates that contain the kind of fact the question asks for.
            ordered = sorted(fused.values(), key=lambda h: -h.score)
            with_answer = [h for h in ordered if has_answer(h.chunk.text, types)]
            for rank, hit in enumerate(with_answer, start=1):
                hit.score += self.settings.answer_type_weight / (rrf_k + rank)
        return sorted(fused.values(), key=lambda h: (-h.score, h.chunk.start))[:k]
