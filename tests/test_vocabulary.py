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
        ("申请的时候要交哪些材料", "materials"),
        ("整个申报要走几步", "procedure"),
        ("拿到称号后什么情况会被撤销", "revocation"),
        ("正文要写哪几部分", "outline"),
        ("推荐名额有多少", "quotas"),
        ("装订和字体有什么格式要求", "format"),
    ],
)
def test_list_kinds_are_read_from_the_question(question: str, kind: str) -> None:
    assert kind in list_kinds(question)


@pytest.mark.parametrize(
    "question",
    ["截止日期是哪天", "联系电话多少", "注册地有什么要求", "叫哪个模式？企业得建什么平台？"],
)
def test_single_facts_are_not_list_questions(question: str) -> None:
    assert "conditions" not in list_kinds(question) and "modes" not in list_kinds(question)


def test_heading_categories() -> None:
    assert heading_categories("（三）示范平台专项条件") == ["platform"]
    assert heading_categories("（1）示范企业。") == ["enterprise"]
    assert heading_categories("（一）共性条件") == []
    assert heading_categories("1.申报单位应为在本省注册、具有独立法人资格的企业，财务状况良好") == []
