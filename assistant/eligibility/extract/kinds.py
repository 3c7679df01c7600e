"""The condition kinds a notice states in formulaic words, each read from one sentence.

Every reader takes a condition sentence and returns findings: the rule's condition (the
`rules.yaml` data, never code), its strength and the verbatim span it rests on. The words each kind
is recognised by are in `assistant.vocabulary` (general usage of these notices, not any notice's
text); numbers and dates go through the shared numeral and date helpers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...regions import CityGroup, Division, find_city_group, find_divisions, province_abbreviations
from ...vocabulary import (
    ALTERNATIVE,
    CATEGORY_WORDS,
    CONDITION_SUBJECT,
    CREDIT,
    CUTOFF_DATE,
    DURATION,
    DURATION_UNTIL,
    FINANCES,
    GUIDANCE_ONLY,
    IN_PRINCIPLE,
    INCIDENT,
    INVESTIGATION,
    LEGAL_PERSON,
    MAINLAND,
    MANUFACTURER,
    OWN_BRAND,
    PREFECTURE_CITY,
    RECENT_YEARS,
    REGISTERED,
    REVENUE_MIN,
    SERVICE_SHARE,
    SINCE_DATE,
    to_int,
)
from ..dates import add_years
from .sections import Sentence

AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:亿元|万元)")
REGIONAL_AMOUNT = re.compile(r"(?:不低于|不少于|达到|超过)\s*(\d+(?:\.\d+)?)\s*(亿元|万元)")
OTHER_REGIONS = re.compile(r"其他(?:地区|地市|城市|市)|其余(?:地区|地市|城市)")
PHRASE_END = re.compile(r"[，,；;。：:！!？?\n]")
LEADING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.．、]\s*)?")
# Words that say a place is the notice's own ("本市", "本省行政区域内", "辖区内").
OWN_PLACE = re.compile(r"本(?:省|市|区|县|地区)|在(?:省|市|区|县)(?:域)?内|辖区|行政区域")
FIRST_PHRASE_MANUFACTURER = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、])?[^，,。；;]{0,24}?制造(?:业)?企业(?=[，,。；;])"
)
# "在沪注册", "在粤境内依法注册": a one-character province abbreviation right before the registration.
ABBREVIATED_PLACE = re.compile(r"在([\u4e00-\u9fff])(?:境内|内)?(?:依法)?$")
# How far before "注册" a place name may stand ("在福建省行政区域内依法注册": 11 characters).
PLACE_BEFORE_REGISTERED = 24


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    condition: dict[str, Any]
    strength: str
    start: int  # quote offsets in the notice text
    end: int
    facts: dict[str, str] = field(default_factory=dict)
    categories: tuple[str, ...] | None = None  # None: the sentence's categories
    applies_when: dict[str, Any] | None = None  # the rule binds only applicants this condition holds for


@dataclass(frozen=True)
class Context:
    """What a reader may know besides the sentence: the notice's own region and categories."""

    region: str | None
    categories: tuple[str, ...]


def phrase_span(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The comma-delimited phrase(s) of `sentence` around [start, end) (sentence-relative), as
    notice offsets, without leading numbering or trailing punctuation."""
    text = sentence.text
    left = max((m.end() for m in PHRASE_END.finditer(text, 0, start)), default=0)
    right_match = PHRASE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    lead = LEADING.match(text, left)
    if lead is not None and lead.end() < right:
        left = lead.end()
    while left < right and text[left] in " \u3000":
        left += 1
    return sentence.start + left, sentence.start + right


def _next_phrase_end(text: str, at: int) -> int:
    """The end of the phrase after the one holding `at`: an alternative to a threshold is offered right
    after it ("…20%以上，或通过服务明显提升…"), not several clauses later."""
    ends = [m.start() for m in PHRASE_END.finditer(text, at)][:2]
    return ends[1] if len(ends) == 2 else len(text)


def strength_of(sentence: Sentence, start: int, end: int, *, numeric: bool = False) -> str:
    """原则上 → in_principle; 左右/一般 in the phrase → guidance; a numeric threshold with an
    alternative the profile cannot settle ("…20%以上，或通过服务明显提升…") → guidance."""
    text = sentence.text
    left, right = phrase_span(sentence, start, end)
    phrase = text[left - sentence.start : right - sentence.start]
    if GUIDANCE_ONLY.search(phrase):
        return "guidance"
    if numeric and ALTERNATIVE.search(text, end, _next_phrase_end(text, end)):
        return "guidance"
    if IN_PRINCIPLE.search(text, 0, start + 1) or IN_PRINCIPLE.search(phrase):
        return "in_principle"
    return "hard"


def _finding(sentence: Sentence, kind: str, label: str, condition: dict[str, Any], match: re.Match[str],
             *, numeric: bool = False, span: tuple[int, int] | None = None,
             categories: tuple[str, ...] | None = None, applies_when: dict[str, Any] | None = None,
             **facts: str) -> Finding:
    a, b = span or match.span()
    start, end = phrase_span(sentence, a, b)
    strength = "guidance" if condition["op"] == "qualitative" else strength_of(sentence, a, b, numeric=numeric)
    return Finding(kind, label, condition, strength, start, end, facts, categories, applies_when)


def _date(match: re.Match[str]) -> date | None:
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _group_target(group: CityGroup) -> dict[str, Any]:
    return {"op": "registered_in", "province": group.province, "cities": list(group.cities), "group": group.name}


def _registered_target(place: Division) -> dict[str, Any]:
    if place.level == "province":
        return {"op": "registered_in", "province": place.province}
    return {"op": "registered_in", "province": place.province, "city": place.city or place.name}


def read_registered(s: Sentence, ctx: Context) -> list[Finding]:
    match = REGISTERED.search(s.text)
    if match is None:
        return []
    before = s.text[max(0, match.start() - PLACE_BEFORE_REGISTERED) : match.start()]
    before = before.rsplit("，", 1)[-1].rsplit(",", 1)[-1]
    if MAINLAND.search(before):
        return [_finding(s, "registered", "在我国境内注册", {"op": "registered_in", "scope": "mainland"},
                         match, span=(match.start() - len(before), match.end()))]
    group = find_city_group(before)
    if group is not None:  # "在广东省珠三角九市内依法注册"
        return [_finding(s, "registered", f"在{group.name}地区注册", _group_target(group), match,
                         span=(match.start() - len(before), match.end()))]
    places = [d for d in find_divisions(before)]
    short = ABBREVIATED_PLACE.search(before)
    if not places and short and short.group(1) in province_abbreviations():  # "在沪注册"
        places = find_divisions(province_abbreviations()[short.group(1)])
    own = OWN_PLACE.search(before)
    if not places and own and ctx.region:
        places = find_divisions(ctx.region)
        if "省" in own.group(0):  # "在省内注册" in a city's notice still means the province
            places = [d for d in places if d.level == "province"] or places
    if not places:
        return []
    place = places[-1]
    target = _registered_target(place)
    where = target.get("city") or target["province"]
    span = (match.start() - len(before), match.end())
    found = [_finding(s, "registered", f"在{where}注册", target, match, span=span)]
    if place.level == "county":  # the profile has no district: the city is checked, the district is the expert's
        found.append(_finding(s, "registered_district", f"在{place.name}注册（区县由审核人员核实）",
                              {"op": "qualitative"}, match, span=span))
    return found


def _boolean(kind: str, pattern: re.Pattern[str], field_name: str, wanted: bool, label: str) -> Reader:
    def read(s: Sentence, ctx: Context) -> list[Finding]:
        match = pattern.search(s.text)
        if match is None:
            return []
        op = {"op": "is_true" if wanted else "is_false", "field": field_name}
        return [_finding(s, kind, label, op, match)]

    return read


def read_incidents(s: Sentence, ctx: Context) -> list[Finding]:
    match = INCIDENT.search(s.text)
    if match is None:
        return []
    window = s.text[max(0, match.start() - 40) : match.start()]
    offset = match.start() - len(window)
    dated = list(SINCE_DATE.finditer(window))
    if dated:
        since = _date(dated[-1])
        if since is not None:
            span = (offset + dated[-1].start(), match.end())
            return [_finding(s, "incidents", f"{since.year}年{since.month}月{since.day}日以来未发生重大质量、安全、环保事故",
                             {"op": "no_dates_in", "field": "major_incidents", "since": since.isoformat()},
                             match, span=span)]
    recent = list(RECENT_YEARS.finditer(window))
    inside = RECENT_YEARS.search(match.group(0))
    if recent or inside:
        found = recent[-1] if recent else inside
        years = to_int(found.group(1) or found.group(2))  # type: ignore[union-attr]
        if years:
            start = offset + recent[-1].start() if recent else match.start()
            return [_finding(s, "incidents", f"近{years}年未发生重大质量、安全、环保事故",
                             {"op": "no_dates_in", "field": "major_incidents", "years_back": years},
                             match, span=(start, match.end()))]
    return []


def _phrase_categories(s: Sentence, at: int) -> tuple[str, ...] | None:
    """The categories the phrase holding `at` names as its subject ("申报示范项目（平台）须…")."""
    left = max((m.end() for m in PHRASE_END.finditer(s.text, 0, at)), default=0)
    prefix = s.text[left:at]
    if not CONDITION_SUBJECT.match(prefix.lstrip()):
        return None
    named = tuple(c for c, words in CATEGORY_WORDS.items() if any(w in prefix for w in words))
    return named or None


def read_duration(s: Sentence, ctx: Context) -> list[Finding]:
    """"须正常经营3年以上", "运营须满N年", "满一年（2019年11月1日以前）", and with a cut-off
    ("截至2021年1月1日，…须正常经营3年以上"): a platform's operation counts from its launch."""
    out: list[Finding] = []
    for match in DURATION.finditer(s.text):
        years = to_int(match.group(1))
        if not years:
            continue
        cats = _phrase_categories(s, match.start()) or s.categories
        for group in (tuple(c for c in cats if c != "platform"), tuple(c for c in cats if c == "platform")):
            if group:
                out.append(_duration(s, match, years, group, platform=group == ("platform",)))
    return out


def _duration(s: Sentence, match: re.Match[str], years: int, cats: tuple[str, ...], platform: bool) -> Finding:
    field_name = "platform_launched_on" if platform and "注册" not in match.group(0) else "established_on"
    what = "投入运营" if field_name == "platform_launched_on" else "成立（经营）"
    until = DURATION_UNTIL.search(s.text, match.end(), match.end() + 20)
    if until is not None and (day := _date(until)) is not None:
        return _finding(s, "duration", f"{day.year}年{day.month}月{day.day}日以前{what}",
                        {"op": "on_or_before", "field": field_name, "date": day.isoformat()},
                        match, span=(match.start(), until.end()), categories=cats)
    cutoff = list(CUTOFF_DATE.finditer(s.text, 0, match.start()))
    if cutoff and (day := _date(cutoff[-1])) is not None:
        latest = add_years(day, -years)
        return _finding(s, "duration", f"截至{day.year}年{day.month}月{day.day}日{what}满{years}年",
                        {"op": "on_or_before", "field": field_name, "date": latest.isoformat()},
                        match, span=(cutoff[-1].start(), match.end()), categories=cats)
    return _finding(s, "duration", f"{what}满{years}年",
                    {"op": "min_years", "field": field_name, "years": years}, match, categories=cats)


def read_service_share(s: Sentence, ctx: Context) -> list[Finding]:
    match = SERVICE_SHARE.search(s.text)
    if match is None:
        return []
    percent = match.group(1)
    return [_finding(s, "service_share", f"服务收入占营业收入比重达到{percent}%",
                     {"op": "ratio_at_least", "percent": percent}, match, numeric=True)]


def read_revenue(s: Sentence, ctx: Context) -> list[Finding]:
    """"营业收入不低于5000万元"; thresholds that differ by region ("珠三角地区企业…不低于5000万元，其他地区不低于
    2000万元") become the lowest for everyone plus the higher one for the named region; other sentences
    with several amounts are for the expert."""
    match = REVENUE_MIN.search(s.text)
    if match is None:
        return []
    if len(AMOUNT.findall(s.text)) > 1:
        regional = _regional_revenue(s, match)
        if regional:
            return regional
        guided = _revenue_finding(s, match, float(match.group(1)), match.group(1) + match.group(2))
        return [Finding(guided.kind, guided.label, guided.condition, "guidance", guided.start, guided.end)]
    amount = float(match.group(1)) * (10_000 if match.group(2) == "亿元" else 1)
    return [_revenue_finding(s, match, amount, match.group(1) + match.group(2))]


def _revenue_finding(s: Sentence, match: re.Match[str], amount: float, label: str, **extra: Any) -> Finding:
    return _finding(s, "revenue", f"营业收入不低于{label}",
                    {"op": "amount_at_least", "field": "revenue_total", "amount": amount}, match, numeric=True, **extra)


def _regional_revenue(s: Sentence, first: re.Match[str]) -> list[Finding]:
    amounts = list(REGIONAL_AMOUNT.finditer(s.text, first.start()))
    group = find_city_group(s.text[: first.end()])
    others = [m for m in amounts if OTHER_REGIONS.search(s.text, max(0, m.start() - 8), m.start())]
    if group is None or len(amounts) != 2 or len(others) != 1:
        return []
    own = next(m for m in amounts if m is not others[0])
    values = {m: float(m.group(1)) * (10_000 if m.group(2) == "亿元" else 1) for m in amounts}
    low, high = min(values.values()), values[own]
    if high <= low:
        return []
    everyone = _revenue_finding(s, others[0], low, f"{low:g}万元", span=(first.start(), others[0].end()))
    regional = _revenue_finding(s, own, high, f"{high:g}万元（{group.name}地区）", span=(first.start(), own.end()),
                                applies_when=_group_target(group))
    return [everyone, regional]


def read_manufacturer(s: Sentence, ctx: Context) -> list[Finding]:
    """"申报企业应为…的制造业企业", or an item that opens with the applicant ("（一）…注册的制造企业，…")."""
    match = MANUFACTURER.search(s.text) or FIRST_PHRASE_MANUFACTURER.match(s.text)
    if match is None:
        return []
    return [_finding(s, "manufacturer", "为制造业企业", {"op": "is_true", "field": "is_manufacturer"}, match)]


def read_prefecture_city(s: Sentence, ctx: Context) -> list[Finding]:
    if "city" not in s.categories:
        return []
    match = PREFECTURE_CITY.search(s.text)
    if match is None:
        return []
    return [_finding(s, "prefecture_city", "申报城市为地级市",
                     {"op": "is_true", "field": "is_prefecture_level_city"}, match)]


Reader = Callable[[Sentence, Context], list[Finding]]

READERS: tuple[Reader, ...] = (
    read_registered,
    _boolean("legal_person", LEGAL_PERSON, "independent_legal_person", True, "独立法人"),
    _boolean("finances", FINANCES, "financial_status_good", True, "财务状况良好"),
    read_incidents,
    _boolean("investigation", INVESTIGATION, "under_investigation", False, "无违法行为，未因涉嫌违法接受审查"),
    _boolean("credit", CREDIT, "credit_blacklisted", False, "未被列入失信名单，信用良好"),
    read_manufacturer,
    _boolean("own_brand", OWN_BRAND, "has_own_brand", True, "拥有自主品牌"),
    read_duration,
    read_service_share,
    read_revenue,
    read_prefecture_city,
)


def read_sentence(sentence: Sentence, ctx: Context) -> list[Finding]:
    return [f for reader in READERS for f in reader(sentence, ctx)]
