"""`shenbao eval rules`: drafted packs measured two ways.

1. Against the hand-written packs of the corpus: every hard rule is split into atoms (category,
   operator, field(s), threshold, applicability); recall is the share of the reference's atoms the
   drafted pack has, precision the share of the drafted hard atoms that the reference has.
2. On external notices, with applicant profiles written blind from the documents: a case agrees
   when the drafted pack gives the expected verdict and fails the expected fields.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from ...corpus import find_notice_sources, load_corpus_notice, load_notice
from ...errors import ShenbaoError
from ...eval_metadata import source_text
from ...forwarding import split_forwarded
from ...jsonfile import read_cases
from ..conditions import norm_region
from ..pack import RuleSpec, pack_notice_ids, read_pack_spec
from ..rulebook import NoticeShelf, RuleBook
from .draft import draft_pack


class PackScore(BaseModel):
    notice_id: str
    reference: int
    drafted: int
    matched: int
    missed: list[str]
    extra: list[str]


class CaseResult(BaseModel):
    id: str
    notice_file: str
    expected: str
    got: str
    expected_failing: list[str]
    got_failing: list[str]
    agreed: bool


class RulesReport(BaseModel):
    packs: list[PackScore]
    recall: float
    precision: float
    cases: list[CaseResult]
    agreement: float | None
    verdict_agreement: float | None
    # cases on notices whose text states no conditions: the engine says so instead of deciding (by design)
    no_conditions_cases: int = 0
    agreement_where_stated: float | None = None
    seconds_per_draft: float


def _value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return f"{v.normalize():f}"
    if isinstance(v, float):
        return f"{Decimal(str(v)).normalize():f}"
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        return norm_region(v)
    if isinstance(v, (list, tuple)):
        return tuple(sorted(_value(x) for x in v))
    return v


def _atoms(rules: Iterable[RuleSpec], offered: list[str]) -> set[str]:
    """One atom per hard rule and category it applies to."""
    out: set[str] = set()
    for rule in rules:
        if rule.strength != "hard":
            continue
        cond = rule.condition.model_dump(exclude_none=True)
        when = rule.applies_when.model_dump(exclude_none=True) if rule.applies_when else {}
        body = json.dumps({k: _value(v) for k, v in {**cond, **{f"when_{k}": v for k, v in when.items()}}.items()},
                          ensure_ascii=False, sort_keys=True, default=str)
        if cond["op"] == "category_offered":
            out.add(body)
            continue
        for category in offered if rule.categories == "all" else rule.categories:
            out.add(f"{category} {body}")
    return out


def score_packs(corpus_dir: Path) -> tuple[list[PackScore], float]:
    import time

    scores: list[PackScore] = []
    elapsed = 0.0
    for notice_id in pack_notice_ids(corpus_dir):
        notice = load_corpus_notice(corpus_dir, notice_id)
        reference = _atoms(read_pack_spec(Path(corpus_dir) / notice_id).rules, notice.meta.categories)
        started = time.perf_counter()
        draft = draft_pack(notice)
        elapsed += time.perf_counter() - started
        drafted = _atoms(draft.spec.rules, notice.meta.categories) if draft else set()
        scores.append(PackScore(notice_id=notice_id, reference=len(reference), drafted=len(drafted),
                                matched=len(reference & drafted), missed=sorted(reference - drafted),
                                extra=sorted(drafted - reference)))
    return scores, elapsed / max(1, len(scores))


# Fields a rule reads together, which the blind cases name one or both of: a place rule reads the
# province and the city; a service share reads service revenue and total revenue.
PLACE_FIELDS = {"registered_city": "registered_place", "registered_province": "registered_place",
                "service_revenue": "revenue", "revenue_total": "revenue"}


def _fields(names: Iterable[str]) -> list[str]:
    return sorted({PLACE_FIELDS.get(f, f) for f in names})


def _failing_fields(result: Any, read: dict[str, tuple[str, ...]]) -> list[str]:
    """The fields whose values failed a deciding rule (its condition's, not its applicability's)."""
    return _fields(f for r in result.rules if r.status == "fail" and r.strength in ("hard", "in_principle")
                   for f in read.get(r.id) or r.fields)


class CaseExpected(BaseModel):
    verdict: Literal["eligible", "ineligible", "at_risk", "undetermined"]
    failing_fields: list[str] = []
    missing: list[str] = []


class RulesCase(BaseModel):
    """One blind case: a profile against a notice file, with the expert's verdict (quote, note: free)."""

    id: str
    notice_file: str
    profile: dict[str, Any]
    expected: CaseExpected


def _find(name: str, folders: list[Path]) -> Path | None:
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


def run_cases(gold: Path, notices_dirs: list[Path]) -> list[CaseResult]:
    cases = [case.model_dump() for case in read_cases(gold, RulesCase)]
    books: dict[str, tuple[RuleBook, str]] = {}
    out: list[CaseResult] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            name = case["notice_file"]
            if name not in books:
                path = _find(name, notices_dirs)
                if path is None:
                    where = "、".join(str(d) for d in notices_dirs)
                    raise ShenbaoError(f"{gold}: 用例 {case['id']} 的通知文件 {name} 不在 {where} 中")
                folder = Path(tmp) / Path(name).stem
                folder.mkdir()
                (folder / "notice.txt").write_text(source_text(path), encoding="utf-8")
                [(nid, fold, files)] = find_notice_sources(folder)
                loaded = split_forwarded(load_notice(nid, fold, files))
                books[name] = (RuleBook(Path(tmp) / "no-corpus", NoticeShelf(loaded)), loaded[0].id)
            book, notice_id = books[name]
            expected = case["expected"]
            try:
                result = book.check(notice_id, case["profile"], today=date.today())
                read = {r.id: r.condition_fields for r in book.pack(notice_id).rules}
                got, failing = result.verdict, _failing_fields(result, read)
            except ShenbaoError:
                got, failing = "no_rules", []
            want = _fields(expected.get("failing_fields", []))
            agreed = got == expected["verdict"] and (got not in ("ineligible", "at_risk") or failing == want)
            out.append(CaseResult(id=case["id"], notice_file=name, expected=expected["verdict"], got=got,
                                  expected_failing=want, got_failing=failing, agreed=agreed))
    return out


def evaluate_rules(corpus_dir: Path, gold: Path | None, notices_dirs: list[Path]) -> RulesReport:
    packs, per_draft = score_packs(corpus_dir)
    reference = sum(p.reference for p in packs)
    drafted = sum(p.drafted for p in packs)
    matched = sum(p.matched for p in packs)
    cases = run_cases(gold, notices_dirs) if gold is not None else []
    stated = [c for c in cases if c.got != "no_rules"]
    return RulesReport(
        packs=packs,
        recall=matched / reference if reference else 0.0,
        precision=matched / drafted if drafted else 0.0,
        cases=cases,
        agreement=sum(c.agreed for c in cases) / len(cases) if cases else None,
        verdict_agreement=sum(c.got == c.expected for c in cases) / len(cases) if cases else None,
        no_conditions_cases=len(cases) - len(stated),
        agreement_where_stated=sum(c.agreed for c in stated) / len(stated) if stated else None,
        seconds_per_draft=per_draft,
    )


def format_rules_report(report: RulesReport) -> str:
    lines = ["规则抽取评测（对照人工编写的规则包，硬性规则）："]
    for p in report.packs:
        lines.append(f"  {p.notice_id}: 参照 {p.reference} 条，抽取 {p.drafted} 条，一致 {p.matched} 条")
        lines += [f"    漏抽：{m}" for m in p.missed]
        lines += [f"    多抽/不一致：{m}" for m in p.extra]
    lines.append(f"召回率 {report.recall:.3f}，精确率 {report.precision:.3f}；每个通知抽取耗时 {report.seconds_per_draft * 1000:.0f} ms")
    if report.cases:
        lines.append(f"外部通知用例：{len(report.cases)} 个，一致率 {report.agreement:.3f}（仅结论 {report.verdict_agreement:.3f}）")
        if report.no_conditions_cases:
            lines.append(f"  其中 {report.no_conditions_cases} 个用例的通知现有文本没有写明申报条件（系统如实说明、不作判断）；"
                         f"其余用例一致率 {report.agreement_where_stated:.3f}")
        for c in report.cases:
            if not c.agreed:
                lines.append(f"  ✗ {c.id}: 期望 {c.expected} {c.expected_failing}，得到 {c.got} {c.got_failing}")
    return "\n".join(lines)
