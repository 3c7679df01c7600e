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


def test_a_mode_named_by_its_title_is_answered_with_its_whole_clause(answerer: Answerer) -> None:
    # the annex is named by its own title words ("基本模式"), so the 2020 notice is not set beside it
    result = answerer.ask("河南省基本模式里头，节能环保服务这个方向对企业都有哪些要求？")
    assert result.notices == ["henan-basic-modes"]
    _lines_in_order(result.answer, ["节能环保服务", "1.服务内容", "2.服务能力", "3.综合效益"])
    _verified(answerer, result)


def test_one_aspect_of_a_named_mode_narrows_to_that_aspect(answerer: Answerer) -> None:
    result = answerer.ask("河南基本模式中的定制化服务，在服务能力上具体要达到哪些？")
    assert result.notices == ["henan-basic-modes"]
    assert "柔性制造" in result.answer and "2.服务能力" in result.answer and "1.服务内容" not in result.answer
    _verified(answerer, result)


def test_a_list_whose_items_share_no_words_with_the_question_is_found_by_its_heading(answerer: Answerer) -> None:
    result = answerer.ask("河南2020年那次评选，依据的原则有哪几条？")
    assert result.notices == ["henan-2020"]
    _lines_in_order(result.answer, ["遴选原则", "注重创新", "鼓励融合", "强调成效"])
    _verified(answerer, result)


def test_steps_under_a_requirements_heading_are_a_procedure(answerer: Answerer) -> None:
    result = answerer.ask("河南2020年的示范，企业怎么提交材料、地市怎么审查推荐，整个流程是怎样的？")
    _lines_in_order(result.answer, ["有关要求", "河南省智能制造服务平台", "完整性和真实性审查"])
    _verified(answerer, result)


def test_two_notices_share_one_budget_and_short_conditions_stay_whole(answerer: Answerer) -> None:
    result = answerer.ask("国家第五批和包头市级的示范企业，申报条件各是怎么规定的？对比一下")
    assert set(result.notices) == {"miit-2023", "baotou"}
    # the ministry's enterprise conditions keep their later sentences (the 30% share), not only the first
    assert "30%以上" in result.answer and "第六条" in result.answer
    _verified(answerer, result)


def test_a_quoted_sentence_brings_the_rest_of_its_short_item(answerer: Answerer) -> None:
    result = answerer.ask("河南2020年示范企业，截至申报日须正常经营几年？")
    assert result.notices == ["henan-2020"]
    # the item "2.截至申报日…两年以上…。企业服务管理体系健全…。" is quoted whole, not its first sentence only
    assert "正常经营两年以上" in result.answer and "企业服务管理体系健全" in result.answer
    _verified(answerer, result)


def test_a_question_about_what_a_term_means_is_not_a_list_question() -> None:
    from assistant.vocabulary import list_kinds

    assert list_kinds("基本模式里提到的精益供应链是什么意思") == []
    assert list_kinds("基本模式有哪几种") == ["modes"]


def test_whole_cue_makes_a_procedure_question_with_a_website_a_list_question() -> None:
    from assistant.answer.lead import is_list_question

    # "网上" makes the answer type a website; "整个流程" still asks for every step
    assert is_list_question("从网上报名到市里推荐，整个流程是怎么走的？", ["website"])
    assert not is_list_question("网上报名的网址是什么？", ["website"])


def test_conditions_every_category_shares_are_the_common_clause_only(answerer: Answerer) -> None:
    # 山西's annex holds per-category 基本条件; the shared ones are the body's （一）共性条件
    result = answerer.ask("山西2021年省级示范，无论报哪一类都得满足的条件是啥？")
    assert result.notices == ["shanxi-2021"]
    _lines_in_order(result.answer, ["共性条件", "在山西省境内注册", "2019年1月1日以后"])
    assert "示范企业基本条件" not in result.answer and "专项条件" not in result.answer
    _verified(answerer, result)
    # asking for what comes on top of the shared ones is not the shared clause
    rest = answerer.ask("山西2021年报示范企业，除了共性条件之外企业还要满足哪些专项要求？")
    assert "专项条件" in rest.answer


def test_a_heading_the_question_sets_aside_and_a_category_it_rules_out(answerer: Answerer) -> None:
    result = answerer.ask("河南2020年我们只申报示范企业、不申报平台，除了共性条件，企业还得满足哪些专项要求？")
    _lines_in_order(result.answer, ["示范企业专项条件", "正常经营两年以上"])
    assert "示范平台专项条件" not in result.answer and "运营时间须满一年" not in result.answer
    _verified(answerer, result)


def test_without_excluded_drops_only_the_part_set_aside() -> None:
    from assistant.vocabulary import without_excluded

    assert without_excluded("除了共性条件，企业还要满足什么") == "，企业还要满足什么"
    assert without_excluded("除了通用条件以外对企业还有啥要求") == "对企业还有啥要求"
    assert without_excluded("企业要满足哪些条件") == "企业要满足哪些条件"


NAMED_MODE = """湖南省服务型制造示范遴选基本模式

附件1
一、全生命周期管理
1.服务内容：依托平台为用户提供远程运维、故障预警等增值服务。
2.综合效益：服务收入占营业收入比重达到20%。
二、供应链管理
1.服务内容：开展集中采购和供应商库存管理。
三、信息增值服务
1.服务内容：依托信息化产品提供在线数据服务。
"""


def test_a_mode_named_by_its_title_is_answered_alone_though_a_word_of_the_question_is_in_another_title(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    # "增值服务" is in 三、信息增值服务's title, but the named mode's own text speaks of it: 一、 is meant
    from test_many_notices import _answerer_over

    from assistant.answer.clause_lists import clause_label, narrow

    answerer = _answerer_over(tmp_path_factory.mktemp("named-mode"), {"hunan-modes": NAMED_MODE})
    result = answerer.ask("按湖南的基本模式，全生命周期管理这种模式要给用户提供哪些增值服务？")
    assert "远程运维、故障预警" in result.answer and "在线数据服务" not in result.answer
    # from the whole list of modes (where a long annex's best sentences lead), down to the named mode
    tree = answerer.notice("hunan-modes").tree()
    modes = next(c for c in tree.clauses if [clause_label(i) for i in tree.items(c)][:1] == ["全生命周期管理"])
    named = narrow(tree, modes, "按湖南的基本模式，全生命周期管理这种模式要给用户提供哪些增值服务？")
    assert clause_label(named) == "全生命周期管理"
    # a question that touches another title by a word the named mode does not use stays with the list
    assert narrow(tree, modes, "全生命周期管理和信息类的服务有什么区别？") is modes


def test_steps_asked_after_a_context_phrase_are_the_procedure_clause_alone(answerer: Answerer) -> None:
    # "网上" in a phrase that asks nothing is context, not a question for the web address; the
    # procedure clause is found by its heading (申报程序) though the question says 流程
    result = answerer.ask("部里第五批示范，企业先在网上注册，之后申报的流程是怎样的？")
    assert result.notices == ["miit-2023"]
    assert result.answer.startswith("根据")  # no lead: no single fact is asked
    _lines_in_order(result.answer, ["申报程序及要求", "（一）", "（二）", "（三）", "（四）", "（五）"])
    assert "流程再造" not in result.answer and "寄送地址" not in result.answer
    _verified(answerer, result)


def test_a_list_and_a_fact_asked_in_two_phrases_get_the_list_and_the_lead(answerer: Answerer) -> None:
    result = answerer.ask("山西2021年省级示范企业的申报条件是什么，材料哪天之前要交？")
    assert result.notices == ["shanxi-2021"]
    first = result.answer.split("\n", 1)[0]
    assert "11 月 20 日" in first or "11月20日" in first
    _lines_in_order(result.answer, ["申报条件", "共性条件", "山西省境内注册"])
    _verified(answerer, result)


def test_the_callers_word_for_the_steps_is_found_under_the_notices_heading_for_them(answerer: Answerer) -> None:
    # the refusal of questions far from every clause reads this coverage: a step under
    # "二、申报程序及要求" covers "流程" as the notice's own 程序 does
    question = "专家评审的流程怎么走"
    step = "（四）我部将组织专家评审，并对通过专家评审的申报城市进行现场考查。"
    assert answerer.scorer.coverage(question, step, "二、申报程序及要求") == 1.0
    assert answerer.scorer.coverage(question, step, "三、前四批示范评估评价工作") < 1.0


def test_a_list_comparison_leaves_out_a_regions_document_without_that_list(answerer: Answerer) -> None:
    # 河南 has two documents: the call states 共性条件, the 基本模式 document does not
    result = answerer.ask("河南跟山西，两边的共性条件有什么区别？")
    assert sorted(result.notices) == ["henan-2020", "shanxi-2021"]
    assert "河南省内注册" in result.answer and "山西省境内注册" in result.answer
    _verified(answerer, result)


def test_a_fact_and_a_list_joined_in_one_terse_phrase_get_the_lead_and_the_clause(answerer: Answerer) -> None:
    result = answerer.ask("部里第五批，示范城市的推荐名额和申报条件？")
    assert result.notices == ["miit-2023"]
    assert result.answer.startswith("名额：")
    _lines_in_order(result.answer, ["示范城市申报条件及推荐名额", "政策举措实", "综合类和工业设计特色类"])
    _verified(answerer, result)
