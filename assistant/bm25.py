"""Okapi BM25 over a sparse document-term matrix (scipy CSR): one sparse product per query."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse


class BM25Index:
    """Scores every document for a query in O(nnz of the query's columns)."""

    def __init__(self, vocab: dict[str, int], weights: sparse.csc_matrix) -> None:
        self.vocab = vocab
        self.weights = weights  # documents x terms, BM25 term weights precomputed

    @property
    def size(self) -> int:
        return int(self.weights.shape[0])

    @classmethod
    def build(cls, documents: list[list[str]], k1: float = 1.2, b: float = 0.75) -> BM25Index:
        vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.zeros(len(documents), dtype=np.float32)
        for i, tokens in enumerate(documents):
            lengths[i] = len(tokens)
            for term, tf in Counter(tokens).items():
                rows.append(i)
                cols.append(vocab.setdefault(term, len(vocab)))
                tfs.append(tf)
        n_docs = max(len(documents), 1)
        tf = np.asarray(tfs, dtype=np.float32)
        col = np.asarray(cols, dtype=np.int64)
        row = np.asarray(rows, dtype=np.int64)
        df = np.bincount(col, minlength=len(vocab)).astype(np.float32)
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
        avg = float(lengths.mean()) if len(documents) else 1.0
        norm = k1 * (1 - b + b * lengths[row] / max(avg, 1e-9))
        data = idf[col] * tf * (k1 + 1) / (tf + norm)
        matrix = sparse.csc_matrix((data, (row, col)), shape=(len(documents), len(vocab)), dtype=np.float32)
        return cls(vocab, matrix)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        cols = [self.vocab[t] for t in query_tokens if t in self.vocab]
        if not cols:
            return np.zeros(self.size, dtype=np.float32)
        counts = Counter(cols)
        q = np.zeros(len(self.vocab), dtype=np.float32)
        for c, n in counts.items():
            q[c] = n
        sub = self.weights[:, list(counts)]
        return np.asarray(sub @ q[list(counts)]).ravel()

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        sparse.save_npz(folder / "bm25.npz", self.weights.tocsr())
        (folder / "bm25-vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        weights = sparse.load_npz(folder / "bm25.npz").tocsc()
        vocab = json.loads((folder / "bm25-vocab.json").read_text(encoding="utf-8"))
        return cls(vocab, weights)
