"""The shapes drafting produces (DESIGN.md `shenbao draft --json`; extra keys come after the fixed ones).

Every heading, guidance text and requirement here is a verbatim slice of the cleaned notice text;
requirements carry a verified `Citation`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..citations import Citation
from ..eligibility.profile import Category

ItemKind = Literal["section", "attachments"]
Writer = Literal["scaffold", "llm"]
Severity = Literal["error", "warning"]
FindingKind = Literal[
    "missing_section",
    "out_of_order",
    "wrong_numbering",
    "heading_mismatch",
    "extra_section",
    "empty_section",
    "placeholder",
    "scaffold_note",
    "requirement_unaddressed",
    "figure_mismatch",
    "attachment_missing",
    "modes_unknown",
]


class Requirement(BaseModel):
    """One requirement a section must answer: a verbatim clause of the notice, cited."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    text: str
    mode: str | None = None
    aspect: str | None = None  # 服务内容 / 服务能力 / 模式创新 / 综合效益 / 项目绩效 …
    citation: Citation


class Mode(BaseModel):
    """A mode (方向) of a category, with its aspect clauses (possibly none: a named direction only)."""

    model_config = ConfigDict(frozen=True)

    name: str
    category: Category
    section: str
    requirements: list[Requirement]


class Link(BaseModel):
    """Why an outline item must answer some requirements: the notice's own words (`basis`, verbatim)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["mode_aspect", "requirement"]
    aspects: list[str] = []  # for mode_aspect: the aspects of the selected modes; ["*"] = all
    requirement_ids: list[str] = []  # for requirement: fixed requirements of the category
    basis: str
    source: Literal["guidance", "hand_checked"]


class OutlineItem(BaseModel):
    id: str  # "2.3": position in the outline
    heading: str  # verbatim, e.g. "（二）服务内容"
    level: int  # 1 = 一、, 2 = （一）
    number: str  # "二、", "（二）", "" for 参考附件
    title: str
    guidance: str  # verbatim instructions ("参考附件1…要求编制。"), may be empty
    kind: ItemKind = "section"
    attachments: list[str] = []  # for kind == attachments: the listed materials, verbatim
    start: int  # offset of the heading in the cleaned text
    end: int
    parent: str | None = None
    has_children: bool = False
    links: list[Link] = []


class Outline(BaseModel):
    notice_id: str
    category: Category
    title: str  # "服务型制造示范企业申报书正文"
    section: str  # section path of the outline block in the notice
    items: list[OutlineItem]
    attachments: list[str]
    requirements: list[Requirement]  # fixed requirements of the category (not per mode)

    def item(self, heading: str) -> OutlineItem | None:
        key = "".join(heading.split())
        return next((i for i in self.items if "".join(i.heading.split()) == key), None)

    def children(self, item: OutlineItem) -> list[OutlineItem]:
        return [i for i in self.items if i.parent == item.id]


class ModeCatalogue(BaseModel):
    notice_id: str
    modes: dict[str, list[Mode]]  # category → modes, in the notice's order


class DraftSection(BaseModel):
    heading: str
    level: int
    text: str
    guidance: str
    # Extras beyond the DESIGN.md contract.
    id: str
    kind: ItemKind = "section"
    requirements: list[Requirement] = []
    missing: list[str] = []  # facts this section needs that the facts file lacks
    writer: Writer = "scaffold"


class Draft(BaseModel):
    notice_id: str
    category: Category
    sections: list[DraftSection]
    # Extras beyond the DESIGN.md contract.
    title: str
    notice_title: str
    doc_no: str | None
    modes: list[str]
    attachments: list[str]
    writer: Writer = "scaffold"
    missing: list[str] = []  # every missing fact, in order
    warnings: list[str] = []


class Finding(BaseModel):
    kind: FindingKind
    severity: Severity
    message: str
    fix: str
    section: str | None = None  # the outline heading concerned
    line: int | None = None  # 1-based line (paragraph for .docx) of the draft
    citation: Citation | None = None
    score: float | None = None  # coverage score for requirement findings


class LintReport(BaseModel):
    notice_id: str
    category: Category
    ok: bool  # no error-severity finding
    findings: list[Finding]
    # Extras.
    file: str | None = None
    modes: list[str] = []
    modes_source: Literal["given", "facts", "detected", "none"] = "none"
    sections_found: list[str] = []
