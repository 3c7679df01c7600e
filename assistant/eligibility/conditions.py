"""Rule conditions as data, and the small safe evaluator that runs them.

A condition in `rules.yaml` is a mapping with an `op` key; pydantic validates it into one of the
models below (no yaml text is ever evaluated). `compile()` turns a model into a plain closure that
takes a profile and the evaluation context and returns an `Outcome` in three-valued logic:
pass / fail / unknown (with the profile fields whose absence made it unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..regions import regions
from .dates import add_years, fmt
from .profile import CATEGORY_LABELS, Profile

BoolField = Literal[
    "independent_legal_person",
    "is_manufacturer",
    "has_own_brand",
    "under_investigation",
    "financial_status_good",
    "credit_blacklisted",
    "is_prefecture_level_city",
]
DateField = Literal["established_on", "platform_launched_on"]

# Facts every explanation template may use, whatever the condition.
COMMON_FACTS = frozenset({"as_of", "applicant", "offered"})

_REGION_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
_OUTSIDE_MAINLAND = ("台湾省", "香港特别行政区", "澳门特别行政区")


def norm_region(name: str) -> str:
    """"河南省" and "河南", "包头市" and "包头" compare equal."""
    text = "".join(name.split())
    for suffix in _REGION_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


@lru_cache(maxsize=1)
def mainland_provinces() -> frozenset[str]:
    """The 31 provincial-level divisions of the mainland (境内, as company registration uses it)."""
    return frozenset(norm_region(d.name) for d in regions().provinces if d.name not in _OUTSIDE_MAINLAND)


class Outcome(NamedTuple):
    status: str  # pass | fail | unknown
    facts: dict[str, str]
    missing: tuple[str, ...] = ()


class Context(NamedTuple):
    """What a condition may look at besides the profile."""

    as_of: date
    offered: frozenset[str]
    mode_aliases: dict[str, str]


Evaluator = Callable[[Profile, Context], Outcome]


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def canonical_modes(modes: tuple[str, ...], aliases: dict[str, str]) -> list[str]:
    out: list[str] = []
    for mode in modes:
        key = "".join(mode.split())
        name = aliases.get(key, key)
        if name not in out:
            out.append(name)
    return out


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def fields(self) -> tuple[str, ...]:
        raise NotImplementedError

    def provides(self) -> frozenset[str]:
        return frozenset()

    def compile(self) -> Evaluator:
        raise NotImplementedError


class CategoryOffered(_Op):
    """The applicant's category is one this notice selects (a category not offered is a hard fail)."""

    op: Literal["category_offered"]

    def fields(self) -> tuple[str, ...]:
        return ("applicant_type",)

    def provides(self) -> frozenset[str]:
        return frozenset({"applicant"})

    def compile(self) -> Evaluator:
        def run(p: Profile, ctx: Context) -> Outcome:
            if p.applicant_type is None:
                return Outcome("unknown", {}, ("applicant_type",))
            facts = {"applicant": CATEGORY_LABELS[p.applicant_type]}
            return Outcome("pass" if p.applicant_type in ctx.offered else "fail", facts)

        return run


class IsTrue(_Op):
    op: Literal["is_true", "is_false"]
    field: BoolField

    def fields(self) -> tuple[str, ...]:
        return (self.field,)

    def provides(self) -> frozenset[str]:
        return frozenset({"value"})

    def compile(self) -> Evaluator:
        name, wanted = self.field, self.op == "is_true"

        def run(p: Profile, ctx: Context) -> Outcome:
            value = getattr(p, name)
            if value is None:
                return Outcome("unknown", {}, (name,))
            return Outcome("pass" if value is wanted else "fail", {"value": _yes_no(value)})

        return run


class RegisteredIn(_Op):
    """Registered in a province, a city of a province, or the mainland (scope: mainland)."""

    op: Literal["registered_in"]
    province: str | None = None
    city: str | None = None
    cities: tuple[str, ...] | None = None  # any of these cities of the province (a region: 珠三角)
    group: str | None = None  # the region's name, for explanations
    scope: Literal["mainland"] | None = None

    @model_validator(mode="after")
    def _one_target(self) -> RegisteredIn:
        if (self.province is None) == (self.scope is None):
            raise ValueError("registered_in needs exactly one of province or scope")
        if (self.city is not None or self.cities) and self.province is None:
            raise ValueError("registered_in: a city needs its province")
        if self.city is not None and self.cities:
            raise ValueError("registered_in: give city or cities, not both")
        return self

    def fields(self) -> tuple[str, ...]:
        return ("registered_city", "registered_province") if self.city or self.cities else ("registered_province",)

    def provides(self) -> frozenset[str]:
        return frozenset({"place", "required"})

    def compile(self) -> Evaluator:
        if self.scope == "mainland":
            allowed = mainland_provinces()

            def mainland(p: Profile, ctx: Context) -> Outcome:
                if p.registered_province is None:
                    return Outcome("unknown", {}, ("registered_province",))
                facts = {"place": p.registered_province, "required": "中华人民共和国境内"}
                return Outcome("pass" if norm_region(p.registered_province) in allowed else "fail", facts)

            return mainland
        province = norm_region(self.province or "")
        required = self.province or ""
        if self.city is None and not self.cities:

            def in_province(p: Profile, ctx: Context) -> Outcome:
                if p.registered_province is None:
                    return Outcome("unknown", {}, ("registered_province",))
                facts = {"place": p.registered_province, "required": required}
                return Outcome("pass" if norm_region(p.registered_province) == province else "fail", facts)

            return in_province
        # one city, or any city of a region (珠三角): the city decides; another province fails already
        if self.cities:
            wanted = {norm_region(c) for c in self.cities}
            label = f"{self.group or ''}（{'、'.join(norm_region(c) for c in self.cities)}）"
        else:
            wanted, label = {norm_region(self.city or "")}, self.city or ""

        def in_city(p: Profile, ctx: Context) -> Outcome:
            facts = {"required": label}
            if p.registered_city is not None:
                facts["place"] = (p.registered_province or "") + p.registered_city
                return Outcome("pass" if norm_region(p.registered_city) in wanted else "fail", facts)
            if p.registered_province is not None and norm_region(p.registered_province) != province:
                facts["place"] = p.registered_province
                return Outcome("fail", facts)
            return Outcome("unknown", {}, ("registered_city",))

        return in_city


class MinYears(_Op):
    """满N年 / N年以上 as of the as-of date: the anniversary day itself counts (以上 includes the bound)."""

    op: Literal["min_years"]
    field: DateField
    years: int = Field(ge=1, le=50)

    def fields(self) -> tuple[str, ...]:
        return (self.field,)

    def provides(self) -> frozenset[str]:
        return frozenset({"value", "threshold", "years"})

    def compile(self) -> Evaluator:
        name, years = self.field, self.years

        def run(p: Profile, ctx: Context) -> Outcome:
            value = getattr(p, name)
            if value is None:
                return Outcome("unknown", {}, (name,))
            threshold = add_years(value, years)
            facts = {"value": fmt(value), "threshold": fmt(threshold), "years": str(years)}
            return Outcome("pass" if threshold <= ctx.as_of else "fail", facts)

        return run


class OnOrBefore(_Op):
    """A date no later than a fixed day (the day itself included)."""

    op: Literal["on_or_before"]
    field: DateField
    date: date

    def fields(self) -> tuple[str, ...]:
        return (self.field,)

    def provides(self) -> frozenset[str]:
        return frozenset({"value", "date"})

    def compile(self) -> Evaluator:
        name, limit = self.field, self.date

        def run(p: Profile, ctx: Context) -> Outcome:
            value = getattr(p, name)
            if value is None:
                return Outcome("unknown", {}, (name,))
            return Outcome("pass" if value <= limit else "fail", {"value": fmt(value), "date": fmt(limit)})

        return run


class NoDatesIn(_Op):
    """No listed date inside [since, as_of], both ends included.

    `since` is a fixed day ("2019年1月1日以后", "2021年1月1日至今") or `years_back` years before the
    as-of date ("近两年": the same calendar day two years earlier counts as inside).
    """

    op: Literal["no_dates_in"]
    field: Literal["major_incidents"]
    since: date | None = None
    years_back: int | None = Field(default=None, ge=1, le=20)

    @model_validator(mode="after")
    def _one_start(self) -> NoDatesIn:
        if (self.since is None) == (self.years_back is None):
            raise ValueError("no_dates_in needs exactly one of since or years_back")
        return self

    def fields(self) -> tuple[str, ...]:
        return (self.field,)

    def provides(self) -> frozenset[str]:
        return frozenset({"since", "hits", "count"})

    def compile(self) -> Evaluator:
        name, since, years_back = self.field, self.since, self.years_back

        def run(p: Profile, ctx: Context) -> Outcome:
            dates = getattr(p, name)
            if dates is None:
                return Outcome("unknown", {}, (name,))
            start = since if since is not None else add_years(ctx.as_of, -(years_back or 0))
            hits = sorted(d for d in dates if start <= d <= ctx.as_of)
            facts = {"since": fmt(start), "hits": "、".join(fmt(d) for d in hits) or "无", "count": str(len(hits))}
            return Outcome("fail" if hits else "pass", facts)

        return run


class RatioAtLeast(_Op):
    """service_revenue / revenue_total ≥ percent% ("以上"/"达到" include the bound), exact decimal arithmetic."""

    op: Literal["ratio_at_least"]
    percent: Decimal = Field(gt=0, le=100)

    def fields(self) -> tuple[str, ...]:
        return ("service_revenue", "revenue_total")

    def provides(self) -> frozenset[str]:
        return frozenset({"ratio", "percent", "service", "total"})

    def compile(self) -> Evaluator:
        percent = self.percent
        label = f"{percent.normalize():f}%"

        def run(p: Profile, ctx: Context) -> Outcome:
            missing = tuple(f for f in ("service_revenue", "revenue_total") if getattr(p, f) is None)
            if missing:
                return Outcome("unknown", {}, missing)
            service, total = Decimal(str(p.service_revenue)), Decimal(str(p.revenue_total))
            facts = {"percent": label, "service": f"{service.normalize():f}", "total": f"{total.normalize():f}"}
            if total == 0:
                facts["ratio"] = "无法计算（营业收入为 0）"
                return Outcome("fail", facts)
            facts["ratio"] = f"{service * 100 / total:.2f}%"
            return Outcome("pass" if service * 100 >= percent * total else "fail", facts)

        return run


class AmountAtLeast(_Op):
    """An amount of the profile (万元) at or above a threshold ("不低于5000万元" includes the bound)."""

    op: Literal["amount_at_least"]
    field: Literal["revenue_total", "service_revenue"]
    amount: Decimal = Field(gt=0)

    def fields(self) -> tuple[str, ...]:
        return (self.field,)

    def provides(self) -> frozenset[str]:
        return frozenset({"value", "amount"})

    def compile(self) -> Evaluator:
        name, amount = self.field, self.amount
        label = f"{amount.normalize():f}万元"

        def run(p: Profile, ctx: Context) -> Outcome:
            value = getattr(p, name)
            if value is None:
                return Outcome("unknown", {}, (name,))
            exact = Decimal(str(value))
            facts = {"value": f"{exact.normalize():f}万元", "amount": label}
            return Outcome("pass" if exact >= amount else "fail", facts)

        return run


class ModesWithin(_Op):
    """Every declared mode is one the notice lists (a closed list); declaring none fails."""

    op: Literal["modes_within", "modes_include_any"]
    values: tuple[str, ...] = Field(min_length=1)

    def fields(self) -> tuple[str, ...]:
        return ("modes",)

    def provides(self) -> frozenset[str]:
        return frozenset({"modes", "listed", "outside", "matched"})

    def compile(self) -> Evaluator:
        listed = frozenset(self.values)
        listed_text = "、".join(self.values)
        within = self.op == "modes_within"

        def run(p: Profile, ctx: Context) -> Outcome:
            if p.modes is None:
                return Outcome("unknown", {}, ("modes",))
            modes = canonical_modes(p.modes, ctx.mode_aliases)
            outside = [m for m in modes if m not in listed]
            matched = [m for m in modes if m in listed]
            facts = {
                "modes": "、".join(modes) or "（未填写）",
                "listed": listed_text,
                "outside": "、".join(outside) or "无",
                "matched": "、".join(matched) or "无",
            }
            ok = (bool(modes) and not outside) if within else bool(matched)
            return Outcome("pass" if ok else "fail", facts)

        return run


class Qualitative(_Op):
    """A condition no profile fact settles (服务管理体系健全…): always unknown, for the expert review."""

    op: Literal["qualitative"]

    def fields(self) -> tuple[str, ...]:
        return ()

    def compile(self) -> Evaluator:
        def run(p: Profile, ctx: Context) -> Outcome:
            return Outcome("unknown", {})

        return run


class AllOf(_Op):
    op: Literal["all", "any"]
    of: list[Condition] = Field(min_length=1)

    def fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for c in self.of for f in c.fields()))

    def provides(self) -> frozenset[str]:
        return frozenset().union(*(c.provides() for c in self.of))

    def compile(self) -> Evaluator:
        parts = [c.compile() for c in self.of]
        decisive, other = ("fail", "pass") if self.op == "all" else ("pass", "fail")

        def run(p: Profile, ctx: Context) -> Outcome:
            facts: dict[str, str] = {}
            missing: list[str] = []
            for part in parts:
                out = part(p, ctx)
                facts.update(out.facts)
                if out.status == decisive:
                    return Outcome(decisive, facts)
                if out.status == "unknown":
                    missing.extend(out.missing)
            if missing:
                return Outcome("unknown", facts, tuple(dict.fromkeys(missing)))
            return Outcome(other, facts)

        return run


class Not(_Op):
    op: Literal["not"]
    of: Condition

    def fields(self) -> tuple[str, ...]:
        return self.of.fields()

    def provides(self) -> frozenset[str]:
        return self.of.provides()

    def compile(self) -> Evaluator:
        inner = self.of.compile()
        swap = {"pass": "fail", "fail": "pass", "unknown": "unknown"}

        def run(p: Profile, ctx: Context) -> Outcome:
            out = inner(p, ctx)
            return Outcome(swap[out.status], out.facts, out.missing)

        return run


Condition = Annotated[
    CategoryOffered | IsTrue | RegisteredIn | MinYears | OnOrBefore | NoDatesIn | RatioAtLeast | AmountAtLeast
    | ModesWithin
    | Qualitative | AllOf | Not,
    Field(discriminator="op"),
]

AllOf.model_rebuild()
Not.model_rebuild()


def is_qualitative(condition: _Op) -> bool:
    if isinstance(condition, Qualitative):
        return True
    if isinstance(condition, AllOf):
        return any(is_qualitative(c) for c in condition.of)
    if isinstance(condition, Not):
        return is_qualitative(condition.of)
    return False
