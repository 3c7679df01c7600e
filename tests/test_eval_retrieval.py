"""The retrieval evaluation computes what it says (synthetic searchers) and runs end to end (fake embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.embeddings import FakeEmbedder
from assistant.errors import ShenbaoError
from assistant.eval_retrieval import GoldQuestion, evaluate_retrieval, format_table, locate_anchors, score
from assistant.settings import PROJECT_ROOT, Settings

GOLD = [
    GoldQuestion(id="a", question="q1", notice_id="n", anchor="x"),
    GoldQuestion(id="b", question="q2", notice_id="n", anchor="y"),
]
ANCHORS = {"a": ("n", 10, 20), "b": ("n", 100, 110)}


def test_score_hit_rank_and_mrr() -> None:
    def search(question: str, k: int) -> list[tuple[str, int, int]]:
        if question == "q1":
            return [("n", 0, 5), ("other", 10, 20), ("n", 15, 30)]  # overlapping hit at rank 3
        return [("n", 200, 300)] * 7  # never found

    metrics = score("t", GOLD, ANCHORS, search)
    assert metrics.hit_at_1 == 0.0 and metrics.hit_at_5 == 0.5
    assert metrics.mrr == pytest.approx((1 / 3) / 2)
    assert metrics.misses == ["b"]


def test_anchor_must_exist(notices: dict) -> None:  # type: ignore[type-arg]
    bad = [GoldQuestion(id="z", question="q", notice_id="baotou", anchor="不存在的锚点文字")]
    with pytest.raises(ShenbaoError, match="anchor"):
        locate_anchors(bad, notices)


def test_evaluation_runs_every_configuration(settings: Settings) -> None:
    gold = PROJECT_ROOT / "tests" / "eval" / "retrieval.jsonl"
    results = evaluate_retrieval(settings, [gold], ["fake"], {"fake": FakeEmbedder()})
    names = [m.name for m in results["retrieval.jsonl"]]
    assert names == ["bm25", "bm25+scope", "dense:fake", "hybrid:bm25+fake", "hybrid+scope:bm25+fake",
                     "naive:splitter500/50+fake"]
    for m in results["retrieval.jsonl"]:
        assert 0 <= m.hit_at_1 <= m.hit_at_5 <= 1 and m.questions >= 60
    by_name = {m.name: m for m in results["retrieval.jsonl"]}
    assert by_name["hybrid+scope:bm25+fake"].hit_at_5 >= by_name["bm25"].hit_at_5 - 0.05
    assert "hit@5" in format_table(results)
    assert not list(Path(settings.index_dir).glob("gen-*"))  # the user's index is never touched
