"""The eligibility engine: a compiled rule pack evaluated against an applicant profile.

`load_pack` compiles a notice's pack once (cached until a file of the notice folder changes);
`RulePack.evaluate` is then pure, deterministic work on plain closures. `check` and `check_all` are
the library entry points behind `shenbao check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ShenbaoError
from ..metadata import NoticeMeta
from ..settings import get_settings
from .conditions import Context, Outcome
from .dates import fmt, parse_date
from .models import (
    VERDICT_RANK,
    AsOfSource,
    Question,
    Result,
    RuleResult,
    verdict_for,
)
from .pack import CompiledRule, category_list, load_pack_parts, pack_notice_ids
from .profile import CATEGORY_LABELS, FIELD_INFO, FIELD_ORDER, Profile, parse_profile

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_DECIDING = ("hard", "in_principle")


def application_deadline(meta: NoticeMeta) -> date | None:
    """The notice's application deadline: the latest deadline about 申报 materials, else the latest one."""
    if not meta.deadlines:
        return None
    about_application = [d.date for d in meta.deadlines if "申报" in d.what]
    return max(about_application or [d.date for d in meta.deadlines])


def _render(template: str, facts: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: facts.get(m.group(1), "（未知）"), template)


def _missing_labels(fields: tuple[str, ...]) -> str:
    return "、".join(FIELD_INFO[f].label for f in fields)


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

    @property
    def offered_text(self) -> str:
        return category_list(self.offered)

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

    def _run(self, rule: CompiledRule, profile: Profile, ctx: Context) -> Outcome:
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

    def _explain(self, rule: CompiledRule, outcome: Outcome, common: dict[str, str]) -> str:
        texts = rule.explanation
        facts = {**common, **outcome.facts, "missing": _missing_labels(outcome.missing)}
        if outcome.status == "pass":
            text = _render(texts.passed, facts)
        elif outcome.status == "fail":
            text = _render(texts.fail, facts)
        elif outcome.status == "not_applicable":
            text = _render(texts.not_applicable or "本条不适用于该申报主体。", facts)
        elif outcome.missing:
            text = _render(texts.unknown or "尚缺{missing}信息，暂无法判断。", facts)
        else:
            text = _render(texts.unknown or "需结合申报材料判断。", facts)
        if rule.interpretation:
            text += f"（判断口径：{_render(rule.interpretation, facts)}）"
        return text

    def evaluate(self, profile: Profile | dict[str, Any], as_of: date | str | None = None, *, today: date) -> Result:
        p = parse_profile(profile)
        day, source = self.resolve_as_of(p, as_of, today)
        ctx = Context(as_of=day, offered=self.offered, mode_aliases=self.mode_aliases)
        applicant = CATEGORY_LABELS[p.applicant_type] if p.applicant_type else "（申报类别未知）"
        common = {"as_of": fmt(day), "applicant": applicant, "offered": self.offered_text}
        results: list[RuleResult] = []
        for rule in self.rules:
            if p.applicant_type is not None and p.applicant_type not in rule.categories:
                continue
            if p.applicant_type is None and rule.categories != self.offered:
                outcome = Outcome("unknown", {}, ("applicant_type",))
                text = f"申报类别尚未确定；本条仅适用于{category_list(rule.categories)}。"
            else:
                outcome = self._run(rule, p, ctx)
                text = self._explain(rule, outcome, common)
            results.append(
                RuleResult.model_construct(
                    id=rule.id,
                    status=outcome.status,
                    strength=rule.strength,
                    explanation=text,
                    citation=rule.citation,
                    label=rule.label,
                    fields=list(rule.fields),
                    missing=list(outcome.missing),
                )
            )
        wanted = {f for r in results if r.status == "unknown" and r.strength in _DECIDING for f in r.missing}
        missing = sorted(wanted, key=FIELD_ORDER.__getitem__)
        return Result.model_construct(
            notice_id=self.notice_id,
            as_of=day,
            verdict=verdict_for(results),
            rules=results,
            missing=missing,
            questions=[
                Question.model_construct(field=f, label=FIELD_INFO[f].label, question=FIELD_INFO[f].question)
                for f in missing
            ],
            title=self.title,
            doc_no=self.doc_no,
            as_of_source=source,
            applicant_type=p.applicant_type,
            name=p.name,
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
    return RulePack(
        notice_id=notice.id,
        title=notice.meta.title,
        doc_no=notice.meta.doc_no,
        offered=frozenset(notice.meta.categories),
        deadline=application_deadline(notice.meta),
        mode_aliases={"".join(k.split()): v for k, v in spec.mode_aliases.items()},
        rules=tuple(rules),
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
