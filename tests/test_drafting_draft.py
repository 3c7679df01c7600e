"""Drafts: the embedded scaffold (headings, guidance, cited checklists, facts, 【待补充】 markers) and the
LLM path (grounded prose; invented figures dropped; the scaffold stands when the model fails)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from test_drafting_samples import HENAN_FACTS

from assistant.citations import citation_is_verbatim
from assistant.drafting import Drafter, parse_facts
from assistant.drafting.facts import fmt_date, fmt_number
from assistant.drafting.grounding import Grounding, numbers_in
from assistant.drafting.llm import load_draft_prompt
from assistant.drafting.notice_data import load_drafting
from assistant.errors import ShenbaoError
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
CASES = [("henan-2020", "enterprise"), ("henan-2020", "platform"), ("shanxi-2021", "enterprise"),
         ("shanxi-2021", "project"), ("shanxi-2021", "platform"), ("shanxi-2021", "city")]


@pytest.fixture(scope="module")
def drafter() -> Drafter:
    return Drafter(CORPUS)


def _section(draft: Any, heading: str) -> Any:
    return next(s for s in draft.sections if s.heading == heading)


@pytest.mark.parametrize("notice_id, category", CASES)
def test_scaffold_has_every_heading_in_order_with_guidance(drafter: Drafter, notice_id: str, category: str) -> None:
    outline = drafter.outline(notice_id, category)
    draft = drafter.draft(notice_id, category)
    assert [(s.heading, s.level, s.guidance) for s in draft.sections] == [
        (i.heading, i.level, i.guidance) for i in outline.items
    ]
    data = draft.model_dump(mode="json")
    assert list(data)[:3] == ["notice_id", "category", "sections"]
    assert list(data["sections"][0])[:4] == ["heading", "level", "text", "guidance"]
    for section, item in zip(draft.sections, outline.items, strict=True):
        if item.kind == "section" and not item.has_children:
            assert "【待补充" in section.text  # no facts: every content section asks for its text
        if item.kind == "attachments":
            assert section.text.split("\n") == item.attachments


@pytest.mark.parametrize("notice_id, category", CASES)
def test_scaffold_never_invents_a_figure(drafter: Drafter, notice_id: str, category: str) -> None:
    facts = parse_facts({"name": "示例单位", "established_on": "2015-06-30", "revenue_total": 1000, "service_revenue": 250})
    draft = drafter.draft(notice_id, category, facts=facts)
    notice_text = load_drafting(CORPUS, notice_id).notice.text
    grounding = Grounding(facts, [notice_text])
    for section in draft.sections:
        for line in section.text.split("\n"):
            assert grounding.grounded(re.sub(r"^\d+、", "", line)), line


def test_facts_go_where_the_outline_asks_for_them(drafter: Drafter) -> None:
    facts = parse_facts(HENAN_FACTS)
    draft = drafter.draft("henan-2020", "enterprise", facts=facts)
    profile = facts.profile
    assert profile.established_on is not None and profile.revenue_total and profile.service_revenue
    share = profile.service_revenue / profile.revenue_total * 100
    overview = _section(draft, "（一）申报单位概况").text
    assert fmt_date(profile.established_on) in overview
    assert f"{fmt_number(profile.revenue_total)}万元" in overview and f"{fmt_number(profile.service_revenue)}万元" in overview
    assert f"占营业收入的{round(share)}%" in overview
    assert f"占营业收入的{round(share)}%" in _section(draft, "（四）应用成效").text  # 综合效益 asks for it
    assert HENAN_FACTS["products"] in _section(draft, "（二）产品情况").text
    assert HENAN_FACTS["platform"] in _section(draft, "（三）服务能力").text  # 重点说明信息网络服务平台
    assert "集中采购" in _section(draft, "（二）服务内容").text  # a notes sentence, placed by its words
    assert draft.modes == ["供应链协同管理"] and draft.missing == [] and draft.warnings == []
    assert "【待补充：成立时间" not in overview


def test_missing_facts_become_markers(drafter: Drafter) -> None:
    draft = drafter.draft("henan-2020", "platform", facts={"name": "示例平台公司", "revenue_total": 800})
    overview = _section(draft, "一、平台运营单位概况")
    assert "【待补充：成立时间" in overview.text and "【待补充：平台建成" in overview.text
    assert "营业收入800万元" in overview.text and "【待补充：其中服务收入" in overview.text
    assert "成立时间" in draft.missing and "服务收入" in draft.missing


def test_checklist_cites_the_selected_modes_clause(drafter: Drafter) -> None:
    data = load_drafting(CORPUS, "henan-2020")
    for mode in data.modes["enterprise"]:
        draft = drafter.draft("henan-2020", "enterprise", modes=[mode.name])
        reqs = _section(draft, "（二）服务内容").requirements
        clause = next(r for r in mode.requirements if r.aspect == "服务内容")
        assert [r.text for r in reqs] == [clause.text]
        assert citation_is_verbatim(data.notice.text, reqs[0].citation)
    numbers = {}
    for section in draft.sections:
        for req in section.requirements:
            assert numbers.setdefault(req.id, req.citation.n) == req.citation.n
    assert sorted(numbers.values()) == list(range(1, len(numbers) + 1))


def test_without_modes_the_draft_says_which_to_choose(drafter: Drafter) -> None:
    draft = drafter.draft("shanxi-2021", "platform")
    assert draft.warnings and "面向行业的专业服务平台" in draft.warnings[0]
    assert "申报模式（modes）" in draft.missing
    chosen = drafter.draft("shanxi-2021", "platform", modes=["专业服务平台"])
    practice = _section(chosen, "二、主要做法")
    assert {r.mode for r in practice.requirements} == {"面向行业的专业服务平台", None}
    assert chosen.warnings == []


def test_category_mismatch_in_facts_is_flagged(drafter: Drafter) -> None:
    draft = drafter.draft("henan-2020", "enterprise", facts={"applicant_type": "platform"})
    assert any("不一致" in w for w in draft.warnings)


def test_bad_facts_fail_with_the_field_named() -> None:
    with pytest.raises(ShenbaoError, match="未知字段 turnover"):
        parse_facts({"turnover": 5})
    with pytest.raises(ShenbaoError, match="revenue_total"):
        parse_facts({"revenue_total": -1})
    with pytest.raises(ShenbaoError, match="figures"):
        parse_facts({"figures": ["320家"]})


INVENTED = "公司员工共计860人。"
TRUE = "河南示例重工机械有限公司成立于2012年5月18日，长期深耕矿山机械领域。"


def test_llm_prose_keeps_grounded_sentences_and_drops_invented_figures() -> None:
    reply = TRUE + INVENTED + "2019年服务收入占营业收入的18%，较上年提高5个百分点。公司获得《国家级示范称号》。"
    model = FakeListChatModel(responses=[reply])
    draft = Drafter(CORPUS, chat_model=model).draft("henan-2020", "enterprise", facts=HENAN_FACTS)
    overview = _section(draft, "（一）申报单位概况")
    assert overview.writer == "llm" and draft.writer == "llm"
    assert TRUE in overview.text
    assert "860" not in overview.text and "5个百分点" not in overview.text and "《国家级示范称号》" not in overview.text
    facts = parse_facts(HENAN_FACTS)
    for section in draft.sections:
        if section.writer == "llm":
            grounding = Grounding(facts, [section.heading, section.guidance, *(r.text for r in section.requirements)])
            assert all(grounding.grounded(line) for line in section.text.split("\n")), section.text


def test_llm_section_falls_back_to_the_scaffold() -> None:
    scaffold = Drafter(CORPUS).draft("henan-2020", "enterprise", facts=HENAN_FACTS)
    invented = Drafter(CORPUS, chat_model=FakeListChatModel(responses=[INVENTED + "销售额增长35%。"]))
    draft = invented.draft("henan-2020", "enterprise", facts=HENAN_FACTS)
    assert draft.writer == "scaffold"
    assert [s.text for s in draft.sections] == [s.text for s in scaffold.sections]

    class Broken:
        def invoke(self, messages: Any) -> Any:
            raise ConnectionError("endpoint down")

    broken = Drafter(CORPUS, chat_model=Broken()).draft("henan-2020", "enterprise", facts=HENAN_FACTS)
    assert [s.text for s in broken.sections] == [s.text for s in scaffold.sections]
    no_llm = invented.draft("henan-2020", "enterprise", facts=HENAN_FACTS, use_llm=False)
    assert no_llm.writer == "scaffold"


def test_llm_prose_keeps_markers_for_missing_facts() -> None:
    model = FakeListChatModel(responses=["公司长期深耕矿山机械领域，形成了完整的服务体系。"])
    draft = Drafter(CORPUS, chat_model=model).draft("henan-2020", "enterprise", facts={"name": "示例公司"})
    overview = _section(draft, "（一）申报单位概况")
    assert overview.writer == "llm" and "【待补充：成立时间】" in overview.text


def test_grounding_rules() -> None:
    facts = parse_facts({"revenue_total": 52000, "service_revenue": 9360, "established_on": "2012-05-18",
                         "notes": "服务客户三十余家。"})
    g = Grounding(facts, ["综合服务收入占总收入比例达到15%左右。"])
    assert g.grounded("营业收入52,000万元，服务收入9360万元，占18.0%。")
    assert g.grounded("成立于2012年5月18日。") and g.grounded("达到15%左右的要求。")
    assert g.grounded("服务客户三十余家。")
    assert g.ungrounded("营业收入5.2亿元。") == ["5.2"]
    assert g.ungrounded("已服务二十余家企业。") == ["二十余"]
    assert not g.grounded("获得《质量奖》。")
    assert numbers_in("2019年，52,000万元，18.5%") == [2019, 52000, 18.5]


def test_draft_prompt_loads_and_validates(tmp_path: Path) -> None:
    prompt = load_draft_prompt()
    system, user = prompt.render(notice="n", title="t", heading="（二）服务内容", guidance="g", requirements="r",
                                 facts="f", scaffold="s")
    assert "不得编造" in system and "（二）服务内容" in user
    (tmp_path / "draft.yaml").write_text("name: draft\nversion: 1\nsystem: s\nuser: '{heading} {oops}'\n", "utf-8")
    with pytest.raises(ShenbaoError, match="placeholders"):
        load_draft_prompt(tmp_path)


def test_services_drafter_uses_the_injected_models() -> None:
    from assistant.embeddings import FakeEmbedder
    from assistant.services import Services
    from assistant.settings import Settings

    settings = Settings(corpus_dir=CORPUS, embedder="fake", llm_base_url=None, llm_model=None)
    model = FakeListChatModel(responses=["公司长期深耕矿山机械领域。"])
    services = Services(settings, FakeEmbedder(), chat_model=model)
    drafter = services.drafter
    assert drafter is services.drafter and drafter.chat_model is model
    assert drafter.embedder is services.embedder
    assert drafter.draft("henan-2020", "enterprise", facts=HENAN_FACTS).writer == "llm"
    plain = Services(settings, FakeEmbedder()).drafter
    assert plain.chat_model is None and plain.draft("henan-2020", "platform").writer == "scaffold"
