"""Result models of an eligibility check (DESIGN.md `shenbao check --json`; extra keys come after the fixed ones)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from ..citations import Citation

Status = Literal["pass", "fail", "unknown", "not_applicable"]
Strength = Literal["hard", "in_principle", "guidance"]
Verdict = Literal["eligible", "ineligible", "at_risk", "undetermined"]
AsOfSource = Literal["explicit", "application_date", "deadline", "today"]

VERDICT_LABELS: dict[str, str] = {
    "eligible": "符合申报条件",
    "ineligible": "不符合申报条件",
    "at_risk": "基本符合，但有“原则上”条件未满足（存在风险）",
    "undetermined": "信息不足，暂无法判断",
}
STATUS_LABELS: dict[str, str] = {"pass": "符合", "fail": "不符合", "unknown": "待确认", "not_applicable": "不适用"}
STRENGTH_LABELS: dict[str, str] = {"hard": "硬性", "in_principle": "原则上", "guidance": "参考"}
VERDICT_RANK: dict[str, int] = {"eligible": 0, "at_risk": 1, "undetermined": 2, "ineligible": 3}


class RuleResult(BaseModel):
    """One rule's outcome. Frozen: the engine shares identical outcomes between results."""

    model_config = ConfigDict(frozen=True)

    id: str
    status: Status
    strength: Strength
    explanation: str
    citation: Citation
    label: str
    fields: tuple[str, ...]
    missing: tuple[str, ...]


class Question(BaseModel):
    model_config = ConfigDict(frozen=True)

    field: str
    label: str
    question: str


class Result(BaseModel):
    notice_id: str
    as_of: date
    verdict: Verdict
    rules: list[RuleResult]
    missing: list[str]
    questions: list[Question]
    title: str
    doc_no: str | None
    as_of_source: AsOfSource
    applicant_type: str | None
    name: str | None
    reviewed: bool = True  # DESIGN.md: false when the pack was drafted from the notice's text by the system

    def failing(self, strengths: tuple[str, ...] = ("hard", "in_principle")) -> list[str]:
        """Ids of the failing rules of the given strengths (by default those that decide the verdict)."""
        return [r.id for r in self.rules if r.status == "fail" and r.strength in strengths]


M = TypeVar("M", bound=BaseModel)


def trusted(cls: type[M], **values: Any) -> M:
    """Build a model from values the engine computed itself (every field given, already valid).

    The engine's hot path: the same result as `cls.model_construct(**values)` for these plain models
    (no aliases, defaults, extras or private attributes), without its per-field bookkeeping.
    """
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def verdict_for(rules: list[RuleResult]) -> Verdict:
    """DESIGN.md: hard fail → ineligible; hard unknown → undetermined; 原则上 fail → at_risk; else eligible."""
    hard = [r.status for r in rules if r.strength == "hard"]
    if "fail" in hard:
        return "ineligible"
    if "unknown" in hard:
        return "undetermined"
    if any(r.status == "fail" for r in rules if r.strength == "in_principle"):
        return "at_risk"
    return "eligible"
