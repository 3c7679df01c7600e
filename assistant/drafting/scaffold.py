"""The embedded default draft (no language model): a complete scaffold of the declaration body.

Every outline heading in the notice's order with its guidance; per section the requirements of the
selected modes it must answer (cited); the applicant's facts where they belong (成立时间, 营业收入 and
服务收入 with the computed share, 平台建成时间, the applicant's own text); a 【待补充：…】 marker for
each fact or passage still missing. Nothing is invented: every sentence is either a fact from the
facts file, the applicant's own text or a marker.
"""

from __future__ import annotations

from ..eligibility.profile import CATEGORY_LABELS
from .facts import Facts
from .linkage import item_requirements
from .models import Draft, DraftSection, Mode, Outline, OutlineItem, Requirement
from .notice_data import DraftingData
from .placement import item_words, marker, place_free_text, slots_for


def numbered_requirements(outline: Outline, modes: list[Mode]) -> dict[str, list[Requirement]]:
    """Item id → its requirements, each citation numbered [n] once across the whole draft."""
    numbers: dict[str, int] = {}
    result: dict[str, list[Requirement]] = {}
    for item in outline.items:
        reqs = []
        for req in item_requirements(outline, item, modes):
            n = numbers.setdefault(req.id, len(numbers) + 1)
            reqs.append(req.model_copy(update={"citation": req.citation.model_copy(update={"n": n})}))
        result[item.id] = reqs
    return result


def _needs_modes(item: OutlineItem) -> bool:
    return any(link.kind == "mode_aspect" for link in item.links)


def _narrative_marker(item: OutlineItem, reqs: list[Requirement]) -> str:
    what = f"{item.title}的具体内容"
    if reqs:
        what += "，逐条回应本节所列要求（说明做法、数据和成效）"
    elif item.guidance:
        what += "（按本节说明编写）"
    return marker(what)


def build_scaffold(data: DraftingData, category: str, modes: list[Mode], facts: Facts) -> Draft:
    outline = data.outline(category)
    requirements = numbered_requirements(outline, modes)
    leaves = [i for i in outline.items if i.kind == "section" and not i.has_children]
    profiles = {i.id: item_words(i) + "".join(r.text for r in requirements[i.id]) for i in leaves}
    placed, figures = place_free_text(facts, leaves, profiles)
    catalogue = data.modes.get(category, [])
    warnings: list[str] = []
    if not modes and catalogue and any(_needs_modes(i) for i in outline.items):
        listed = "、".join(m.name for m in catalogue)
        warnings.append(f"未指定申报模式：部分章节须对照所申报模式的要求编写（可选：{listed}）")
    kind = facts.profile.applicant_type
    if kind is not None and kind != category:
        warnings.append(
            f"事实文件的申报类别为{CATEGORY_LABELS[kind]}，与所选的{CATEGORY_LABELS[category]}不一致，已按后者起草"
        )

    sections: list[DraftSection] = []
    missing_all: list[str] = []
    for item in outline.items:
        missing: list[str] = []
        if item.kind == "attachments":
            text = "\n".join(item.attachments)
        elif item.has_children:
            text = ""
        else:
            paragraphs: list[str] = []
            for slot in slots_for(item):
                sentence, lacking = slot.render(facts)
                paragraphs.append(sentence)
                missing += lacking
            if not modes and catalogue and _needs_modes(item):
                paragraphs.append(marker("所申报的模式（方向）及其对应要求（选择所申报的模式后重新生成）"))
                missing.append("申报模式（modes）")
            paragraphs += placed[item.id] + figures[item.id]
            if not placed[item.id]:
                paragraphs.append(_narrative_marker(item, requirements[item.id]))
            text = "\n".join(paragraphs)
        missing_all += [m for m in missing if m not in missing_all]
        sections.append(
            DraftSection(
                heading=item.heading, level=item.level, text=text, guidance=item.guidance, id=item.id,
                kind=item.kind, requirements=requirements[item.id], missing=missing,
            )
        )
    return Draft(
        notice_id=data.notice.id, category=category, sections=sections, title=outline.title,
        notice_title=data.notice.meta.title, doc_no=data.notice.meta.doc_no, modes=[m.name for m in modes],
        attachments=outline.attachments, writer="scaffold", missing=missing_all, warnings=warnings,
    )
