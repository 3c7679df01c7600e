"""Calendar helpers for eligibility: parsing applicant dates and exact year arithmetic."""

from __future__ import annotations

import re
from datetime import date, datetime

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
)


def parse_date(value: object) -> date | None:
    """A date from a `date` or a string such as 2020-11-25, 2020/11/25 or 2020年11月25日.

    Returns None when the value is not a date; callers turn that into an error naming the field.
    Datetimes are refused: a profile holds calendar days only.
    """
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":  # the usual ISO form, fast
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    text = value.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


def add_years(day: date, years: int) -> date:
    """`day` moved by whole calendar years; 29 February becomes 28 February in a common year.

    This follows 民法典 第二百零三条: a period counted in years ends on the corresponding day of the
    final month, or that month's last day when it has no corresponding day.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → a common year
        return day.replace(year=day.year + years, day=28)


def fmt(day: date | None) -> str:
    """A date as the Chinese text shows it: 2020年11月25日."""
    if day is None:
        return "（未知）"
    return f"{day.year}年{day.month}月{day.day}日"
