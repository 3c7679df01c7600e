"""Figures a draft states, checked against the facts (or, without facts, against each other).

Checked: 服务收入占营业收入的比例 ("服务收入占营业收入的18%"; a threshold the draft quotes, such as
"达到15%左右", is not the applicant's figure and is skipped), 营业收入 and 服务收入 in 万元/亿元,
成立于YYYY年M月D日 and the platform's 上线/建成/投入运营 date. A stated figure agrees when it equals
the fact to the precision it is written with (18% agrees with 17.96%; 18.5% does not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .facts import Facts, fmt_date, fmt_number, fmt_share

SHARE = re.compile(
    r"服务收入[^。；;\n]{0,16}?占[^。；;\n\d]{0,12}?(\d+(?:\.\d+)?)\s*[%％](?!\s*(?:左右|以上|以下|的要求|的标准))"
)
REVENUE = re.compile(r"营业收入[^。；;，,\n\d]{0,8}?(\d+(?:\.\d+)?)\s*(万元|亿元)")
SERVICE = re.compile(r"(?<!综合)(?<!定制)服务收入[^。；;，,\n\d]{0,8}?(\d+(?:\.\d+)?)\s*(万元|亿元)")
ESTABLISHED = re.compile(r"成立于(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
LAUNCHED = re.compile(
    r"平台[^。；;\n]{0,12}?(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?[^。；;\n\d]{0,8}?(?:上线|建成|投入运营|正式运营)"
)


@dataclass(frozen=True)
class FigureIssue:
    line: int
    message: str
    fix: str


def _tolerance(written: str) -> float:
    decimals = len(written.split(".")[1]) if "." in written else 0
    return 0.5 * 10**-decimals + 1e-9


def _amount(value: str, unit: str) -> float:
    return float(value) * (10000 if unit == "亿元" else 1)


def _date_issue(match: re.Match[str], fact: date | None, what: str, field: str) -> tuple[str, str] | None:
    if fact is None:
        return None
    parts = [int(g) for g in match.groups() if g]
    actual = [fact.year, fact.month, fact.day][: len(parts)]
    if parts == actual:
        return None
    return (f"{what}写为“{match.group(0)}”，但事实文件中为{fmt_date(fact)}",
            f"改为{fmt_date(fact)}，或更正事实文件的 {field}")


def check_figures(lines: list[tuple[int, str]], facts: Facts) -> list[FigureIssue]:
    """Every stated figure of the draft that disagrees with the facts (or with the draft's own figures)."""
    p = facts.profile
    issues: list[FigureIssue] = []
    stated_total = stated_service = None
    for number, text in lines:
        stated: dict[str, float] = {}
        for pattern, fact, what, field in ((REVENUE, p.revenue_total, "营业收入", "revenue_total"),
                                           (SERVICE, p.service_revenue, "服务收入", "service_revenue")):
            for m in pattern.finditer(text):
                value = _amount(m.group(1), m.group(2))
                stated.setdefault(field, value)
                if fact is not None and abs(value - fact) > _tolerance(m.group(1)) * (10000 if m.group(2) == "亿元" else 1):
                    issues.append(FigureIssue(number, f"{what}写为{m.group(1)}{m.group(2)}，但事实文件中为{fmt_number(fact)}万元",
                                              f"改为{fmt_number(fact)}万元，或更正事实文件的 {field}"))
        if stated_total is None:
            stated_total = stated.get("revenue_total")
        if stated_service is None:
            stated_service = stated.get("service_revenue")
        for matcher, fact, what, field in ((ESTABLISHED, p.established_on, "成立时间", "established_on"),
                                           (LAUNCHED, p.platform_launched_on, "平台上线（投入运营）时间", "platform_launched_on")):
            for m in matcher.finditer(text):
                found = _date_issue(m, fact, what, field)
                if found:
                    issues.append(FigureIssue(number, *found))
    share = facts.service_share()
    basis = "事实文件中"
    if share is None and stated_total and stated_service is not None:
        share, basis = stated_service / stated_total * 100, "正文所写"
    if share is None:
        return issues
    total = p.revenue_total if p.revenue_total is not None else stated_total
    service = p.service_revenue if p.service_revenue is not None else stated_service
    for number, text in lines:
        for m in SHARE.finditer(text):
            if abs(float(m.group(1)) - share) > _tolerance(m.group(1)):
                issues.append(FigureIssue(
                    number,
                    f"服务收入占比写为{m.group(1)}%，但按{basis}服务收入{fmt_number(service or 0)}万元÷营业收入"
                    f"{fmt_number(total or 0)}万元计算为{fmt_share(share)}%",
                    f"改为{fmt_share(share)}%，或更正收入数据",
                ))
    return issues
