"""`shenbao eval retrieval`: hit@1, hit@5 and MRR on the gold set, for every signal and the baseline.

Each configuration is measured on a throwaway index built from the corpus in a temporary folder,
so the numbers do not depend on (or disturb) the user's index. A gold question is a hit at rank r
when the r-th result belongs to the gold notice and its span overlaps the gold anchor's span.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from pydantic import BaseModel

from .corpus import Notice
from .embeddings import ChromaEmbeddingFunction, Embedder, build_embedder
from .errors import ShenbaoError
from .ingest import ingest
from .jsonfile import read_cases
from .retrieval import Retriever
from .services import Services
from .settings import Settings

Span = tuple[str, int, int]  # notice id, start, end
Searcher = Callable[[str, int], list[Span]]


class GoldQuestion(BaseModel):
    id: str
    question: str
    notice_id: str
    section: str = ""
    anchor: str


class Metrics(BaseModel):
    name: str
    questions: int
    hit_at_1: float
    hit_at_5: float
    mrr: float
    misses: list[str] = []
    ms_per_query: float = 0.0


def load_gold(path: Path) -> list[GoldQuestion]:
    """The questions of a retrieval gold set (a one-line Chinese error for a missing, empty or
    malformed file)."""
    return read_cases(path, GoldQuestion)


def score(name: str, gold: list[GoldQuestion], anchors: dict[str, Span], search: Searcher, depth: int = 10) -> Metrics:
    ranks: list[int | None] = []
    misses: list[str] = []
    started = time.perf_counter()
    for q in gold:
        notice_id, a_start, a_end = anchors[q.id]
        rank = None
        for r, (nid, start, end) in enumerate(search(q.question, depth), start=1):
            if nid == notice_id and start < a_end and a_start < end:
                rank = r
                break
        ranks.append(rank)
        if rank is None or rank > 5:
            misses.append(q.id)
    elapsed = time.perf_counter() - started
    n = max(len(gold), 1)
    return Metrics(
        name=name,
        questions=len(gold),
        hit_at_1=sum(1 for r in ranks if r == 1) / n,
        hit_at_5=sum(1 for r in ranks if r is not None and r <= 5) / n,
        mrr=sum(1.0 / r for r in ranks if r is not None) / n,
        misses=misses,
        ms_per_query=1000 * elapsed / n,
    )


def locate_anchors(gold: list[GoldQuestion], notices: dict[str, Notice]) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    for q in gold:
        if q.notice_id not in notices:
            raise ShenbaoError(f"gold question {q.id}: unknown notice '{q.notice_id}'")
        start = notices[q.notice_id].text.find(q.anchor)
        if start < 0:
            raise ShenbaoError(f"gold question {q.id}: anchor '{q.anchor}' not found in {q.notice_id}")
        spans[q.id] = (q.notice_id, start, start + len(q.anchor))
    return spans


def naive_searcher(notices: list[Notice], embedder: Embedder) -> Searcher:
    """Baseline: RecursiveCharacterTextSplitter(500/50) over the cleaned text + the same embedder + Chroma top-k."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50, add_start_index=True)
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.get_or_create_collection(
        f"naive-{embedder.spec.replace(':', '-').replace('/', '-')[:40]}-{int(time.time() * 1000)}",
        embedding_function=ChromaEmbeddingFunction(embedder),
        metadata={"hnsw:space": "cosine"},
    )
    ids, docs, metas = [], [], []
    for notice in notices:
        for i, doc in enumerate(splitter.create_documents([notice.text])):
            start = int(doc.metadata["start_index"])
            ids.append(f"{notice.id}:{i}")
            docs.append(doc.page_content)
            metas.append({"notice_id": notice.id, "start": start, "end": start + len(doc.page_content)})
    collection.add(ids=ids, documents=docs, metadatas=metas, embeddings=embedder.embed_documents(docs))

    def search(question: str, k: int) -> list[Span]:
        result = collection.query(query_embeddings=[embedder.embed_query(question)], n_results=k)
        return [(str(m["notice_id"]), int(m["start"]), int(m["end"])) for m in result["metadatas"][0]]

    return search


def _searcher(retriever: Retriever, mode: str, auto_scope: bool = False) -> Searcher:
    def search(question: str, k: int) -> list[Span]:
        hits = retriever.search(question, k=k, mode=mode, auto_scope=auto_scope)  # type: ignore[arg-type]
        return [(h.chunk.notice_id, h.chunk.start, h.chunk.end) for h in hits]

    return search


def evaluate_retrieval(
    settings: Settings,
    gold_paths: list[Path],
    backends: list[str],
    embedders: dict[str, Embedder] | None = None,
    baseline: bool = True,
) -> dict[str, list[Metrics]]:
    """Metrics per gold set (by file name), each configuration measured on the same throwaway index."""
    golds = {path.name: load_gold(path) for path in gold_paths}
    results: dict[str, list[Metrics]] = {name: [] for name in golds}
    embedders = dict(embedders or {})
    with tempfile.TemporaryDirectory(prefix="shenbao-eval-") as tmp:
        for i, spec in enumerate(backends):
            embedder = embedders.get(spec) or build_embedder(spec)
            run_settings = settings.model_copy(update={"index_dir": Path(tmp) / f"idx-{i}", "chroma_url": None})
            ingest([settings.corpus_dir], run_settings, embedder)
            services = Services(run_settings, embedder)
            notices = {nid: services.index.notice(nid) for nid in services.index.notice_ids}
            retriever = services.retriever
            naive = naive_searcher(list(notices.values()), embedder) if baseline else None
            for name, gold in golds.items():
                anchors = locate_anchors(gold, notices)
                out = results[name]
                if i == 0:
                    out.append(score("bm25", gold, anchors, _searcher(retriever, "bm25")))
                    out.append(score("bm25+scope", gold, anchors, _searcher(retriever, "bm25", True)))
                out.append(score(f"dense:{spec}", gold, anchors, _searcher(retriever, "dense")))
                out.append(score(f"hybrid:bm25+{spec}", gold, anchors, _searcher(retriever, "hybrid")))
                out.append(score(f"hybrid+scope:bm25+{spec}", gold, anchors, _searcher(retriever, "hybrid", True)))
                if naive is not None:
                    out.append(score(f"naive:splitter500/50+{spec}", gold, anchors, naive))
    return results


def format_table(results: dict[str, list[Metrics]]) -> str:
    lines: list[str] = []
    for name, metrics in results.items():
        n = metrics[0].questions if metrics else 0
        lines.append(f"{name} ({n} questions)")
        lines.append(f"  {'configuration':<34} {'hit@1':>6} {'hit@5':>6} {'MRR':>6} {'ms/q':>7}")
        for m in metrics:
            lines.append(f"  {m.name:<34} {m.hit_at_1:6.3f} {m.hit_at_5:6.3f} {m.mrr:6.3f} {m.ms_per_query:7.1f}")
    return "\n".join(lines)


def as_json(results: dict[str, list[Metrics]]) -> str:
    return json.dumps({k: [m.model_dump() for m in v] for k, v in results.items()}, ensure_ascii=False, indent=1)
