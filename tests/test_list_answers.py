"""List answers walk the clause tree: the governing clause whole, every item in the notice's order,
each cited; the right category; a direct lead for single facts. Questions are paraphrases written
for this test (not gold questions); fake embedder, so BM25 carries retrieval."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.answer import Answerer
from assistant.citations import citation_is_verbatim
from assistant.embeddings import FakeEmbedder
from assistant.services import Services
from assistant.settings import Settings

MAX_ANSWER = 1500


@pytest.fixture(scope="module")
def answerer(shared_index: Settings) -> Answerer:
    return Services(shared_index.model_copy(update={"today": date(2026, 11, 22)}), FakeEmbedder()).answerer


def _lines_in_order(answer: str, fragments: list[str]) -> None:
    positions = [answer.find(f) for f in fragments]
    assert all(p >= 0 for p in positions), [f for f, p in zip(fragments, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def _verified(answerer: Answerer, result) -> None:  # type: ignore[no-untyped-def]
    assert result.citations and len(result.answer) <= MAX_ANSWER
    for c in result.citations:
        assert citation_is_verbatim(answerer.notice(c.notice_id).text, c)
    assert sorted({int(n) for n in re.findall(r"\[(\d+)\]", result.answer)}) == [c.n for c in result.citations]


def test_revocation_brings_the_lead_in_and_every_case(answerer: Answerer) -> None:
    result = answerer.ask("包头评上的示范企业，称号在哪些情形下会被撤销？")
    assert not result.abstained and result.notices == ["baotou"]
    _lines_in_order(result.answer, ["有下列情况之一的", "（一）", "（二）", "（三）", "（四）", "（五）"])
    _verified(answerer, result)


def test_enterprise_conditions_are_common_plus_enterprise_never_platform(answerer: Answerer) -> None:
    result = answerer.ask("在河南申请2020年省级示范企业，企业本身要具备哪些条件？")
    assert result.notices == ["henan-2020"]
    _lines_in_order(result.answer, ["共性条件", "河南省内注册", "2019年1月1日以后", "示范企业专项条件", "正常经营两年以上"])
    assert "示范平台专项条件" not in result.answer and "运营时间须满一年" not in result.answer
    _verified(answerer, result)


def test_platform_conditions_leave_out_the_enterprise_branch(answerer: Answerer) -> None:
    result = answerer.ask("河南2020年想报示范平台，平台得满足哪些条件？")
    _lines_in_order(result.answer, ["共性条件", "示范平台专项条件", "运营时间须满一年"])
    assert "示范企业专项条件" not in result.answer
    _verified(answerer, result)


def test_several_categories_without_one_asked_are_listed_briefly(answerer: Answerer) -> None:
    result = answerer.ask("山西2021年度的申报条件都有哪些？")
    assert "按申报类别分别规定" in result.answer
    _lines_in_order(result.answer, ["共性条件", "示范企业", "示范项目", "示范平台"])
    _verified(answerer, result)


def test_single_fact_starts_with_the_fact(answerer: Answerer) -> None:
    result = answerer.ask("山西那次省级培育的材料最晚哪天要交上去？")
    first = result.answer.split("\n", 1)[0]
    assert first.startswith("时间：") and re.search(r"11\s*月\s*20\s*日", first)
    assert "[1]" in first and result.citations[0].quote in first
    _verified(answerer, result)
