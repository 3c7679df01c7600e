"""`shenbao eval qa` list metrics: complete answers, share of items and answer length, with the
conversation replaced by canned answers (the metric is what is tested, not the engine)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import assistant.eval_qa as eval_qa
from assistant.answer.models import AskResult
from assistant.eval_qa import QAGold, evaluate_qa


def test_list_completeness_items_and_lengths(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = {
        "a": "（一）甲项内容；（二）乙项内容；（三）丙项内容。",
        "b": "（一）甲项内容；",
        "c": "截止时间是 11 月 20 日前",
    }

    def fake_run(answerer: object, gold: QAGold) -> tuple[AskResult, float]:
        return AskResult(answer=answers[gold.id], citations=[], abstained=False, notices=[]), 5.0

    monkeypatch.setattr(eval_qa, "run_case", fake_run)
    gold = [
        QAGold(id="a", question="q", notices=[], facts=[], kind="list", items=["甲项内容", "乙项内容", "丙项内容"]),
        QAGold(id="b", question="q", notices=[], facts=[], kind="list", items=["甲项内容", "乙项内容"]),
        # width and spaces do not matter: the cleaned text writes full-width punctuation
        QAGold(id="c", question="q", notices=[], facts=["11月20日前"]),
    ]
    m = evaluate_qa(SimpleNamespace(notice=lambda _: None), gold)  # type: ignore[arg-type]
    assert m.list_questions == 2
    assert m.list_complete == 0.5 and m.list_items == pytest.approx(4 / 5)
    assert m.list_max_chars == len(answers["a"]) and m.list_median_chars == (len(answers["a"]) + len(answers["b"])) / 2
    assert m.fact_coverage == 1.0 and m.fact_median_chars == len(answers["c"])
    assert {c.id for c in m.failures} == {"b"}
