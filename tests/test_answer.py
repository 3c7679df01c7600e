"""Answers: contract, verbatim citations, deadlines against an injected clock, side-by-side answers,
and plain abstention with contacts (fake embedder; the real model is measured by `shenbao eval qa`)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.answer import Answerer
from assistant.citations import citation_is_verbatim
from assistant.embeddings import FakeEmbedder
from assistant.errors import ShenbaoError
from assistant.services import Services
from assistant.settings import Settings


@pytest.fixture
def answerer(shared_index: Settings) -> Answerer:
    return Services(shared_index.model_copy(update={"today": date(2026, 11, 22)}), FakeEmbedder()).answerer


def _check_citations(answerer: Answerer, result) -> None:  # type: ignore[no-untyped-def]
    markers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", result.answer)})
    assert markers == [c.n for c in result.citations]
    for c in result.citations:
        assert citation_is_verbatim(answerer.notice(c.notice_id).text, c)
        assert c.quote in result.answer and c.section


def test_answer_quotes_the_clause_with_notice_and_doc_no(answerer: Answerer) -> None:
    result = answerer.ask("河南2020年的示范平台要运营满几年？")
    assert not result.abstained and result.route == "qa"
    assert result.notices == ["henan-2020"]
    lead, rest = result.answer.split("\n", 1)
    assert lead.startswith("年限：") and "满一年" in lead  # the direct answer first
    assert rest.startswith("根据《河南省工业和信息化厅办公室关于开展2020年") and "豫工信办产融〔2020〕202号" in rest
    assert "满一年" in result.answer
    _check_citations(answerer, result)


def test_deadline_note_follows_the_clock(shared_index: Settings) -> None:
    before = Services(shared_index.model_copy(update={"today": date(2020, 11, 1)}), FakeEmbedder()).answerer
    after = Services(shared_index.model_copy(update={"today": date(2020, 12, 1)}), FakeEmbedder()).answerer
    question = "河南2020年示范企业的申报条件有哪些？"
    early = before.ask(question)
    late = after.ask(question)
    assert any("距今还有24天" in n for n in early.deadline_notes)
    assert any("该通知规定的报送截止时间（2020年11月25日）已过" in n for n in late.deadline_notes)
    assert "已过" in late.answer and "已过" not in early.answer


def test_several_named_notices_are_answered_side_by_side(answerer: Answerer) -> None:
    result = answerer.ask("河南2020年和山西2021年的示范平台，分别要求运营满多久？")
    assert set(result.notices) == {"henan-2020", "shanxi-2021"}
    assert "不同" in result.answer and "满一年" in result.answer and "满两年" in result.answer
    assert {c.notice_id for c in result.citations} == {"henan-2020", "shanxi-2021"}
    _check_citations(answerer, result)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("上海的企业怎么申报服务型制造示范？", "上海"),
        ("2024年河南省的服务型制造示范申报几号截止？", "2024年"),
        ("工信部第六批服务型制造示范，一个省可以推几家企业？", "第六批"),
        ("山西的示范企业评上了能拿多少奖金？", "金额"),
        ("郑州明天气温多少度？", "没有涉及"),
        # a support instrument of another policy, its name split into words by the segmenter
        ("拿了示范称号以后，研发投入的加计扣除能多扣一些吗？", "加计扣除"),
        ("示范企业新招员工，吸纳就业的补助怎么领？", "吸纳就业"),
    ],
)
def test_out_of_scope_abstains_with_contacts(answerer: Answerer, question: str, reason: str) -> None:
    result = answerer.ask(question)
    assert result.abstained and result.citations == []
    assert reason in (result.reason or "")
    assert "抱歉" in result.answer and re.search(r"\d{3,4}-\d{7,8}|工业和信息化", result.answer)


def test_bad_questions(answerer: Answerer) -> None:
    with pytest.raises(ShenbaoError, match="为空"):
        answerer.ask("  ")
    with pytest.raises(ShenbaoError, match="太长"):
        answerer.ask("申报" * 1500)
