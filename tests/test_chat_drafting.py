"""Drafting requests in a conversation: the notice's outline (verbatim, cited), the category asked for
when the notice has several, and a plain refusal when the outline is not in the corpus."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer import Answerer
from assistant.chat import Conversation
from assistant.chat.drafting_route import is_drafting_request
from assistant.citations import citation_is_verbatim
from assistant.embeddings import FakeEmbedder
from assistant.services import Services
from assistant.settings import Settings


@pytest.fixture
def answerer(shared_index: Settings) -> Answerer:
    return Services(shared_index.model_copy(update={"today": date(2026, 11, 22)}), FakeEmbedder()).answerer


@pytest.mark.parametrize("text", ["帮我写河南2020年示范企业的申报书正文", "申报书怎么写？", "山西的参考提纲是什么", "起草一份申报材料"])
def test_drafting_cues(text: str) -> None:
    assert is_drafting_request(text)


@pytest.mark.parametrize("text", ["山西的申报书正文用什么字体？", "申报书要交几份？", "河南2020年的示范平台要运营满几年？"])
def test_questions_about_the_form_are_not_drafting(text: str) -> None:
    assert not is_drafting_request(text)


def test_outline_is_verbatim_and_cited(answerer: Answerer) -> None:
    result = Conversation(answerer).send("帮我写河南2020年示范平台的申报书正文")
    assert result.route == "drafting" and result.notices == ["henan-2020"] and not result.abstained
    assert result.citations and all(citation_is_verbatim(answerer.notice("henan-2020").text, c) for c in result.citations)
    text = answerer.notice("henan-2020").text
    lines = [line.strip() for line in result.answer.splitlines()[1:-1]]
    # a heading alone, or a heading with its guidance: the line as the notice writes it, cited
    guided = [line for line in lines if line.endswith("]")]
    assert guided and any("平台的成立" in line or "介绍平台" in line for line in guided)
    for line in lines:
        if line not in guided:
            assert line in text
            continue
        body, n = line.rsplit("[", 1)
        quote = next(c for c in result.citations if c.n == int(n.rstrip("]"))).quote
        assert body == quote or body.endswith("：" + quote.replace("\n", "；"))  # (a list of attachments)
        assert body.split("：")[0] in text
    # guidance in brackets after its heading keeps its brackets: "（三）平台核心服务能力（通过…）"
    core = next(line for line in guided if "平台核心服务能力" in line)
    assert core.rsplit("[", 1)[0] in text


def test_a_named_part_of_the_outline_is_given_with_its_sub_items(answerer: Answerer) -> None:
    result = Conversation(answerer).send("河南2020年示范企业的申报书正文提纲里，企业概况这一部分写哪些？")
    assert result.route == "drafting"
    body = result.answer.splitlines()[1:-1]
    assert body[0].startswith("一、企业概况") and any("产品情况" in line for line in body)
    assert not any("下一步设想" in line for line in body)


def test_category_is_asked_then_taken_from_the_reply(answerer: Answerer) -> None:
    conversation = Conversation(answerer)
    asked = conversation.send("山西2021年省级示范的申报书怎么写？")
    assert asked.route == "drafting" and "哪一类" in asked.answer and not asked.citations
    restored = Conversation.from_state(answerer, conversation.state())  # as the API does between messages
    outline = restored.send("示范平台")
    assert outline.route == "drafting" and "一、平台概述" in outline.answer
    assert restored.send("示范企业").route == "qa"  # the pending question was answered: back to Q&A


def test_notice_without_outline_says_so(answerer: Answerer) -> None:
    result = Conversation(answerer).send("包头市级示范企业的申报书怎么写？")
    assert result.route == "drafting" and result.abstained and "不在语料中" in result.answer
