"""The eligibility engine: a compiled rule pack evaluated against an applicant profile.

`load_pack` compiles a notice's pack once (cached until a file of the notice folder changes);
`RulePack.evaluate` is then pure, deterministic work on plain closures, memoised per rule on the
profile values that rule reads. `check` and `check_all` are the library entry points behind
`shenbao check`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..errors import ShenbaoError
from ..metadata import application_deadline
from ..settings import get_settings
from .conditions import Context, Outcome
from .dates import fmt, parse_date
from .models import (
    VERDICT_RANK,
    AsOfSource,
    Question,
    Result,
    RuleResult,
    trusted,
)
from .pack import CompiledRule, category_list, load_pack_parts, pack_notice_ids, render, spec_modes
from .profile import CATEGORY_LABELS, FIELD_INFO, FIELD_ORDER, Profile, parse_profile

RESULT_CACHE_SIZE = 20_000  # per pack: memoised rule results (keyed by the values each rule reads)


@lru_cache(maxsize=64)
def question_for(name: str) -> Question:
    """The Chinese question to ask for a missing profile field."""
    info = FIELD_INFO[name]
    return Question(field=name, label=info.label, question=info.question)


def _missing_labels(fields: tuple[str, ...]) -> str:
    return "、".join(FIELD_INFO[f].label for f in fields)


_TYPE_UNKNOWN = Outcome("unknown", {}, ("applicant_type",))


@dataclass(frozen=True, slots=True)
class Step:
    """One rule as run for one applicant category."""

    index: int
    rule: CompiledRule
    gated: bool  # unknown because the applicant's category is unknown
    inputs: Callable[[Profile], Any] | None  # the profile values the rule reads (its memo key)


Plan = tuple[Step, ...]


def make_plans(rules: tuple[CompiledRule, ...], offered: frozenset[str]) -> dict[str | None, Plan]:
    """For each applicant category (None = unknown), the rules to run, in pack order."""
    plans: dict[str | None, Plan] = {}
    for kind in (*CATEGORY_LABELS, None):
        plan = []
        for index, rule in enumerate(rules):
            inputs = attrgetter(*rule.fields) if rule.fields else None
            cats = rule.categories
            if cats is None or (kind is not None and kind in cats):
                plan.append(Step(index, rule, False, inputs))
            elif kind is None:  # rules for some offered categories only: unknown until the category is known
                plan.append(Step(index, rule, not offered <= cats, inputs))
        plans[kind] = tuple(plan)
    return plans


@dataclass(frozen=True)
class RulePack:
    """One notice's rules, compiled and with their citations verified."""

    notice_id: str
    title: str
    doc_no: str | None
    offered: frozenset[str]
    deadline: date | None
    mode_aliases: dict[str, str]
    rules: tuple[CompiledRule, ...]
    offered_text: str
    plans: dict[str | None, Plan]
    mode_names: tuple[str, ...] = ()  # the modes its conditions name (chat maps mode keywords onto them)
    reviewed: bool = True  # False: drafted by the system from the notice's text, not checked by a person
    _results: dict[tuple[Any, ...], RuleResult] = field(default_factory=dict, repr=False, compare=False)

    def resolve_as_of(self, profile: Profile, as_of: date | str | None, today: date) -> tuple[date, AsOfSource]:
        """Explicit as-of date, else the profile's application_date, else the deadline, else today."""
        if as_of is not None:
            day = parse_date(as_of)
            if day is None:
                raise ShenbaoError(f"判断基准日（as_of）不是合法日期：{as_of}")
            return day, "explicit"
        if profile.application_date is not None:
            return profile.application_date, "application_date"
        if self.deadline is not None:
            return self.deadline, "deadline"
        return today, "today"

    @staticmethod
    def _run(rule: CompiledRule, profile: Profile, ctx: Context) -> Outcome:
        """Applicability (applies_when) and condition, in three-valued logic."""
        if rule.applies_when is None:
            return rule.condition(profile, ctx)
        applies = rule.applies_when(profile, ctx)
        if applies.status == "fail":
            return Outcome("not_applicable", applies.facts)
        outcome = rule.condition(profile, ctx)
        if outcome.status == "pass" or applies.status == "pass":
            return Outcome(outcome.status, {**applies.facts, **outcome.facts}, outcome.missing)
        missing = applies.missing + tuple(f for f in outcome.missing if f not in applies.missing)
        return Outcome("unknown", {**applies.facts, **outcome.facts}, missing)

    @staticmethod
    def _explain(rule: CompiledRule, outcome: Outcome, common: dict[str, str]) -> str:
        facts = outcome.facts
        if outcome.missing:
            facts = {**facts, "missing": _missing_labels(outcome.missing)}
        text = render(rule.texts[outcome.status], facts, common)
        if rule.interpretation is not None:
            text += render(rule.interpretation, facts, common)
        return text

    def _build(self, rule: CompiledRule, outcome: Outcome, gated: bool, common: dict[str, str]) -> RuleResult:
        if gated:
            text = f"申报类别尚未确定；本条仅适用于{category_list(rule.categories or frozenset())}。"
        else:
            text = self._explain(rule, outcome, common)
        return trusted(
            RuleResult,
            id=rule.id,
            status=outcome.status,
            strength=rule.strength,
            explanation=text,
            citation=rule.citation,
            label=rule.label,
            fields=rule.fields,
            missing=outcome.missing,
        )

    def evaluate(self, profile: Profile | dict[str, Any], as_of: date | str | None = None, *, today: date) -> Result:
        """Check one profile (a Profile or raw data, validated here) against this pack."""
        p = parse_profile(profile)
        day, source = self.resolve_as_of(p, as_of, today)
        ctx = Context(day, self.offered, self.mode_aliases)
        kind = p.applicant_type
        common = {"as_of": fmt(day), "applicant": CATEGORY_LABELS[kind] if kind else "（申报类别未知）",
                  "offered": self.offered_text}
        cache = self._results
        results: list[RuleResult] = []
        wanted: set[str] = set()
        hard_fail = hard_unknown = soft_fail = False
        for step in self.plans[kind]:
            # A rule's result depends only on the fields it reads (checked when the pack loads), the as-of
            # date and the category, so equal inputs share one frozen RuleResult.
            key = (step.index, step.inputs(p) if step.inputs else None, day, kind)
            result = cache.get(key)
            if result is None:
                rule = step.rule
                if step.gated:
                    outcome = _TYPE_UNKNOWN
                elif rule.applies_when is None:
                    outcome = rule.condition(p, ctx)
                else:
                    outcome = self._run(rule, p, ctx)
                if len(cache) >= RESULT_CACHE_SIZE:
                    cache.clear()
                result = cache[key] = self._build(rule, outcome, step.gated, common)
            results.append(result)
            status, strength = result.status, result.strength
            if strength == "guidance" or status == "pass" or status == "not_applicable":
                continue
            if status == "unknown":
                wanted.update(result.missing)
            if strength == "hard":
                hard_fail = hard_fail or status == "fail"
                hard_unknown = hard_unknown or status == "unknown"
            else:
                soft_fail = soft_fail or status == "fail"
        verdict = (
            "ineligible" if hard_fail else "undetermined" if hard_unknown else "at_risk" if soft_fail else "eligible"
        )
        missing = sorted(wanted, key=FIELD_ORDER.__getitem__)
        return trusted(
            Result,
            notice_id=self.notice_id,
            as_of=day,
            verdict=verdict,
            rules=results,
            missing=missing,
            questions=[question_for(f) for f in missing],
            title=self.title,
            doc_no=self.doc_no,
            as_of_source=source,
            applicant_type=kind,
            name=p.name,
            reviewed=self.reviewed,
        )


def _folder_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    if not folder.is_dir():
        return ()
    return tuple(
        sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file())
    )


@lru_cache(maxsize=32)
def _compiled(corpus_dir: str, notice_id: str, stamp: tuple[tuple[str, int, int], ...]) -> RulePack:
    notice, spec, rules = load_pack_parts(Path(corpus_dir), notice_id)
    offered = frozenset(notice.meta.categories)
    return RulePack(
        notice_id=notice.id,
        title=notice.meta.title,
        doc_no=notice.meta.doc_no,
        offered=offered,
        deadline=application_deadline(notice.meta),
        mode_aliases={"".join(k.split()): v for k, v in spec.mode_aliases.items()},
        rules=tuple(rules),
        offered_text=category_list(offered),
        plans=make_plans(tuple(rules), offered),
        mode_names=spec_modes(spec),
    )


def load_pack(corpus_dir: Path, notice_id: str) -> RulePack:
    """The compiled pack of a notice (recompiled when any file of its folder changes)."""
    root = Path(corpus_dir).resolve()
    return _compiled(str(root), notice_id, _folder_stamp(root / notice_id))


def _defaults(corpus_dir: Path | None, today: date | None) -> tuple[Path, date]:
    if corpus_dir is not None and today is not None:
        return Path(corpus_dir), today
    settings = get_settings()
    return Path(corpus_dir or settings.corpus_dir), today or settings.clock()


def check(
    notice_id: str,
    profile: Profile | dict[str, Any],
    as_of: date | str | None = None,
    *,
    corpus_dir: Path | None = None,
    today: date | None = None,
) -> Result:
    """Check one profile against one notice's rules (DESIGN.md verdict semantics)."""
    root, day = _defaults(corpus_dir, today)
    return load_pack(root, notice_id).evaluate(profile, as_of, today=day)


def rank_key(result: Result) -> tuple[int, int, int, int, str]:
    hard_fail = sum(1 for r in result.rules if r.strength == "hard" and r.status == "fail")
    soft_fail = sum(1 for r in result.rules if r.strength == "in_principle" and r.status == "fail")
    return (VERDICT_RANK[result.verdict], hard_fail, len(result.missing), soft_fail, result.notice_id)


def check_all(
    profile: Profile | dict[str, Any],
    as_of: date | str | None = None,
    *,
    corpus_dir: Path | None = None,
    today: date | None = None,
) -> list[Result]:
    """Check a profile against every notice with a rule pack, best match first."""
    root, day = _defaults(corpus_dir, today)
    parsed = parse_profile(profile)
    results = [load_pack(root, nid).evaluate(parsed, as_of, today=day) for nid in pack_notice_ids(root)]
    if not results:
        raise ShenbaoError(f"语料目录 {root} 中没有任何通知带有申报条件规则（rules.yaml）")
    return sorted(results, key=rank_key)
