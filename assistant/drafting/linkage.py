"""Which requirements each outline item must answer, and the per-notice mode catalogue.

Two sources, both checked against the cleaned text at load:
- derived: an item whose guidance names an aspect in quotes ("参考附件1…相关模式“服务内容”要求编制")
  answers that aspect of every selected mode;
- hand-checked data (`assistant/drafting/data/<notice-id>.yaml`): further links (with the words of the
  heading or guidance that justify them as `basis`), fixed requirements of a category (quotes, cited at
  their section) and modes the text names without a heading structure (platform types). A heading,
  basis or quote that is not verbatim in the text stops the notice from loading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..corpus import Notice
from ..errors import ShenbaoError
from .models import Link, Mode, Outline, OutlineItem, Requirement
from .modes import cite

DATA_DIR = Path(__file__).resolve().parent / "data"


class RequirementSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    section: str
    quote: str = Field(min_length=4)
    headings: list[str] = Field(min_length=1)
    label: str | None = None


class LinkSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    heading: str
    aspects: list[str] | Literal["all"]
    basis: str = Field(min_length=2)


class ModeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=2)
    section: str
    requirements: list[str] = []


class CategorySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    modes: list[ModeSpec] = []
    links: list[LinkSpec] = []
    requirements: list[RequirementSpec] = []


class LinkageSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notice_id: str
    categories: dict[Literal["enterprise", "platform", "project", "city"], CategorySpec] = {}


def load_linkage_spec(notice_id: str, data_dir: Path = DATA_DIR) -> LinkageSpec | None:
    path = Path(data_dir) / f"{notice_id}.yaml"
    if not path.exists():
        return None
    try:
        spec = LinkageSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ShenbaoError(f"{path}: 提纲关联数据格式有误（{str(exc).splitlines()[0]}）") from None
    if spec.notice_id != notice_id:
        raise ShenbaoError(f"{path}: notice_id 应为 {notice_id}，实为 {spec.notice_id}")
    return spec


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def spec_modes(notice: Notice, chunks: list, category: str, specs: list[ModeSpec]) -> list[Mode]:
    """Modes the data file names, each name and requirement cited verbatim at its section."""
    modes = []
    for spec in specs:
        path = spec.section.split(" > ")
        cite(notice, chunks, spec.name, path)  # the name itself must be in the text there
        requirements = [
            Requirement(id=f"{spec.name}·{i}", label=f"{spec.name}·{_short(q, 16)}", text=q, mode=spec.name,
                        citation=cite(notice, chunks, q, path))
            for i, q in enumerate(spec.requirements, start=1)
        ]
        modes.append(Mode(name=spec.name, category=category, section=spec.section, requirements=requirements))
    return modes


def _find_item(notice_id: str, outline: Outline, heading: str) -> OutlineItem:
    item = outline.item(heading)
    if item is None:
        raise ShenbaoError(f"{notice_id}: 关联数据中的标题「{heading}」不在{outline.title}的提纲中")
    return item


def derived_links(outline: Outline, aspects: set[str]) -> None:
    """Aspect links the guidance states itself: “服务内容” in "参考附件1…“服务内容”要求编制"."""
    for item in outline.items:
        named = [a for a in sorted(aspects) if f"“{a}”" in item.guidance]
        if named:
            item.links.append(Link(kind="mode_aspect", aspects=named, basis=item.guidance, source="guidance"))


def apply_spec(notice: Notice, chunks: list, outline: Outline, spec: CategorySpec) -> None:
    """Add the hand-checked links and fixed requirements of one category to its outline (verified)."""
    for link in spec.links:
        item = _find_item(notice.id, outline, link.heading)
        if link.basis not in item.heading and link.basis not in item.guidance:
            raise ShenbaoError(f"{notice.id}: 关联依据「{link.basis}」不在「{item.heading}」的标题或说明中")
        aspects = ["*"] if link.aspects == "all" else list(link.aspects)
        item.links.append(Link(kind="mode_aspect", aspects=aspects, basis=link.basis, source="hand_checked"))
    for i, req in enumerate(spec.requirements, start=1):
        citation = cite(notice, chunks, req.quote, req.section.split(" > "), n=i)
        requirement = Requirement(id=req.id, label=req.label or _short(req.quote), text=req.quote, citation=citation)
        outline.requirements.append(requirement)
        for heading in req.headings:
            item = _find_item(notice.id, outline, heading)
            item.links.append(Link(kind="requirement", requirement_ids=[req.id], basis=req.quote, source="hand_checked"))


def item_requirements(outline: Outline, item: OutlineItem, modes: list[Mode]) -> list[Requirement]:
    """The requirements `item` must answer for the selected modes, in a stable order, without repeats."""
    fixed = {r.id: r for r in outline.requirements}
    found: dict[str, Requirement] = {}
    for link in item.links:
        if link.kind == "mode_aspect":
            for mode in modes:
                for req in mode.requirements:
                    if "*" in link.aspects or req.aspect in link.aspects:
                        found.setdefault(req.id, req)
        else:
            for rid in link.requirement_ids:
                found.setdefault(rid, fixed[rid])
    return list(found.values())


def rules_aliases(folder: Path) -> dict[str, str]:
    """The `mode_aliases` of the notice's rules.yaml (one source of truth for other names of a mode)."""
    path = Path(folder) / "rules.yaml"
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return {}
    aliases = data.get("mode_aliases") or {}
    return {"".join(str(k).split()): "".join(str(v).split()) for k, v in aliases.items()}
