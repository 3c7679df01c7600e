"""A question naming two rounds of one programme, by year or by batch, is answered by each round's
notice side by side; a question about an announced list is answered by the list announcements. The
notices and questions are written for the test in the style of real ones (fake embedder)."""

from __future__ import annotations

import pytest
from test_many_notices import _answerer_over

from assistant.answer import Answerer
from assistant.chat import Conversation
from assistant.vocabulary import BOTH_SIDES, LIST_REFERENCE

ROUND_2022 = """湖南省工业和信息化厅关于开展2022年湖南省服务型制造示范遴选工作的通知

各市州工业和信息化局：
现将2022年省级服务型制造示范遴选有关事项通知如下。
一、申报条件
申报单位成立时间应在三年以上，且服务收入占比达到20%以上。
申报材料中的示范平台须于2021年6月1日以前正式上线运营。
二、申报要求
请于2022年7月15日前将申报材料（一式两份）报送省工信厅。

湖南省工业和信息化厅
2022年6月1日
"""

ROUND_2023 = """湖南省工业和信息化厅关于开展2023年湖南省服务型制造示范遴选工作的通知

各市州工业和信息化局：
现将2023年省级服务型制造示范遴选有关事项通知如下。
一、申报条件
申报企业须正常经营两年以上，服务收入占营业收入比重达到15%以上。
二、申报要求
请于2023年8月10日前将申报材料（一式三份）报送省工信厅。

湖南省工业和信息化厅
2023年7月3日
"""

CALL_7 = """工业和信息化部办公厅关于开展第七批服务型制造示范遴选工作的通知

工信厅政法函〔2025〕21号

各省、自治区、直辖市工业和信息化主管部门：
现组织开展第七批服务型制造示范遴选，各省级主管部门可推荐示范企业不超过6个。
请于2025年5月30日前报送。

工业和信息化部办公厅
2025年3月10日
"""

LIST_6 = """工业和信息化部办公厅关于公布第六批服务型制造示范名单的通知

工信厅政法函〔2024〕301号

各省、自治区、直辖市工业和信息化主管部门：
经申报推荐、专家评审和网上公示，确定了第六批服务型制造示范名单，现予以公布。

工业和信息化部办公厅
2024年12月20日
"""

LIST_7 = """工业和信息化部办公厅关于公布第七批服务型制造示范名单的通知

工信厅政法函〔2025〕288号

各省、自治区、直辖市工业和信息化主管部门：
经申报推荐、专家评审和网上公示，确定了第七批服务型制造示范名单，现予以公布。

工业和信息化部办公厅
2025年11月26日
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return _answerer_over(tmp_path_factory.mktemp("rounds"), {
        "hunan-2022": ROUND_2022, "hunan-2023": ROUND_2023, "miit-call-7": CALL_7,
        "miit-list-6": LIST_6, "miit-list-7": LIST_7})


@pytest.mark.parametrize("question", [
    "湖南22年和23年这两轮省级示范，企业要经营满几年？",  # no 分别: the two years name two rounds
    "湖南省2022年和2023年的服务型制造示范，对经营年限各有什么要求？",
])
def test_two_rounds_named_by_year_answer_side_by_side(answerer: Answerer, question: str) -> None:
    result = answerer.ask(question)
    assert set(result.notices) == {"hunan-2022", "hunan-2023"}
    assert "三年以上" in result.answer and "两年以上" in result.answer


def test_one_round_named_answers_alone(answerer: Answerer) -> None:
    result = answerer.ask("湖南2023年省级服务型制造示范，企业要经营满几年？")
    assert result.notices == ["hunan-2023"]
    assert "两年以上" in result.answer


def test_two_announced_lists_give_their_own_dates(answerer: Answerer) -> None:
    result = answerer.ask("工信部第六批、第七批示范名单是哪天发布的？")
    assert set(result.notices) == {"miit-list-6", "miit-list-7"}  # not the call for the seventh batch
    assert "2024年12月20日" in result.answer and "2025年11月26日" in result.answer
    assert "2025年3月10日" not in result.answer


def test_the_call_answers_when_no_list_is_asked_about(answerer: Answerer) -> None:
    result = answerer.ask("工信部第七批示范遴选，每个省最多推荐几个示范企业？")
    assert "miit-call-7" in result.notices and "不超过6个" in result.answer


@pytest.mark.parametrize(("question", "about_a_list"), [
    ("第五批示范名单是什么时候公布的", True),
    ("入选国家级示范名单的企业有奖励吗", True),
    ("名单里有没有我们市的企业", True),
    ("推荐名单要盖什么章", False),
    ("申报汇总表和推荐函什么时候报", False),
])
def test_questions_about_an_announced_list(question: str, about_a_list: bool) -> None:
    assert bool(LIST_REFERENCE.search(question)) is about_a_list


def test_each_round_answers_as_if_asked_alone_with_its_own_lead(answerer: Answerer) -> None:
    result = answerer.ask("湖南2022年和2023年省级示范，申报材料报送截止日分别是哪天？")
    assert set(result.notices) == {"hunan-2022", "hunan-2023"}
    first, second = result.answer.split("（二）")
    assert "（一）" in first
    leads = [line for line in result.answer.splitlines() if line.startswith("时间：")]
    # each notice's date to hand in by leads its part; a date a condition counts to never does
    assert len(leads) == 2 and all("前将申报材料" in line for line in leads)
    assert not any("2021年6月1日以前" in line for line in leads)
    assert "2022年7月15日" in first + second and "2023年8月10日" in first + second


def test_a_date_a_condition_counts_to_never_leads_a_deadline_answer(answerer: Answerer) -> None:
    result = answerer.ask("湖南2022年省级示范的申报材料最晚哪天前报？")
    lead = result.answer.splitlines()[0]
    assert lead.startswith("时间：") and "2022年7月15日前" in lead


def test_a_follow_up_setting_another_round_beside_the_first_answers_both(answerer: Answerer) -> None:
    chat = Conversation(answerer)
    chat.send("湖南2022年省级示范，申报单位成立要满几年？")
    result = chat.send("湖南2023年那批呢？两边要求一样吗？")
    assert set(result.notices) == {"hunan-2022", "hunan-2023"}
    assert "三年以上" in result.answer and "两年以上" in result.answer


@pytest.mark.parametrize(("message", "both"), [
    ("山西那批呢？两边要求一样不？", True),
    ("换成工信部的呢？和河南的比哪个长？", True),
    ("那广东的呢？有什么区别？", True),
    ("那山西的呢？", False),
    ("那材料要交几份？", False),
])
def test_follow_ups_that_set_two_sides_beside_each_other(message: str, both: bool) -> None:
    assert bool(BOTH_SIDES.search(message)) is both


def test_each_side_answers_though_the_question_names_the_other_side_s_year(answerer: Answerer) -> None:
    # 2022 names Hunan's round, not the ministry's: the ministry's side is not out of scope for it
    result = answerer.ask("湖南2022年那次和工信部第七批，申报材料分别要在哪天前报送？")
    assert {"hunan-2022", "miit-call-7"} <= set(result.notices)
    assert "2022年7月15日" in result.answer and "2025年5月30日" in result.answer
    assert "（一）" in result.answer and "（二）" in result.answer


@pytest.mark.parametrize(("question", "label"), [
    ("湖南2023年省级服务型制造示范遴选的评审结果一般什么时候公布？", "评审结果的公布时间"),
    ("湖南2023年省级服务型制造示范企业的称号有效期是几年？", "称号的有效期"),
])
def test_an_aspect_the_notice_does_not_regulate_is_said_to_be_missing(answerer: Answerer, question: str, label: str) -> None:
    result = answerer.ask(question)
    assert result.abstained and "没有写明" in result.answer and label in result.answer


def test_an_aspect_the_notice_regulates_is_answered(tmp_path_factory: pytest.TempPathFactory) -> None:
    stated = ROUND_2023.replace("二、申报要求", "认定的示范企业称号有效期为三年，期满后重新认定。\n二、申报要求")
    answerer = _answerer_over(tmp_path_factory.mktemp("aspect"), {"hunan-2023": stated})
    result = answerer.ask("湖南2023年省级服务型制造示范企业的称号有效期是几年？")
    assert not result.abstained and "有效期为三年" in result.answer


MODES = """湖南省服务型制造示范遴选基本模式

一、定制化服务
二、供应链管理
三、共享制造
"""


def test_a_round_year_named_with_an_undated_document_s_title_words_brings_both(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    call = ROUND_2022.replace("一、申报条件\n", "一、申报条件\n示范企业应聚焦定制化服务、供应链管理等服务型制造模式。\n")
    answerer = _answerer_over(tmp_path_factory.mktemp("modes"), {"hunan-2022": call, "hunan-modes": MODES})
    result = answerer.ask("湖南2022年那次省级示范，示范企业申报有哪几种基本模式？")
    assert set(result.notices) == {"hunan-2022", "hunan-modes"}
    alone = answerer.ask("湖南那份基本模式文件里有哪几种模式？")  # no round year named: the document alone
    assert alone.notices == ["hunan-modes"]
