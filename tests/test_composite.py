"""Two questions about different notices in one message are answered part by part; a question about
the end of the submission window leads with the date to submit by. Questions written for the test
(fake embedder)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.answer.choice import COMPARE
from assistant.answer.composite import question_parts, separate_parts
from assistant.embeddings import FakeEmbedder
from assistant.services import Services
from assistant.settings import Settings


@pytest.fixture(scope="module")
def answerer(shared_index: Settings):  # type: ignore[no-untyped-def]
    return Services(shared_index.model_copy(update={"today": date(2026, 11, 22)}), FakeEmbedder()).answerer


def test_parts_split_only_when_they_name_different_notices() -> None:
    named = {"山西那边平台要运营几年？": frozenset({"shanxi-2021"}), "河南的材料最晚哪天交？": frozenset({"henan-2020"}),
             "河南要交几份材料？": frozenset({"henan-2020"})}
    assert question_parts("山西那边平台要运营几年？河南的材料最晚哪天交？") == ["山西那边平台要运营几年？", "河南的材料最晚哪天交？"]
    assert separate_parts("山西那边平台要运营几年？河南的材料最晚哪天交？", lambda p: (named.get(p, frozenset()), False), COMPARE)
    # one notice asked two things: one answer (its leads answer each fact)
    assert separate_parts("河南的材料最晚哪天交？河南要交几份材料？", lambda p: (named.get(p, frozenset()), False), COMPARE) is None
    # a comparison stays whole (the side-by-side answer serves it)
    assert separate_parts("山西那边平台要运营几年？河南的呢，两边一样吗？", lambda p: (named.get(p, frozenset()), False), COMPARE) is None


def test_two_notices_two_answers_with_renumbered_citations(answerer) -> None:  # type: ignore[no-untyped-def]
    result = answerer.ask("山西2021年的示范平台得投入运营多久？河南2020年的推荐材料最晚几号发出？")
    assert result.answer.startswith("（一）") and "\n\n（二）" in result.answer
    assert {"shanxi-2021", "henan-2020"} <= set(result.notices)
    assert [c.n for c in result.citations] == list(range(1, len(result.citations) + 1))
    used = {int(n) for n in re.findall(r"\[(\d+)\]", result.answer)}
    assert used and max(used) <= len(result.citations)
    second = result.answer.split("\n\n（二）", 1)[1]
    assert "11月25日" in second and "（二）河南2020年" in result.answer  # the second part answers its own notice
    assert not result.abstained


def test_end_of_window_question_leads_with_the_submit_by_date(answerer) -> None:  # type: ignore[no-untyped-def]
    result = answerer.ask("河南2020年那次遴选，材料最晚什么时候要报上去？")
    lead = result.answer.split("\n", 1)[0]
    assert "11月25日前" in lead and "2019年1月1日" not in lead


def test_a_part_that_refers_back_or_compares_stays_with_the_first() -> None:
    named = {"山西那边平台要运营几年？": frozenset({"shanxi-2021"}), "全国这些平台总数有多少？": frozenset({"miit-2023"}),
             "跟河南的要求比哪个高？": frozenset({"henan-2020"})}
    assert separate_parts("山西那边平台要运营几年？全国这些平台总数有多少？", lambda p: (named.get(p, frozenset()), False), COMPARE) is None
    assert separate_parts("山西那边平台要运营几年？跟河南的要求比哪个高？", lambda p: (named.get(p, frozenset()), False), COMPARE) is None


def test_a_part_naming_its_own_year_is_its_own_question() -> None:
    named = {"河南省级示范里有没有共享制造？": frozenset({"henan-basic-modes"}),
             "2020年那次的方向里有吗？": frozenset({"henan-2020"})}
    parts = separate_parts("河南省级示范里有没有共享制造？2020年那次的方向里有吗？",
                           lambda p: (named.get(p, frozenset()), p.startswith("2020")), COMPARE)
    assert parts == ["河南省级示范里有没有共享制造？", "2020年那次的方向里有吗？"]
    # "哪个大会" asks which conference; it compares nothing
    named2 = {"广东的通知哪天发布？": frozenset({"gd"}), "同一年发布指数的是哪个大会？": frozenset({"news"})}
    assert separate_parts("广东的通知哪天发布？同一年发布指数的是哪个大会？", lambda p: (named2.get(p, frozenset()), False),
                          COMPARE)


def test_a_part_referring_back_keeps_the_round_it_refers_to() -> None:
    from assistant.answer.composite import carry_round

    parts = ["第三批国家级示范名单什么时候公布的？", "江西这批有几家入选？"]
    assert carry_round(parts) == [parts[0], "第三批国家级：江西这批有几家入选？"]
    # a part naming its own round, or not referring back, is read as written
    assert carry_round(["第三批国家级名单哪天公布？", "江西第二批省级有几家？"])[1] == "江西第二批省级有几家？"
    assert carry_round(["2021年省级示范几号截止？", "山西要交几份？"])[1] == "山西要交几份？"
