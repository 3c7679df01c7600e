"""Numbers in generated prose must come from the facts (or the cited requirement text).

A sentence survives only if every figure in it is grounded:
- dates (2012年5月18日, 2012年5月, 2019年): the start of a date in the facts (profile dates, the
  revenue year, dates written in the free text) or in the section's heading, guidance and requirements;
- other Arabic numbers (52000, 18.0, 30 in 30%): equal to a number in the facts (profile values, the
  computed 服务收入 share at 0–2 decimals, numbers in the free text and figures) or in those texts.
  Numbers inside dates do not count here, so the month of a founding date cannot ground "提高5个百分点";
- Chinese numerals with 十/百/千 or of two or more characters followed by a unit (三十家, 十余年, 两百人):
  present verbatim in those texts;
- 《titles》: present verbatim in those texts.
Unit conversions (万元 → 亿元) are not grounded: the model must use the figures as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from .facts import Facts

DATE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
ARABIC = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
CHINESE = re.compile(r"[零一二两三四五六七八九十百千]+[万亿]?(?:余|多)?(?=[年个家项人倍次类批种所条台套])")
TITLE = re.compile(r"《[^》]{1,40}》")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def numbers_in(text: str) -> list[Decimal]:
    return [d for m in ARABIC.finditer(text) if (d := _decimal(m.group(0))) is not None]


def _date_tuple(match: re.Match[str]) -> tuple[int, ...]:
    return tuple(int(g) for g in match.groups() if g)


class Grounding:
    """The numbers and texts a section's prose may use."""

    def __init__(self, facts: Facts, sources: Iterable[str]) -> None:
        p = facts.profile
        self.text = "\n".join([*facts.free_texts(), *sources])
        allowed: set[Decimal] = set(numbers_in(DATE.sub(" ", self.text)))
        for value in (p.revenue_total, p.service_revenue):
            if value is not None:
                allowed.add(Decimal(str(value)).normalize())
        days: list[date | None] = [p.established_on, p.platform_launched_on, p.application_date,
                                   *(p.major_incidents or ())]
        self.dates = {(d.year, d.month, d.day) for d in days if d is not None}
        self.dates |= {_date_tuple(m) for m in DATE.finditer(self.text)}
        if facts.revenue_year:
            self.dates.add((facts.revenue_year,))
        share = facts.service_share()
        if share is not None:
            allowed.update(Decimal(str(round(share, k))).normalize() for k in (0, 1, 2))
        self.numbers = {d.normalize() for d in allowed}

    def ungrounded(self, sentence: str) -> list[str]:
        """The figures of `sentence` that the facts and sources do not contain."""
        bad = []
        for match in DATE.finditer(sentence):
            parts = _date_tuple(match)
            if not any(known[: len(parts)] == parts for known in self.dates):
                bad.append(match.group(0))
        rest = DATE.sub(" ", sentence)
        bad += [m.group(0) for m in ARABIC.finditer(rest) if _decimal(m.group(0)) not in self.numbers]
        for match in CHINESE.finditer(sentence):
            token = match.group(0)
            if (len(token) >= 2 or re.search("[十百千]", token)) and token not in self.text:
                bad.append(token)
        bad += [t for t in TITLE.findall(sentence) if t not in self.text and t.strip("《》") not in self.text]
        return bad

    def grounded(self, sentence: str) -> bool:
        return not self.ungrounded(sentence)
