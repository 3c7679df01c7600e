"""Answers when many notices of nearby places and levels are indexed together (fake embedder): a
county-level city's own report before its city's and province's notices, a province forwarding a
ministry 文号 named with the province, follow-ups that keep the thread's notice, two-digit years.
The notices and questions are written for the test in the style of real ones."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from assistant.answer import Answerer
from assistant.answer.lead import fact_segment
from assistant.answer_types import ANSWER_TYPES, expected_types
from assistant.chat import Conversation
from assistant.embeddings import FakeEmbedder
from assistant.ingest import ingest
from assistant.regions import find_divisions
from assistant.round_info import reported_issuer
from assistant.scope import title_runs
from assistant.services import Services
from assistant.settings import Settings
from assistant.vocabulary import full_years

PROVINCE = """浙江省经济和信息化厅关于组织开展2023年浙江省服务型制造示范遴选工作的通知

各市经信局：
为加快发展服务型制造，现将2023年省级服务型制造示范遴选工作有关事项通知如下。
一、申报条件
申报主体应在浙江省行政区域内注册，具有独立法人资格，运营和财务状况良好。
二、申报要求
请各市经信局于2023年6月30日前将推荐函和申报书（一式两份）报送省经信厅生产服务业处。
到2025年底，全省累计培育省级服务型制造示范企业200家以上。

浙江省经济和信息化厅
2023年5月20日
"""

CITY = """温州市经济和信息化局关于转发省经信厅服务型制造示范遴选通知的通知

各县（市、区）经信局：
现将省经信厅通知转发给你们，请于2023年6月15日前将申报材料报送市经信局。

温州市经济和信息化局
2023年5月25日
"""

COUNTY_NEWS = """瑞安市符合条件企业可申报省级服务型制造示范

2023-05-28 来源：瑞安日报
记者从瑞安市经济和信息化局获悉，省经信厅日前启动2023年省级服务型制造示范遴选工作。
我市符合条件的企业请于6月10日前将申报材料（一式3份）报送至瑞安市经济和信息化局产业科。
示范平台培育对象每年开展线上线下服务活动不少于6场。
"""

MINISTRY = """工业和信息化部办公厅关于开展2024年服务型制造示范遴选工作的通知

工信厅政法函〔2024〕15号

各省、自治区、直辖市及计划单列市工业和信息化主管部门：
现将2024年服务型制造示范遴选有关事项通知如下。
各省级主管部门可推荐示范企业不超过8个。

工业和信息化部办公厅
2024年3月1日
"""

FORWARD = """江西省工业和信息化厅关于转发《工业和信息化部办公厅关于开展2024年服务型制造示范遴选工作的通知》的通知

各设区市工业和信息化局：
现将《工业和信息化部办公厅关于开展2024年服务型制造示范遴选工作的通知》（工信厅政法函〔2024〕15号）转发给你们。
各设区市推荐企业、项目、平台总数原则上不超过12个，请于2024年4月10日前报送省工信厅。

江西省工业和信息化厅
2024年3月8日
"""


MEASURE = """浙江省经济和信息化厅关于培育共享制造新模式新业态的实施意见

各市经信局：
为加快培育共享制造新模式新业态，提出如下实施意见。
一、主要目标
到2025年，形成8家共享制造特色鲜明的工业互联网平台，争创国家级共享制造示范平台。

浙江省经济和信息化厅
2021年9月1日
"""


def _answerer_over(root: Path, notices: dict[str, str]) -> Answerer:
    for name, text in notices.items():
        (root / "corpus" / name).mkdir(parents=True)
        (root / "corpus" / name / "notice.txt").write_text(text, encoding="utf-8")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", embedder="fake", chroma_url=None,
                        today=date(2026, 11, 22))
    ingest([root / "corpus"], settings, FakeEmbedder())
    return Services(settings, FakeEmbedder()).answerer


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return _answerer_over(tmp_path_factory.mktemp("many"), {
        "zhejiang-2023": PROVINCE, "wenzhou-2023": CITY, "ruian-2023-news": COUNTY_NEWS,
        "miit-2024": MINISTRY, "jiangxi-2024": FORWARD, "zhejiang-gongxiang": MEASURE})


def test_a_county_level_city_gets_its_own_report_not_its_city_s_notice(answerer: Answerer) -> None:
    result = answerer.ask("我们是瑞安的企业，报省级示范的材料要准备几份？交到哪里？")
    assert result.notices == ["ruian-2023-news"]
    assert "一式3份" in result.answer and "瑞安市经济和信息化局" in result.answer


def test_a_ministry_number_named_with_a_province_finds_the_province_s_forwarding_notice(answerer: Answerer) -> None:
    result = answerer.ask("江西转发的工信部15号文，每个设区市一共能推荐多少个？")
    assert "jiangxi-2024" in result.notices
    assert "不超过12个" in result.answer
    # without a province the number names the ministry's notice alone
    assert answerer.retriever.scope("15号文要求省里最多推荐几个示范企业？").notice_ids == ["miit-2024"]


def test_a_follow_up_naming_only_a_level_stays_with_the_thread_s_notice(answerer: Answerer) -> None:
    conversation = Conversation(answerer)
    first = conversation.send("浙江2023年省级服务型制造示范，各市最晚什么时候报？")
    assert first.notices == ["zhejiang-2023"]
    second = conversation.send("那申报书要交几份？送到省经信厅哪个处？")
    assert second.notices == ["zhejiang-2023"]
    assert "一式两份" in second.answer and "生产服务业处" in second.answer


def test_a_target_year_is_not_carried_into_a_follow_up_as_the_round(answerer: Answerer) -> None:
    conversation = Conversation(answerer)
    conversation.send("浙江计划到2025年底培育多少家省级示范企业？")
    conversation.send("那申报材料报给谁？")
    standalone = conversation.turns[-1].standalone
    assert "浙江" in standalone and "2025" not in standalone


def test_a_county_level_city_follow_up_keeps_the_county() -> None:
    from assistant.chat.conversation import _scope_prefix

    assert _scope_prefix("瑞安2023年的示范平台培育对象有什么要求？").startswith("瑞安2023年")


def test_two_digit_years_name_a_round_but_durations_do_not() -> None:
    assert full_years("浙江23年那次示范") == "浙江2023年那次示范"
    assert full_years("24年的遴选") == "2024年的遴选"
    for duration in ("经营15年以上", "成立20年的企业", "满2年", "第18年", "近3年"):
        assert full_years(duration) == duration


def test_a_short_year_scopes_the_question(answerer: Answerer) -> None:
    assert answerer.retriever.scope("江西24年那次示范推荐截止到哪天？").notice_ids == ["jiangxi-2024"]


def test_a_county_name_that_is_an_everyday_word_needs_its_province_or_city() -> None:
    names = lambda text: [d.name for d in find_divisions(text)]  # noqa: E731
    assert names("推动资源数字化水平显著提升，加强公安、通道建设") == []
    assert "资源县" in names("广西桂林市资源县的企业")
    assert names("湖北仙桃的企业") == ["湖北省", "仙桃市"]
    assert names("石狮的企业") == ["石狮市"]  # a place name, not an everyday word


def test_a_report_on_what_a_ministry_or_its_office_says_is_national() -> None:
    several = "新华社北京5月2日电 工业和信息化部、商务部等五部门近日印发《关于促进服务型制造的意见》。"
    assert reported_issuer(several) == "工业和信息化部"
    official = "“目前仍面临不少问题。”工信部产业政策司相关负责人表示，下一步将加强引导。"
    assert reported_issuer(official) == "工信部"


def test_a_kind_of_document_alone_is_no_title_word() -> None:
    runs = title_runs((("a", "甲市人民政府关于发展服务型制造专项行动计划的实施意见"),
                       ("b", "乙省关于组织开展示范遴选工作的通知")))
    assert "实施意见" not in runs["a"] and any("专项行动计划" in run for run in runs["a"])


def test_the_lead_quotes_the_occurrence_the_question_is_about_and_never_cuts_a_date() -> None:
    pattern = ANSWER_TYPES["doc_no"][1]
    text = ("根据《某省人民政府关于印发某省“十四五”制造业高质量发展专项规划的通知》（某政〔2021〕12号）和省工信厅等"
            "十五部门《关于进一步促进服务型制造发展的实施意见》（某工信法规〔2021〕46号）有关要求，现就开展遴选通知如下")
    start, end = fact_segment(text, pattern, "按省工信厅等十五部门哪份实施意见开展的？文号多少？")  # type: ignore[misc]
    assert "〔2021〕46号" in text[start:end] and "〔2021〕12号" not in text[start:end]
    assert text[start] == "《"  # not cut inside the title
    copies = ANSWER_TYPES["copies"][1]
    long = "各地市工业和信息化局于2024年4月20日前将推荐函、申报汇总表及相关申报书（一式一份）报送省工业和信息化厅（生产服务业处）"
    start, end = fact_segment(long, copies)  # type: ignore[misc]
    assert not re.match(r"\d", long[start]) or long[start - 1] in "于，" or start == 0
    assert "20日前" not in long[start : start + 4] and "一式一份" in long[start:end]


def test_a_period_is_its_own_kind_of_fact() -> None:
    assert expected_types("名单的公示期是哪几天？") == ["period"]
    assert "period" not in expected_types("什么时候截止？")
    assert ANSWER_TYPES["period"][1].search("公示期为2023年12月22日至28日")


def test_a_department_of_any_level_is_not_the_ministry(answerer: Answerer) -> None:
    scope = answerer.retriever.scope("各地工信部门报送推荐材料要附哪些东西？")
    assert "national" not in scope.levels
    assert "national" in answerer.retriever.scope("工信部的示范推荐材料要附哪些东西？").levels


def test_another_programme_asked_about_as_what_a_named_document_says(answerer: Answerer) -> None:
    result = answerer.ask("浙江培育共享制造的实施意见，到2025年要形成几家工业互联网平台？")
    assert not result.abstained and result.notices == ["zhejiang-gongxiang"] and "8家" in result.answer
    refused = answerer.ask("浙江的工业互联网平台怎么申报？")
    assert refused.abstained and "工业互联网平台" in refused.answer


def test_question_cues_of_kinds_periods_and_who() -> None:
    assert "kinds" in expected_types("除了企业和平台，还有哪一类？")
    assert "deadline" not in expected_types("除了企业和平台还能报什么？")
    assert "deadline" in expected_types("现在还能报吗？")
    assert ANSWER_TYPES["responsible"][1].search("其创建主体为县（市、区）和省级以上开发区")


def test_question_cues_of_offices_organisations_phones_and_sites() -> None:
    assert "office" in expected_types("材料交到市工信局哪个处？")
    assert ANSWER_TYPES["office"][1].search("于5月15日前将申报材料报送至市工信局产业政策处")
    assert "organization" in expected_types("厦门哪家企业被评为示范企业？")
    assert "organization" not in expected_types("哪些企业可以申报？")
    assert ANSWER_TYPES["contact"][1].search("电话:84664354 84664878")
    assert "website" not in expected_types("有个咨询网站写的第四批申报主体从哪天起不能出事故？")
    assert "website" in expected_types("在哪个网站填报？")


def test_a_follow_up_without_a_cue_word_stays_with_the_thread(answerer: Answerer) -> None:
    conversation = Conversation(answerer)
    first = conversation.send("江西2024年服务型制造示范推荐，省里要求各设区市推荐总数是多少？")
    assert first.notices == ["jiangxi-2024"]
    second = conversation.send("材料哪天之前交？送到省工信厅？")  # names a level only: the same notice
    assert second.notices == ["jiangxi-2024"] and "2024年4月10日" in second.answer


def test_a_department_word_is_not_carried_into_a_follow_up_as_the_ministry() -> None:
    from assistant.chat.conversation import _scope_prefix

    assert "工信部" not in _scope_prefix("温州2023年区县工信部门最晚什么时候报到市里？")

