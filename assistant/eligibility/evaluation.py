"""`shenbao eval eligibility`: agreement of the engine with hand-labelled end-to-end cases.

Each line of the gold file (tests/eval/eligibility.jsonl) is one case:
`{"id", "notice_id", "profile", "as_of"?, "today"?, "expected": {"verdict", "failing", "missing"?}, "note"?}`.
`failing` lists the rules that fail and decide the verdict (hard and 原则上); a case agrees when the
verdict, the failing rules and (when given) the missing fields all match.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..errors import ShenbaoError
from ..jsonfile import read_cases
from .engine import check
from .models import Verdict


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Verdict
    failing: list[str] = []
    missing: list[str] | None = None


class GoldCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    notice_id: str
    profile: dict[str, Any]
    as_of: date | None = None
    today: date | None = None
    expected: Expected
    note: str | None = None


class CaseOutcome(BaseModel):
    id: str
    notice_id: str
    agreed: bool
    expected: Expected
    verdict: str
    failing: list[str]
    missing: list[str]
    error: str | None = None


class EvalReport(BaseModel):
    gold: str
    total: int
    agreed: int
    agreement: float
    cases: list[CaseOutcome]


def read_gold(path: Path) -> list[GoldCase]:
    return read_cases(path, GoldCase)


def evaluate_case(case: GoldCase, corpus_dir: Path, today: date) -> CaseOutcome:
    try:
        result = check(case.notice_id, case.profile, case.as_of, corpus_dir=corpus_dir, today=case.today or today)
    except ShenbaoError as exc:
        return CaseOutcome(
            id=case.id, notice_id=case.notice_id, agreed=False, expected=case.expected,
            verdict="error", failing=[], missing=[], error=str(exc),
        )
    failing = result.failing()
    agreed = result.verdict == case.expected.verdict and set(failing) == set(case.expected.failing)
    if case.expected.missing is not None:
        agreed = agreed and set(result.missing) == set(case.expected.missing)
    return CaseOutcome(
        id=case.id, notice_id=case.notice_id, agreed=agreed, expected=case.expected,
        verdict=result.verdict, failing=failing, missing=result.missing,
    )


def evaluate_eligibility(gold: Path, corpus_dir: Path, today: date) -> EvalReport:
    cases = read_gold(gold)
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ShenbaoError(f"评测集 {gold} 中用例编号重复：{', '.join(duplicates)}")
    outcomes = [evaluate_case(case, corpus_dir, today) for case in cases]
    agreed = sum(o.agreed for o in outcomes)
    return EvalReport(gold=str(gold), total=len(outcomes), agreed=agreed, agreement=agreed / len(outcomes),
                      cases=outcomes)


def format_report(report: EvalReport) -> str:
    lines = [f"资格判断评测：{report.gold}"]
    by_notice: dict[str, list[CaseOutcome]] = {}
    for case in report.cases:
        by_notice.setdefault(case.notice_id, []).append(case)
    for notice_id, cases in sorted(by_notice.items()):
        ok = sum(c.agreed for c in cases)
        lines.append(f"  {notice_id:<14} {ok}/{len(cases)}")
    for case in report.cases:
        if case.agreed:
            continue
        if case.error:
            lines.append(f"  ✗ {case.id}: 出错：{case.error}")
            continue
        lines.append(
            f"  ✗ {case.id}: 期望 {case.expected.verdict} {sorted(case.expected.failing)}"
            f"{'' if case.expected.missing is None else ' missing=' + str(sorted(case.expected.missing))}，"
            f"实际 {case.verdict} {sorted(case.failing)} missing={case.missing}"
        )
    lines.append(f"一致率：{report.agreed}/{report.total} = {report.agreement:.1%}")
    return "\n".join(lines)
