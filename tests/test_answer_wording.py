"""How questions worded the way callers word them reach the right sentences: the colloquial lexicon,
answer types (who, which kinds, issue date, website, validity), lists continued across chunks,
comparison questions, and the dense off-topic floor (fake embedder; `shenbao eval qa` measures the
real model)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer import Answerer
from assistant.answer.sentences import SentenceScorer
from assistant.answer_types import expected_types, has_answer
from assistant.embeddings import FakeEmbedder
from assistant.eval_qa import _contains
from assistant.services import Services
from assistant.settings import Settings
from assistant.synonyms import equivalents, lexicon


@pytest.fixture
def answerer(shared_index: Settings) -> Answerer:
    return Services(shared_index.model_copy(update={"today": date(2026, 11, 22)}), FakeEmbedder()).answerer


def test_lexicon_maps_colloquial_words_to_notice_wording() -> None:
    table = lexicon()
    assert all(values and key not in values for key, values in table.items())  # no empty or identity entries
    assert "称号" in equivalents("牌子") and "撤销" in equivalents("摘掉")
    assert "称号" in equivalents("这个牌子")  # found inside a longer token
    assert equivalents("天气") == ()


def test_colloquial_term_counts_as_covered() -> None:
    scorer = SentenceScorer([])
    clause = "有下列情况之一的，撤销其包头市级服务型制造示范企业称号："
    assert scorer.coverage("示范称号哪些情况会被摘牌？", clause) > 0.9
    assert scorer.coverage("示范称号哪些情况会被摘牌？", "企业应于30个工作日内备案。") < 0.1


def test_segmenter_split_phrase_is_one_term() -> None:
    scorer = SentenceScorer([])
    assert "一起报" in scorer.key_terms("企业和平台能不能两个一起报？")


@pytest.mark.parametrize(
    ("question", "kind", "clause", "other"),
    [
        ("这个通知是哪天印发的？", "issued", "2020年10月29日", "于11月25日前报送。"),
        ("示范平台分成哪两种类型？", "kinds", "分为面向行业的专业服务平台和面向区域的综合服务平台两类。", "平台应运营满两年。"),
        ("最后由谁负责认定？", "responsible", "第四条包头市工业和信息化局负责示范企业的认定和管理工作。", "企业应健全管理体系。"),
        ("要在哪个网站填报？", "website", "申报网站网址：https://selection.csoma.org.cn", "请在“服务型制造公共服务平台”网站（网址附后）填报。"),
        ("这个办法有截止日期吗？", "deadline", "第十六条本办法自发布之日起实施，试行两年。", "第十条以文件形式公布。"),
    ],
)
def test_answer_types(question: str, kind: str, clause: str, other: str) -> None:
    assert kind in expected_types(question)
    assert has_answer(clause, [kind]) and not has_answer(other, [kind])


def test_quota_cue_is_not_a_month_count() -> None:
    assert "quota" in expected_types("每个市最多推荐几个？")
    assert "quota" not in expected_types("社保断缴了几个月怎么办？")


def test_list_lead_in_brings_its_items_from_the_following_chunks(answerer: Answerer) -> None:
    result = answerer.ask("包头市级服务型制造示范企业主要面向哪些重点领域？")
    assert not result.abstained
    text = result.answer
    items = ["（一）总集成总承包", "（二）定制化服务", "（三）产品全生命周期管理", "（四）供应链优化管理", "（五）信息增值服务"]
    assert "重点领域包括：" in text and all(i in text for i in items)
    positions = [text.index(i) for i in items]
    assert positions == sorted(positions) and text.index("重点领域包括：") < positions[0]
    assert "第六条" not in text  # the list ends where the next article starts


def test_comparison_question_answers_every_named_notice(answerer: Answerer) -> None:
    result = answerer.ask("河南的服务型制造示范有几种基本模式？两份文件列的一样吗？")
    assert not result.abstained
    assert {"henan-2020", "henan-basic-modes"} <= {c.notice_id for c in result.citations}


def test_off_topic_floor_refuses_weakly_covered_questions(shared_index: Settings) -> None:
    question = "员工的社保断了两个月，应该去哪里补缴？"
    settings = shared_index.model_copy(update={"today": date(2026, 11, 22)})
    strict = Services(settings.model_copy(update={"off_topic_similarity": 1.01}), FakeEmbedder()).answerer
    assert strict.ask(question).abstained
    # the floor only refuses what the clauses barely cover: a well covered question still gets its answer
    assert not strict.ask("河南2020年的示范平台要运营满几年？").abstained
    assert Services(settings, FakeEmbedder()).answerer.off_topic_similarity is None  # no calibrated value for fake


def test_eval_fact_match_ignores_whitespace() -> None:
    assert _contains("截止时间为2021年11月20日。", "2021 年 11 月 20 日")
    assert not _contains("截止时间为2021年11月21日。", "2021 年 11 月 20 日")


def test_other_programmes_are_out_of_scope(answerer: Answerer) -> None:
    result = answerer.ask("申请绿色工厂认定需要满足什么指标？")
    assert result.abstained and "不涉及绿色工厂" in result.answer
    # naming a notice of the corpus keeps the question in scope even when it mentions another programme
    assert not answerer.ask("山西2021年省级示范企业申报要附高新技术企业证书吗？").abstained
    # a region next to another programme does not make the question ours when 示范 is not asked about
    refused = answerer.ask("河南省的绿色工厂评价要准备哪些东西？")
    assert refused.abstained and "不涉及绿色工厂" in refused.answer
    # a programme the notices themselves name as a condition is answered from them
    kept = answerer.ask("想报第五批工业设计特色类示范城市，对工业设计中心有要求吗？")
    assert not kept.abstained and "miit-2023" in kept.notices


def test_batches_covered_by_a_range(answerer: Answerer) -> None:
    from assistant.answer.abstention import _covers_batch

    text = "我部将对前四批示范企业、示范平台和示范城市开展评估评价工作。"
    assert _covers_batch(text, "第二批") and _covers_batch(text, "第四批")
    assert not _covers_batch(text, "第六批")
    assert answerer.ask("工信部第六批服务型制造示范，一个省可以推几家企业？").abstained


def test_each_part_of_a_two_part_question_is_answered(answerer: Answerer) -> None:
    result = answerer.ask("山西2021年的省级培育申报，纸质材料送到省工信厅哪个处？咨询电话多少？")
    assert not result.abstained
    assert "产业政策处" in result.answer and "0351-2022229" in result.answer


def test_a_region_covered_only_at_another_level(answerer: Answerer) -> None:
    result = answerer.ask("洛阳市级服务型制造示范企业怎么认定？")
    assert result.abstained and "洛阳市级" in result.answer
    assert not answerer.ask("山西这轮示范培育，每个市工信局可以推荐多少家示范企业？").abstained  # a 市 is not a level


def test_an_uncovered_region_next_to_a_covered_one_is_context(answerer: Answerer) -> None:
    result = answerer.ask("我们公司注册在河北，能报河南2020年省级示范企业吗？")
    assert not result.abstained and "henan-2020" in result.notices
    assert answerer.ask("河北省级服务型制造示范企业要满足哪些条件？").abstained


def test_a_list_item_brings_its_lead_in_and_siblings(answerer: Answerer) -> None:
    result = answerer.ask("包头市级示范企业的称号，在什么情况下会被收回？")
    assert not result.abstained
    text = result.answer
    items = ["（一）所在企业自行要求撤销的", "（二）所在企业被依法终止的", "（五）企业主体或其法人代表进入信用管理体系黑名单的"]
    assert "有下列情况之一的" in text and all(i in text for i in items)
    assert text.index("有下列情况之一的") < text.index(items[0]) < text.index(items[1])


def test_programme_names_match_through_brackets_and_quotes() -> None:
    from assistant.scope import other_programme

    assert other_programme("首台（套）重大技术装备认定怎么申请？") == "首台套"
    assert other_programme("专精特新“小巨人”企业认定条件") == "专精特新"
    assert other_programme("河南2020年示范企业要成立几年？") is None


def test_colloquial_place_words_are_not_topics(answerer: Answerer) -> None:
    assert answerer.scorer.unknown_topic_share("我们厂里出过安全事故") == 0.0  # 厂里 is where, not what
    assert answerer.scorer.unknown_topic_share("我们员工社保断缴") > 0.0


def test_topics_no_notice_mentions_are_out_of_scope(answerer: Answerer) -> None:
    assert "社保" in answerer.uncovered_topics and "融资" not in answerer.uncovered_topics  # checked against the corpus
    result = answerer.ask("评上河南省级服务型制造示范企业，员工社保能不能少交？")
    assert result.abstained and "社保" in result.answer
    assert not answerer.ask("在包头评上市级示范企业后，遇到哪些情况会被摘牌？").abstained  # 评上|市级, not 上市


def test_level_word_apart_from_the_region(answerer: Answerer) -> None:
    result = answerer.ask("郑州市工信局组织的市级服务型制造示范企业，申报条件是啥？")
    assert result.abstained and "市级" in result.answer


def test_incident_with_words_between_is_read_and_routed_to_the_rules(answerer: Answerer) -> None:
    from assistant.chat import Conversation

    result = Conversation(answerer).send("我们厂2019年5月出过一次较大的安全事故，2020年河南省服务型制造示范还能申报吗？")
    assert result.route == "eligibility" and "2019年1月1日以后" in result.answer


def test_a_document_without_a_title_is_described_not_given_one() -> None:
    from assistant.answer.compose import notice_name
    from assistant.metadata import NoticeMeta

    untitled = NoticeMeta(id="fj-page", title="fj-page", issuer="福建省工业和信息化厅", level="provincial",
                          region="福建省", issued_on=date(2022, 7, 14), genre="notice")
    name = notice_name(untitled)
    assert name == "福建省工业和信息化厅2022年的通知（原文无标题）" and "《" not in name
    report = untitled.model_copy(update={"issuer": None, "issued_on": None, "year": None, "genre": "news"})
    assert notice_name(report) == "福建省的报道（原文无标题）"
    titled = untitled.model_copy(update={"title": "关于开展示范遴选的通知", "doc_no": "闽工信〔2022〕9号"})
    assert notice_name(titled) == "《关于开展示范遴选的通知》（闽工信〔2022〕9号）"
