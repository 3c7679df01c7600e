"""Conversations: follow-ups inherit scope; eligibility questions go to the rule engine (fake embedder)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.chat import Conversation, rewrite_follow_up
from assistant.chat.profile_extract import extract_facts
from assistant.embeddings import FakeEmbedder
from assistant.services import Services
from assistant.settings import Settings


@pytest.fixture
def conversation(shared_index: Settings) -> Conversation:
    services = Services(shared_index.model_copy(update={"today": date(2026, 11, 22)}), FakeEmbedder())
    return Conversation(services.answerer)


def test_rewrite_follow_up() -> None:
    assert rewrite_follow_up("那平台呢？", "河南2020年的示范企业得符合哪些条件？") == "河南2020年的示范平台得符合哪些条件？"
    assert rewrite_follow_up("山西2021年度示范项目主要面向什么方向？", "那平台呢？") == "山西2021年度示范项目主要面向什么方向？"
    assert rewrite_follow_up("那材料要几份？", "山西2021年示范企业怎么报？") == "山西2021年材料要几份？"
    assert rewrite_follow_up("那材料要几份？", "示范企业怎么报？") == "示范企业怎么报，材料要几份？"
    assert rewrite_follow_up("平台呢", None) == "平台呢"


def test_follow_up_inherits_scope(conversation: Conversation) -> None:
    first = conversation.send("河南2020年的示范企业得符合哪些条件？")
    assert first.notices == ["henan-2020"]
    second = conversation.send("那平台呢？")
    assert conversation.turns[-1].standalone == "河南2020年的示范平台得符合哪些条件？"
    assert second.notices == ["henan-2020"] and "平台" in second.answer


def test_eligibility_is_decided_by_the_rules(conversation: Conversation) -> None:
    result = conversation.send("我们2019年成立的河南制造企业，能报吗？")
    assert result.route == "eligibility" and result.notices == ["henan-2020"]
    assert "不符合申报条件" in result.answer and "规则引擎" in result.answer
    assert any("正常经营两年以上" in c.quote for c in result.citations)
    assert "2019年" in result.answer and "结论相同" in result.answer  # the year-only date was tried at both ends


def test_missing_facts_are_asked_then_used(conversation: Conversation) -> None:
    first = conversation.send("我们是2017年3月5日成立的河南制造企业，有自主品牌，做供应链协同管理，能报示范企业吗？")
    assert "信息不足" in first.answer and "还需要确认" in first.answer
    asked = conversation.pending_fields
    assert 1 <= len(asked) <= 2
    second = conversation.send("有独立法人资格，没有发生过事故，经营良好，没有违法行为")
    assert second.route == "eligibility"
    assert "符合申报条件" in second.answer and "不符合" not in second.answer.split("\n")[1]


def test_ambiguous_year_asks_for_the_exact_date(conversation: Conversation) -> None:
    # Founded "in 2018": on 2018-01-01 two years are complete by 2020-11-25, on 2018-12-31 they are not.
    result = conversation.send("我们2018年成立的河南制造企业，能报示范企业吗？")
    assert result.route == "eligibility"
    assert "请提供具体日期" in result.answer
    assert "established_on" in conversation.pending_fields


def test_question_with_cue_but_no_facts_is_answered_from_the_notice(conversation: Conversation) -> None:
    result = conversation.send("河南2020年的示范平台，我们是第三方公司，有资格吗？")
    assert result.route == "qa"


def test_profile_extraction() -> None:
    facts = extract_facts("我们是2019年3月成立的郑州制造企业，服务收入占35%，没有自主品牌，没出过事故")
    assert facts.values["registered_province"] == "河南省" and facts.values["registered_city"] == "郑州市"
    assert facts.ranges["established_on"] == (date(2019, 3, 1), date(2019, 3, 31))
    assert facts.values["service_revenue"] == 35.0 and facts.values["revenue_total"] == 100.0
    assert facts.values["has_own_brand"] is False and facts.values["major_incidents"] == []
    assert facts.values["applicant_type"] == "enterprise" and facts.values["is_manufacturer"] is True
    platform = extract_facts("我们的平台2019年11月1日上线，想报示范平台")
    assert platform.values["platform_launched_on"] == date(2019, 11, 1)
    assert platform.values["applicant_type"] == "platform"


def test_failed_hard_rule_decides_and_stops_asking(conversation: Conversation) -> None:
    result = conversation.send("我们公司2019年9月才在新乡注册，做制造的，够格报河南的示范企业吗？")
    assert result.route == "eligibility" and "不符合申报条件" in result.answer
    assert "2021年9月" in result.answer  # when the date rule would be met
    assert "还需要确认" not in result.answer and conversation.pending_fields == []
    assert "？ " not in result.answer  # no undecided conditions listed under a decided verdict


def test_region_follow_up_checks_the_same_facts_elsewhere(conversation: Conversation) -> None:
    conversation.send("我们是2019年9月在新乡注册的制造企业，能报河南的服务型制造示范企业吗？")
    result = conversation.send("换成山西呢？")
    assert result.route == "eligibility" and result.notices == ["shanxi-2021"]
    assert "山西省境内注册" in result.answer and "不符合申报条件" in result.answer
    assert conversation.facts.values["registered_province"] == "河南省"  # the applicant has not moved


def test_category_follow_up_keeps_the_facts(conversation: Conversation) -> None:
    conversation.send("我们是2019年9月在新乡注册的制造企业，能报河南的服务型制造示范企业吗？")
    result = conversation.send("那报平台呢？")
    assert result.route == "eligibility" and result.notices == ["henan-2020"]
    assert conversation.facts.values["applicant_type"] == "platform"


def test_other_follow_up_after_a_check_is_a_question(conversation: Conversation) -> None:
    conversation.send("我们是2019年9月在新乡注册的制造企业，能报河南的服务型制造示范企业吗？")
    assert conversation.send("那截止时间呢？").route == "qa"


def test_a_city_is_recorded_by_its_full_name() -> None:
    facts = extract_facts("我们是恩施的一家装备企业")
    assert facts.values["registered_city"] == "恩施土家族苗族自治州"
    assert facts.values["registered_province"] == "湖北省"
