"""The shared domain vocabulary: numerals through cn2an, list kinds a question asks for, and the
category a section heading is about. Questions here are written for the test."""

from __future__ import annotations

import pytest

from assistant.vocabulary import heading_categories, list_kinds, to_int


@pytest.mark.parametrize(("text", "value"), [("十二", 12), ("两", 2), ("二十一", 21), ("7", 7), ("前", None)])
def test_numerals(text: str, value: int | None) -> None:
    assert to_int(text) == value


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("报省里的示范企业得符合哪些条件", "conditions"),
        ("什么样的平台才算符合申报条件", "conditions"),
        ("对示范项目有哪几方面要求", "conditions"),
        ("这个方向要达到什么标准", "conditions"),
        ("市里推荐的流程是怎样的", "procedure"),
        ("企业到底怎么操作", "procedure"),
        ("对材料是怎么规定的", "materials"),
        ("报示范平台的话，对平台还有啥具体要求", "conditions"),
        ("我们厂想按这个模式报，要满足什么", "conditions"),
        ("材料报上去以后是怎么评的", "procedure"),
        ("申请的时候要交哪些材料", "materials"),
        ("整个申报要走几步", "procedure"),
        ("拿到称号后什么情况会被撤销", "revocation"),
        ("正文要写哪几部分", "outline"),
        ("推荐名额有多少", "quotas"),
        ("装订和字体有什么格式要求", "format"),
        ("认定是怎么个程序", "procedure"),  # colloquial question words
        ("申报材料咋准备", "materials"),
        ("专家打分重点看哪些", "principles"),
        ("示范平台的申报条件？", "conditions"),  # a terse question names just what it wants
        ("包头示范企业申报材料", "materials"),
    ],
)
def test_list_kinds_are_read_from_the_question(question: str, kind: str) -> None:
    assert kind in list_kinds(question)


@pytest.mark.parametrize(
    "question",
    ["截止日期是哪天", "联系电话多少", "注册地有什么要求", "叫哪个模式？企业得建什么平台？", "营业执照要提供复印件吗？",
     "评上的条件里运营满两年这个怎么算"],
)
def test_single_facts_are_not_list_questions(question: str) -> None:
    assert "conditions" not in list_kinds(question) and "modes" not in list_kinds(question)


@pytest.mark.parametrize("question", ["没有账号的话怎么交材料？", "注册好了就能直接报材料吗？", "纸质版要寄材料吗"])
def test_asking_how_or_whether_to_hand_in_the_materials_is_not_asking_for_their_list(question: str) -> None:
    assert "materials" not in list_kinds(question)


def test_asking_which_one_applies_is_not_asking_for_the_list() -> None:
    assert "categories" not in list_kinds("我们做共享仓储，该报哪个类别？")


def test_heading_categories() -> None:
    assert heading_categories("（三）示范平台专项条件") == ["platform"]
    assert heading_categories("（1）示范企业。") == ["enterprise"]
    assert heading_categories("（一）共性条件") == []
    assert heading_categories("2. 企业专项条件") == ["enterprise"]
    assert heading_categories("1、企业法人营业执照副本复印件") == []  # a document to attach, not a branch
    assert heading_categories("1.申报单位应为在本省注册、具有独立法人资格的企业，财务状况良好") == []


def test_a_notice_is_named_by_its_distinctive_title_words() -> None:
    from assistant.scope import named_by_title

    titles = {
        "a": "某省服务型制造示范遴选基本模式",
        "b": "某省工业和信息化厅关于开展2020年某省服务型制造示范遴选工作的通知",
        "c": "某市服务型制造示范企业认定管理办法（试行）",
    }
    assert named_by_title("基本模式里的共享制造要建什么平台", titles) == ["a"]
    assert named_by_title("认定管理办法第几条讲撤销", titles) == ["c"]
    # words every title shares, a category word or a single title word name nothing
    assert named_by_title("服务型制造示范遴选有几种模式", titles) == []
    assert named_by_title("示范企业怎么认定", titles) == []


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("宁夏今年示范平台推荐的流程和注意点，麻烦帮我梳理一下", "procedure"),
        ("请介绍一下省级示范项目的申报材料，从企业准备到市里汇总", "materials"),
    ],
)
def test_a_request_to_go_through_the_whole_thing_covers_the_kind_named_anywhere(question: str, kind: str) -> None:
    assert kind in list_kinds(question)
    # the same noun with no request and no question word is not a list question
    assert kind not in list_kinds(question.split("，")[0].replace("请介绍一下", "") + "已经看过了。")


def test_only_phrases_that_ask_are_asking_phrases() -> None:
    from assistant.vocabulary import asking_phrases

    assert asking_phrases("从网上填报到部里评审，流程是怎么走的？") == ["流程是怎么走的？"]
    assert asking_phrases("申报条件是什么，哪天截止？") == ["申报条件是什么，", "哪天截止？"]
    assert asking_phrases("报送截止时间") == ["报送截止时间"]  # the last phrase always asks


def test_the_word_for_the_listed_kind_is_found_in_the_notices_heading_for_it() -> None:
    from assistant.vocabulary import names_listed_kind

    assert names_listed_kind("流程", ["procedure"], "二、申报程序及要求 （四）我部将组织专家评审")
    assert names_listed_kind("门槛", ["conditions"], "三、申报条件 （一）共性条件")
    assert not names_listed_kind("流程", ["procedure"], "申报主体应具有独立法人资格")  # no heading of steps
    assert not names_listed_kind("流程", ["conditions"], "二、申报程序及要求")  # not the kind asked for
