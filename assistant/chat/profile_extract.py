"""Read applicant-profile facts out of a chat message, deterministically.

Only what the message states is taken; nothing is assumed. A date given only to the year or month
("2019年成立") becomes a range, and the eligibility route checks both ends: if they agree the
verdict stands, otherwise it asks for the exact date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..regions import find_divisions
from ..scope import gazetteer

DateRange = tuple[date, date]

CATEGORY = [
    ("platform", re.compile(r"示范平台|平台")),
    ("project", re.compile(r"示范项目|项目")),
    ("city", re.compile(r"示范城市|地级市|我们市|本市政府")),
    ("enterprise", re.compile(r"示范企业|企业|公司|工厂|厂子")),
]
ASKED_CATEGORY = re.compile(r"(?:报|申报|申请|参评)(?:示范)?(企业|平台|项目|城市)")
DATE = r"(\d{4})\s*[年./-]\s*(?:(\d{1,2})\s*[月./-]\s*(?:(\d{1,2})\s*[日号]?)?)?"
FOUNDED = [re.compile(DATE + r"[^，。；,]{0,4}?(?:成立|注册|开业|创办|创立)"), re.compile(r"成立于\s*" + DATE)]
LAUNCHED = [
    re.compile(r"平台[^，。；]{0,8}?" + DATE + r"[^，。；,]{0,4}?(?:上线|投入运营|开始运营|运营|建成)"),
    re.compile(DATE + r"[^，。；,]{0,6}?(?:上线|投入运营|开始运营)"),
]
SHARE = re.compile(r"服务(?:性)?收入[^，。；\d]{0,10}?(\d+(?:\.\d+)?)\s*%")
REVENUE = re.compile(r"(?:营业收入|营收|总收入)[^，。；\d]{0,6}?(\d+(?:\.\d+)?)\s*(万|亿)")
SERVICE_REVENUE = re.compile(r"服务收入[^，。；\d%]{0,6}?(\d+(?:\.\d+)?)\s*(万|亿)")
NO_INCIDENT = re.compile(r"(?:没|未|无)(?:有)?(?:发生|出)?过?(?:任何)?(?:重大)?(?:质量|环保|安全)?[、和或]*(?:事故|违规|问题)")
INCIDENT = re.compile(DATE + r"[^，。；,]{0,8}?(?:发生|出)了?[^，。；,]{0,12}?事故")
NEG = r"(?:没有|没|无|不是|不具备|未)"
# Words that name a service-manufacturing mode; mapped to each notice's own mode names when checking.
MODE_KEYWORDS = ("生命周期", "供应链", "总集成", "总承包", "定制", "金融", "共享制造", "检验检测", "节能环保",
                 "信息增值", "工业设计")


@dataclass
class Facts:
    values: dict[str, object] = field(default_factory=dict)
    ranges: dict[str, DateRange] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def merge(self, newer: Facts) -> Facts:
        values = {**self.values, **newer.values}
        ranges = {k: v for k, v in {**self.ranges, **newer.ranges}.items() if k not in newer.values}
        for key in newer.ranges:
            values.pop(key, None)
        return Facts(values, ranges, self.notes + newer.notes)

    @property
    def empty(self) -> bool:
        return not self.values and not self.ranges


def _date_range(year: str, month: str | None, day: str | None) -> tuple[date | None, DateRange | None]:
    y = int(year)
    try:
        if month and day:
            return date(y, int(month), int(day)), None
        if month:
            m = int(month)
            first = date(y, m, 1)
            last = (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)
            return None, (first, last)
        return None, (date(y, 1, 1), date(y, 12, 31))
    except ValueError:
        return None, None


def _take_date(facts: Facts, name: str, patterns: list[re.Pattern[str]], text: str) -> None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            exact, span = _date_range(*match.groups()[:3])
            if exact:
                facts.values[name] = exact
            elif span:
                facts.ranges[name] = span
            return


def _flag(text: str, positive: str, negative: str | None = None) -> bool | None:
    if negative and re.search(negative, text):
        return False
    if re.search(positive, text):
        return True
    return None


def extract_facts(text: str) -> Facts:
    facts = Facts()
    asked = ASKED_CATEGORY.search(text)
    if asked:
        facts.values["applicant_type"] = {"企业": "enterprise", "平台": "platform", "项目": "project", "城市": "city"}[
            asked.group(1)
        ]
    else:
        for name, pattern in CATEGORY:
            if pattern.search(text):
                facts.values["applicant_type"] = name
                break

    gaz = gazetteer()
    for short, full in gaz.provinces.items():
        if short in text:
            facts.values["registered_province"] = full
            break
    for province, cities in gaz.cities.items():
        for city in cities:
            if city in text and len(city) >= 2 and not city.endswith(("区", "旗")):
                full = next((d.name for d in find_divisions(city) if d.level != "province"), None)
                facts.values["registered_city"] = full or (city if city.endswith("市") else city + "市")
                facts.values.setdefault("registered_province", gaz.provinces[province])
                break

    _take_date(facts, "established_on", FOUNDED, text)
    if facts.values.get("applicant_type") == "platform" or "平台" in text:
        _take_date(facts, "platform_launched_on", LAUNCHED, text)

    share = SHARE.search(text)
    revenue = REVENUE.search(text)
    service = SERVICE_REVENUE.search(text)
    if revenue and service:
        scale = {"万": 1, "亿": 10000}
        facts.values["revenue_total"] = float(revenue.group(1)) * scale[revenue.group(2)]
        facts.values["service_revenue"] = float(service.group(1)) * scale[service.group(2)]
    elif share:
        # Only the share is known: represent it as parts of 100 (the rules read the ratio).
        facts.values["revenue_total"] = 100.0
        facts.values["service_revenue"] = float(share.group(1))
        facts.notes.append(f"服务收入占比按{share.group(1)}%计")

    mentioned = [k for k in MODE_KEYWORDS if k in text]
    if mentioned:
        facts.values["mode_keywords"] = mentioned

    incident = INCIDENT.search(text)
    if incident:
        exact, span = _date_range(*incident.groups()[:3])
        if exact:
            facts.values["major_incidents"] = [exact]
        elif span:
            facts.ranges["major_incidents"] = span
    elif NO_INCIDENT.search(text):
        facts.values["major_incidents"] = []

    flags = {
        "has_own_brand": _flag(text, r"自主品牌|自有品牌|自己的品牌|自主生产的核心产品",
                               NEG + r"[^，。；]{0,4}(?:自主|自有|自己的)品牌|贴牌|代工"),
        "independent_legal_person": _flag(text, r"独立法人", NEG + r"[^，。；]{0,3}独立法人"),
        "is_manufacturer": _flag(text, r"制造企业|制造业企业|生产企业|工厂|做制造|生产制造", r"不是制造"),
        "under_investigation": _flag(text, r"正在接受审查|被立案|正在被调查", NEG + r"[^，。；]{0,6}(?:违法|审查|调查)"),
        "credit_blacklisted": _flag(text, r"(?:进了|列入|上了)[^，。；]{0,4}黑名单", NEG + r"[^，。；]{0,8}黑名单"),
        "financial_status_good": _flag(text, r"(?:经营|财务)[^，。；]{0,4}(?:良好|正常|不错)",
                                       r"(?:经营|财务)[^，。；]{0,4}(?:困难|不好|亏损)"),
        "is_prefecture_level_city": _flag(text, r"地级市", r"不是地级市|县级市"),
    }
    facts.values.update({k: v for k, v in flags.items() if v is not None})
    return facts
