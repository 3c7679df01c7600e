"""Does a section address a requirement? Keyword coverage, and embedding similarity when available.

Keywords are the requirement's words (jieba, two characters or more, without stopwords and without
long parenthesised explanations such as VMI's definition), weighted by their IDF over all the
notice's requirements, so words every requirement uses (服务, 能力) count little and the specific
ones (集中采购, 远程维护) much. Coverage is the weighted share of keywords found in the section.

A requirement counts as addressed when its keyword coverage reaches `KEYWORD_THRESHOLD` or, with an
embedder, when the section paragraph closest to it is at least as similar as the embedder's
threshold (calibrated per embedder in `EMBEDDING_THRESHOLDS`; an embedder without one is not used).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..tokenize import STOPWORDS, words
from .models import Requirement

# Measured on the conforming henan-2020 draft of tests/test_drafting_lint.py against every requirement of
# every mode (8 linked pairs, 244 others): keyword coverage of linked pairs 0.86-1.0, of others at most
# 0.42 (and those were the same mode's clauses against a neighbouring section); at most 0.32 for
# another mode's clause. Closest-paragraph cosine: e5 linked 0.886-0.953, others up to 0.931; fake
# linked 0.37-0.76, others up to 0.53. The embedding is a second chance for paraphrased sections, so its
# threshold sits above every unrelated pair.
KEYWORD_THRESHOLD = 0.35
EMBEDDING_THRESHOLDS: dict[str, float] = {"e5": 0.94, "fake": 0.6}
EXPLANATION = re.compile(r"（[^（）]{12,}）")
GENERIC = frozenset("能够 开展 实现 具备 具有 进行 相关 有效 提供 通过 形成 方面 以及 包括 主要 一定 等等".split())


def keywords_of(text: str) -> list[str]:
    text = EXPLANATION.sub("", text)
    seen: list[str] = []
    for word in words(text):
        if len(word) >= 2 and word not in STOPWORDS and word not in GENERIC and not word.isdigit() and word not in seen:
            seen.append(word)
    return seen


class CoverageScorer:
    """Scores sections against requirements; built once per lint run."""

    def __init__(self, requirements: Sequence[Requirement], embedder: Any = None) -> None:
        docs = [set(keywords_of(r.text)) for r in requirements] or [set()]
        counts: dict[str, int] = {}
        for doc in docs:
            for word in doc:
                counts[word] = counts.get(word, 0) + 1
        self.n_docs = len(docs)
        self.counts = counts
        self.embedder = embedder
        self._queries: dict[str, np.ndarray] = {}
        self._docs: dict[tuple[str, ...], np.ndarray] = {}
        spec = getattr(embedder, "spec", None)
        self.embedding_threshold = EMBEDDING_THRESHOLDS.get(spec) if spec else None

    def idf(self, word: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.counts.get(word, 0))) + 1.0

    def keyword_score(self, requirement: Requirement, text: str) -> tuple[float, list[str]]:
        """(weighted coverage, the keywords missing from text)."""
        keys = keywords_of(requirement.text)
        if not keys:
            return 1.0, []
        total = sum(self.idf(k) for k in keys)
        found = [k for k in keys if k in text]
        missing = [k for k in keys if k not in text]
        return sum(self.idf(k) for k in found) / total, missing

    def embedding_score(self, requirement: Requirement, paragraphs: list[str]) -> float | None:
        if self.embedder is None or self.embedding_threshold is None or not paragraphs:
            return None
        if requirement.text not in self._queries:
            self._queries[requirement.text] = np.asarray(self.embedder.embed_query(requirement.text), np.float32)
        key = tuple(paragraphs)
        if key not in self._docs:  # a section's paragraphs are embedded once for all its requirements
            self._docs[key] = np.asarray(self.embedder.embed_documents(list(paragraphs)), np.float32)
        query, docs = self._queries[requirement.text], self._docs[key]
        norms = np.linalg.norm(docs, axis=1) * (np.linalg.norm(query) or 1.0)
        sims = docs @ query / np.where(norms == 0, 1.0, norms)
        return float(sims.max())

    def addressed(self, requirement: Requirement, paragraphs: list[str]) -> tuple[bool, float, float | None, list[str]]:
        """(addressed?, keyword coverage, embedding similarity or None, missing keywords)."""
        text = "".join(paragraphs)
        score, missing = self.keyword_score(requirement, text)
        if score >= KEYWORD_THRESHOLD:
            return True, score, None, missing
        similarity = self.embedding_score(requirement, paragraphs)
        ok = similarity is not None and self.embedding_threshold is not None and similarity >= self.embedding_threshold
        return ok, score, similarity, missing


EmbedderSource = Any | Callable[[], Any] | None


def resolve_embedder(source: EmbedderSource) -> Any:
    """An embedder, or a zero-argument factory of one (so a model loads only when lint needs it)."""
    if source is None or hasattr(source, "embed_query"):
        return source
    return source()
