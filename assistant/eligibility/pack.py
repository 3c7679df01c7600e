"""Rule packs: `corpus/<id>/rules.yaml`, validated and compiled once against the cleaned notice.

Compiling checks everything a wrong pack could get wrong: field names, that a rule's declared fields
are the ones its condition reads, explanation placeholders, categories the notice offers, strengths
(qualitative conditions are never hard) and, above all, that each quote is verbatim in the cleaned
notice text under its cited section. A pack that fails any check does not load.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..chunking import Chunk
from ..citations import Citation, make_citation
from ..corpus import Notice, chunks_for, load_corpus_notice
from ..errors import ShenbaoError
from .conditions import COMMON_FACTS, CategoryOffered, Condition, Evaluator, is_qualitative
from .profile import CATEGORY_LABELS, Category

RULES_FILE = "rules.yaml"
Strength = Literal["hard", "in_principle", "guidance"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class CitationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    section: str = ""  # the heading path; "" only for text before the first heading
    quote: str = Field(min_length=4)


class ExplanationSpec(BaseModel):
    """Chinese explanation templates; `{name}` placeholders are filled with facts the condition computed."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    passed: str = Field(alias="pass", min_length=1)
    fail: str = Field(min_length=1)
    unknown: str | None = None
    not_applicable: str | None = None


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=2)
    categories: list[Category] | Literal["all"]
    fields: list[str]
    strength: Strength
    condition: Condition
    applies_when: Condition | None = None
    interpretation: str | None = None
    explanation: ExplanationSpec
    citation: CitationSpec

    @model_validator(mode="after")
    def _consistent(self) -> RuleSpec:
        read = set(self.condition.fields()) | set(self.applies_when.fields() if self.applies_when else ())
        if set(self.fields) != read:
            raise ValueError(f"fields {sorted(self.fields)} differ from the fields the condition reads {sorted(read)}")
        if is_qualitative(self.condition) and self.strength != "guidance":
            raise ValueError("a qualitative condition is guidance, never hard or in_principle")
        if self.applies_when is not None and is_qualitative(self.applies_when):
            raise ValueError("applies_when cannot be qualitative")
        if is_qualitative(self.condition) and not self.explanation.unknown:
            raise ValueError("a qualitative condition needs an `unknown` explanation (what the experts review)")
        known = COMMON_FACTS | self.condition.provides() | (self.applies_when.provides() if self.applies_when else set())
        texts = self.explanation
        for text in (texts.passed, texts.fail, texts.unknown, texts.not_applicable, self.interpretation):
            unknown = set(PLACEHOLDER.findall(text or "")) - known - {"missing"}
            if unknown:
                raise ValueError(f"explanation uses unknown placeholder(s) {sorted(unknown)}; available: {sorted(known)}")
        return self


class RulePackSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notice_id: str
    mode_aliases: dict[str, str] = {}
    rules: list[RuleSpec] = Field(min_length=1)


Template = tuple[str, ...]  # literal, name, literal, name, …, literal
DEFAULT_UNKNOWN = "缺少以下信息，暂无法判断：{missing}。"
DEFAULT_NOT_APPLICABLE = "本条不适用于该申报主体。"


def compile_template(text: str) -> Template:
    return tuple(PLACEHOLDER.split(text))


def render(template: Template, facts: dict[str, str], common: dict[str, str]) -> str:
    """Fill `{name}` placeholders from the condition's facts, then the common facts."""
    if len(template) == 1:
        return template[0]
    parts = list(template)
    for i in range(1, len(parts), 2):
        name = parts[i]
        parts[i] = facts.get(name) or common.get(name) or "（未知）"
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: str
    label: str
    strength: str
    categories: frozenset[str] | None  # None: every applicant, whatever its category
    fields: tuple[str, ...]
    condition: Evaluator
    applies_when: Evaluator | None
    texts: dict[str, Template]  # status → explanation template
    interpretation: Template | None
    citation: Citation
    condition_fields: tuple[str, ...] = ()  # the fields its condition reads (not its applicability)
    key: str = ""  # what the rule checks (condition, applicability), to tell equal rules of two packs apart


def read_pack_spec(folder: Path) -> RulePackSpec:
    path = folder / RULES_FILE
    if not path.is_file():
        raise ShenbaoError(f"通知「{folder.name}」没有申报条件规则（缺少 {path}）")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).replace("\n", " ")
        raise ShenbaoError(f"{path}: 规则文件无法读取或不是合法的 YAML（{reason}）") from None
    try:
        spec = RulePackSpec.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise ShenbaoError(f"{path}: 规则不合法（{problems}）") from None
    if spec.notice_id != folder.name:
        raise ShenbaoError(f"{path}: notice_id「{spec.notice_id}」与目录名「{folder.name}」不一致")
    return spec


def _check_pack(spec: RulePackSpec, notice: Notice, path: Path, reviewed: bool = True) -> None:
    offered = set(notice.meta.categories)
    if not offered and not reviewed:  # a drafted pack of a notice that names no category: no gate
        return
    if not offered:
        raise ShenbaoError(f"{path}: 通知元数据没有列出遴选类别（categories）")
    ids = [rule.id for rule in spec.rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ShenbaoError(f"{path}: 规则编号重复：{', '.join(duplicates)}")
    gate = [r for r in spec.rules if isinstance(r.condition, CategoryOffered)]
    if not gate and not reviewed:  # drafted: the sentence naming the categories was not found
        return
    if len(gate) != 1 or gate[0].strength != "hard" or gate[0].categories != "all":
        raise ShenbaoError(f"{path}: 需要恰好一条适用于所有类别（categories: all）的 category_offered 硬性规则")
    for rule in spec.rules:
        if rule.categories != "all" and not set(rule.categories) <= offered:
            extra = ", ".join(sorted(set(rule.categories) - offered))
            raise ShenbaoError(f"{path}: 规则 {rule.id} 针对本通知未设置的类别：{extra}")
        if rule.strength != "guidance" and not rule.fields:
            raise ShenbaoError(f"{path}: 规则 {rule.id} 为 {rule.strength}，却不读取任何申报主体字段")


def compile_rules(spec: RulePackSpec, notice: Notice, path: Path, reviewed: bool = True,
                  chunks: list[Chunk] | None = None) -> list[CompiledRule]:
    """Validate the pack against its notice and compile every rule (citations verified here). A
    drafted (unreviewed) pack may lack the category gate when the notice names no category; it
    passes the chunks it was drafted over."""
    _check_pack(spec, notice, path, reviewed)
    chunks = chunks if chunks is not None else chunks_for(notice)
    compiled: list[CompiledRule] = []
    for n, rule in enumerate(spec.rules, start=1):
        try:
            citation = make_citation(notice, chunks, rule.citation.quote, rule.citation.section, n=n)
        except ShenbaoError as exc:
            raise ShenbaoError(f"{path}: 规则 {rule.id} 的引文未通过核对：{exc}") from None
        compiled.append(
            CompiledRule(
                id=rule.id,
                label=rule.label,
                strength=rule.strength,
                categories=None if rule.categories == "all" else frozenset(rule.categories),
                fields=tuple(rule.fields),
                condition=rule.condition.compile(),
                applies_when=rule.applies_when.compile() if rule.applies_when else None,
                texts={
                    "pass": compile_template(rule.explanation.passed),
                    "fail": compile_template(rule.explanation.fail),
                    "unknown": compile_template(rule.explanation.unknown or DEFAULT_UNKNOWN),
                    "not_applicable": compile_template(rule.explanation.not_applicable or DEFAULT_NOT_APPLICABLE),
                },
                interpretation=compile_template(f"（判断口径：{rule.interpretation}）") if rule.interpretation else None,
                citation=citation,
                condition_fields=tuple(rule.condition.fields()),
                key=json.dumps([rule.condition.model_dump(mode="json", exclude_none=True),
                                rule.applies_when.model_dump(mode="json", exclude_none=True) if rule.applies_when else None],
                               ensure_ascii=False, sort_keys=True),
            )
        )
    return compiled


def spec_modes(spec: RulePackSpec) -> tuple[str, ...]:
    """The mode names a pack's conditions use (modes_within / modes_include_any values), in order."""
    names: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if str(node.get("op", "")).startswith("modes_"):
                names.extend(str(v) for v in node.get("values", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk([r.model_dump(mode="json") for r in spec.rules])
    return tuple(dict.fromkeys(names))


def load_pack_parts(corpus_dir: Path, notice_id: str) -> tuple[Notice, RulePackSpec, list[CompiledRule]]:
    notice = load_corpus_notice(Path(corpus_dir), notice_id)
    folder = Path(corpus_dir) / notice_id
    spec = read_pack_spec(folder)
    return notice, spec, compile_rules(spec, notice, folder / RULES_FILE)


def pack_notice_ids(corpus_dir: Path) -> list[str]:
    """Notices of the corpus that carry a rule pack."""
    root = Path(corpus_dir)
    if not root.is_dir():
        raise ShenbaoError(f"语料目录不存在：{root}")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / RULES_FILE).is_file())


def category_list(categories: frozenset[str] | set[str]) -> str:
    return "、".join(CATEGORY_LABELS[c] for c in CATEGORY_LABELS if c in categories)
