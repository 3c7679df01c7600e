"""Hybrid retrieval, filters, scope detection and answer types (fake embedder, real corpus)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer_types import expected_types, has_answer
from assistant.bm25 import BM25Index
from assistant.embeddings import FakeEmbedder
from assistant.retrieval import Retriever
from assistant.scope import detect_scope
from assistant.services import Services
from assistant.settings import Settings
from assistant.tokenize import tokenize


@pytest.fixture
def retriever(shared_index: Settings, fake_embedder: FakeEmbedder) -> Retriever:
    return Services(shared_index, fake_embedder).retriever


def test_bm25_ranks_the_matching_document_first() -> None:
    docs = [tokenize(t) for t in ("平台运营满两年", "企业注册在山西省", "服务收入占比达到百分之三十")]
    index = BM25Index.build(docs)
    scores = index.scores(tokenize("山西省注册的企业"))
    assert int(np.argmax(scores)) == 1
    assert index.scores(tokenize("完全无关的词汇xyz")).max() == 0


def test_bm25_scales_with_sparse_matrix() -> None:
    docs = [tokenize(f"第{i}条 企业{i % 97}号 服务收入{i % 13}成") for i in range(5000)]
    index = BM25Index.build(docs)
    assert index.weights.nnz < 5000 * 30  # sparse, not dense
    assert index.scores(tokenize("企业5号")).shape == (5000,)


def test_hybrid_finds_the_clause(retriever: Retriever) -> None:
    hits = retriever.search("河南示范平台运营时间要满几年", k=5)
    assert any(h.chunk.notice_id == "henan-2020" and "满一年" in h.chunk.text for h in hits)
    assert all(h.score > 0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_filters_restrict_both_signals(retriever: Retriever) -> None:
    for mode in ("bm25", "dense", "hybrid"):
        hits = retriever.search("平台运营满两年", k=8, filters={"notice_id": ["miit-2023"]}, mode=mode)
        assert hits and {h.chunk.notice_id for h in hits} == {"miit-2023"}
    tables = retriever.search("汇总表", k=5, filters={"kind": ["table"]})
    assert tables and all(h.chunk.kind == "table" for h in tables)
    henan = retriever.search("申报条件", k=10, filters={"region": ["河南省"]})
    assert {h.chunk.notice_id for h in henan} <= {"henan-2020", "henan-basic-modes"}
    national = retriever.search("申报条件", k=5, filters={"level": ["national"]})
    assert {h.chunk.notice_id for h in national} == {"miit-2023"}


def test_unknown_filter_field_is_an_error(retriever: Retriever) -> None:
    with pytest.raises(ValueError, match="unknown filter"):
        retriever.search("申报", filters={"colour": ["red"]}, mode="bm25")


def test_empty_query_returns_nothing(retriever: Retriever) -> None:
    assert retriever.search("   ") == []


def test_auto_scope_narrows_to_named_notice(retriever: Retriever) -> None:
    hits = retriever.search("包头的企业申报要满几年", k=5, auto_scope=True)
    assert hits and {h.chunk.notice_id for h in hits} == {"baotou"}
    # An explicit notice filter wins over the detected scope.
    hits = retriever.search("包头的企业申报要满几年", k=3, filters={"notice_id": ["shanxi-2021"]}, auto_scope=True)
    assert {h.chunk.notice_id for h in hits} == {"shanxi-2021"}


def test_scope_detection(notices: dict) -> None:  # type: ignore[type-arg]
    metas = [n.meta for n in notices.values()]
    assert set(detect_scope("郑州的企业能报吗", metas).notice_ids) == {"henan-2020", "henan-basic-modes"}
    assert detect_scope("太原的平台运营满两年了", metas).notice_ids == ["shanxi-2021"]
    assert detect_scope("工信部第五批示范城市", metas).notice_ids == ["miit-2023"]
    assert detect_scope("包头稀土高新区的企业", metas).notice_ids == ["baotou"]
    assert set(detect_scope("山西企业报国家级示范", metas).notice_ids) == {"shanxi-2021", "miit-2023"}
    both = detect_scope("2020年河南的通知", metas)
    assert both.notice_ids == ["henan-2020"] and both.years == [2020]
    shanghai = detect_scope("上海的企业怎么申报", metas)
    assert shanghai.notice_ids == [] and shanghai.uncovered_regions == ["上海"]
    hohhot = detect_scope("呼和浩特的企业能报包头的示范吗", metas)
    assert "呼和浩特" in hohhot.uncovered_regions
    nothing = detect_scope("服务收入占比要多少", metas)
    assert not nothing.detected and len(nothing.notice_ids) == 5


def test_answer_types() -> None:
    assert "deadline" in expected_types("最晚哪天要交材料？")
    assert "contact" in expected_types("有问题该找谁？")
    assert "quota" in expected_types("每个市最多能推几家")
    assert expected_types("供应链管理是什么意思") == []
    assert has_answer("于11月25日前将推荐文件发送", ["deadline"])
    assert not has_answer("于近期报送", ["deadline"])
    assert has_answer("可推荐企业不超过10个", ["quota"])


def test_answer_type_boost_helps_a_deadline_question(shared_index: Settings, fake_embedder: FakeEmbedder) -> None:
    question = "第五批示范，省里报到工信部的截止时间是哪天？"
    plain = Services(shared_index.model_copy(update={"answer_type_weight": 0.0}), fake_embedder).retriever
    boosted = Services(shared_index, fake_embedder).retriever

    def rank(r: Retriever) -> int:
        hits = r.search(question, k=20, auto_scope=True)
        return next(i for i, h in enumerate(hits) if "2023年5月31日前" in h.chunk.text)

    assert rank(boosted) <= rank(plain)
    assert rank(boosted) < 3


def test_filtered_dense_search_is_exact_and_agrees_with_chroma(retriever: Retriever) -> None:
    """A scoped dense search scores the allowed rows exactly; Chroma's filtered query (HNSW on a
    small index) finds the same chunks in the same order."""
    from assistant.vectorstore import where_clause

    filters = {"notice_id": ["baotou", "shanxi-2021"]}
    for question in ("示范称号什么时候会被取消", "平台要运营几年才能报", "材料交到哪个部门"):
        ours = retriever.dense_ranked(question, 10, filters)
        assert ours and all(retriever.index.chunks[pos].notice_id in filters["notice_id"] for pos, _ in ours)
        scores = [score for _, score in ours]
        assert scores == sorted(scores, reverse=True)
        vector = retriever.embedder.embed_query(question)
        chroma = retriever.index.dense.query(vector, 10, where_clause(filters))
        assert [retriever.index.chunks[pos].chunk_id for pos, _ in ours] == [cid for cid, _ in chroma]
        assert np.allclose(scores, [s for _, s in chroma], atol=1e-4)
    assert retriever.dense_ranked("任何问题", 5, {"notice_id": ["no-such-notice"]}) == []
