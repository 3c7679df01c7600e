"""Section-by-section prose from a chat model, grounded in the facts and the cited requirements.

The model (LangChain chat model, built once and injected) writes one section at a time from
`prompts/draft.yaml`. Its sentences are checked by `Grounding`: a sentence with a figure that is not
in the facts or the section's requirements is dropped. A section where nothing survives (or the
call fails) keeps its scaffold text. Markers for facts still missing are kept after the prose.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..prompts import PROMPTS_DIR, Prompt, cached_prompt, load_prompt
from .facts import Facts, fmt_date, fmt_number, fmt_share
from .grounding import Grounding
from .models import Draft, DraftSection
from .placement import MARK, split_sentences


def load_draft_prompt(folder: Path = PROMPTS_DIR) -> Prompt:
    """prompts/draft.yaml, validated (its placeholders are listed in `assistant.prompts.REQUIRED`)."""
    return load_prompt("draft", folder)


def cached_draft_prompt() -> Prompt:
    return cached_prompt("draft")


def facts_text(facts: Facts) -> str:
    """The facts as the model sees them: one labelled line each, figures exactly as given."""
    p = facts.profile
    lines = []
    if p.name:
        lines.append(f"申报单位名称：{p.name}")
    if p.established_on:
        lines.append(f"成立时间：{fmt_date(p.established_on)}")
    if p.platform_launched_on:
        lines.append(f"平台建成（投入运营）时间：{fmt_date(p.platform_launched_on)}")
    year = f"（{facts.revenue_year}年）" if facts.revenue_year else ""
    if p.revenue_total is not None:
        lines.append(f"营业收入{year}：{fmt_number(p.revenue_total)}万元")
    if p.service_revenue is not None:
        lines.append(f"服务收入{year}：{fmt_number(p.service_revenue)}万元")
    share = facts.service_share()
    if share is not None:
        lines.append(f"服务收入占营业收入比例：{fmt_share(share)}%")
    if p.has_own_brand is not None:
        lines.append(f"拥有自主品牌或自主生产的核心产品：{'是' if p.has_own_brand else '否'}")
    if p.modes:
        lines.append(f"申报模式：{'、'.join(p.modes)}")
    for label, value in (("主营业务", facts.business), ("核心产品", facts.products), ("平台情况", facts.platform),
                         ("其他说明", facts.notes)):
        if value:
            lines.append(f"{label}：{value}")
    lines += [f"{k}：{v}" for k, v in facts.figures.items()]
    lines += [f"申报单位为「{k}」提供的内容：{v}" for k, v in facts.sections.items()]
    return "\n".join(lines) or "（申报单位尚未提供事实）"


class DraftWriter:
    """Writes a draft's sections with a chat model; the scaffold stands wherever the model fails."""

    def __init__(self, model: Any, prompt: Prompt | None = None) -> None:
        self.model = model
        self.prompt = prompt or cached_draft_prompt()

    def write_section(self, draft: Draft, section: DraftSection, facts: Facts) -> str | None:
        from langchain_core.messages import HumanMessage, SystemMessage

        requirements = "\n".join(
            f"[{r.citation.n}] {r.label}：{r.text}（{r.citation.section}）" for r in section.requirements
        ) or "（本节无特定模式要求，按编写说明撰写）"
        system, user = self.prompt.render(
            notice=f"{draft.notice_title}{draft.doc_no or ''}", title=draft.title, heading=section.heading,
            guidance=section.guidance or "（无）", requirements=requirements, facts=facts_text(facts),
            scaffold=section.text,
        )
        try:
            reply = self.model.invoke([SystemMessage(content=system), HumanMessage(content=user)])
        except Exception:  # network, auth, rate limits: the scaffold stands
            return None
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
        sources = [section.heading, section.guidance, *(r.text for r in section.requirements)]
        grounding = Grounding(facts, sources)
        kept = []
        for sentence in split_sentences(text):
            clean = sentence.strip().lstrip("#").strip()
            if not clean or "".join(clean.split()) == "".join(section.heading.split()):
                continue
            if grounding.grounded(clean):
                kept.append(clean)
        return "".join(kept) or None

    def write(self, draft: Draft, facts: Facts) -> Draft:
        """The draft with LLM prose in every content section where grounded prose came back."""
        sections = []
        used = False
        for section in draft.sections:
            if section.kind != "section" or not section.text:
                sections.append(section)
                continue
            prose = self.write_section(draft, section, facts)
            if prose is None:
                sections.append(section)
                continue
            used = True
            markers = [MARK.format(m) for m in section.missing if MARK.format(m) not in prose]
            text = "\n".join([prose, *markers])
            sections.append(section.model_copy(update={"text": text, "writer": "llm"}))
        return draft.model_copy(update={"sections": sections, "writer": "llm" if used else draft.writer})
