"""The clause tree built at ingest: parents, lead-ins and items as offsets of the cleaned text,
on a made-up 公文 (not one of the corpus notices) and on every corpus notice."""

from __future__ import annotations

from assistant.clauses import ClauseTree, build_clauses, numbering
from assistant.corpus import Notice

TEXT = """关于开展某市服务型制造示范认定工作的通知
一、认定条件
（一）基本条件
1.在本市注册的独立法人企业。
2.近三年未发生重大安全事故。
（二）示范平台专项条件
1.平台运营满三年。
二、撤销情形
第九条有下列情形之一的，撤销其称号：
（一）弄虚作假的；
（二）被依法终止的；
（三）自行申请撤销的。
第十条本办法自印发之日起施行。
"""


def _tree() -> ClauseTree:
    return ClauseTree.of(TEXT)


def test_items_hang_under_their_lead_in_with_offsets_into_the_text() -> None:
    tree = _tree()
    article = next(c for c in tree.clauses if tree.head_line(c).startswith("第九条"))
    items = tree.items(article)
    assert [tree.head_line(i)[:3] for i in items] == ["（一）", "（二）", "（三）"]
    assert all(tree.parent(i) is article for i in items)
    assert TEXT[article.start : article.end].endswith("撤销其称号：")
    assert article.span_end == items[-1].end  # the subtree ends with its last item
    assert tree.own_text(items[1]) == "（二）被依法终止的；"


def test_nested_sections_and_lookup_by_offset() -> None:
    tree = _tree()
    offset = TEXT.index("平台运营满三年")
    leaf = tree.at(offset)
    assert leaf is not None and tree.head_line(leaf) == "1.平台运营满三年。"
    chain = [tree.head_line(c) for c in tree.ancestors(leaf)]
    assert chain == ["1.平台运营满三年。", "（二）示范平台专项条件", "一、认定条件"]
    top = tree.ancestors(leaf)[-1]
    assert [tree.head_line(c) for c in tree.items(top)] == ["（一）基本条件", "（二）示范平台专项条件"]


def test_first_sentence_and_numbering() -> None:
    tree = _tree()
    article = next(c for c in tree.clauses if tree.head_line(c).startswith("第十条"))
    start, end = tree.first_sentence(article)
    assert TEXT[start:end] == "第十条本办法自印发之日起施行。"
    assert numbering("（三）自行申请撤销的。") == "（三）" and numbering("第十条本办法") == "第十条"
    assert numbering("本办法") == ""


def test_every_corpus_notice_has_a_consistent_tree(notices: dict[str, Notice]) -> None:
    for notice in notices.values():
        clauses = notice.clauses or build_clauses(notice.text)
        assert clauses, notice.id
        for c in clauses:
            assert 0 <= c.start <= c.end <= c.span_end <= len(notice.text)
            if c.parent is not None:
                parent = clauses[c.parent]
                assert c.id in parent.children and parent.start <= c.start and c.span_end <= parent.span_end


POINTS = """某市推进共享制造座谈会召开
会上，市工信局负责人对下一步工作提出了三点要求：
一是要摸清企业共享需求，建立资源清单；
二是要搭建线上对接平台；
三是要加强政策宣传。
会议还通报了上半年工作进展。
二、发展方向
加快形成以生产能力共享为重点的格局。
生产能力共享。推动设备、工具的协作共享。
检测能力共享。开放检验检测资源。
各地要抓好落实，按月报送进展。
其他安排。一句话不成列。
"""


def test_runs_of_points_are_items_under_their_lead_in() -> None:
    """"一是…二是…" and short lead titles ("生产能力共享。…") in a run of two or more become items: the
    colon line before a run is their lead-in; a lone "其他安排。…" stays body text."""
    tree = ClauseTree.of(POINTS)
    lead = next(c for c in tree.clauses if tree.head_line(c).endswith("三点要求："))
    assert [tree.head_line(c)[:3] for c in tree.items(lead)] == ["一是要", "二是要", "三是要"]
    heading = next(c for c in tree.clauses if tree.head_line(c) == "二、发展方向")
    labels = [c.path[-1] for c in tree.items(heading)]
    assert labels == ["生产能力共享", "检测能力共享"]
    assert not any(c.path[-1] == "其他安排" for c in tree.clauses)
