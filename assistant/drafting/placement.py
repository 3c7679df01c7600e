"""Where the applicant's facts go in the outline, and how they read.

Profile facts fill the sections whose heading or guidance asks for them ("成立时间", "经营情况",
"平台建成时间"…); a section that asks for a fact the facts file lacks gets a 【待补充：…】 marker.
Free text goes where its kind is asked for (business → 经营情况/主营业务, platform → 平台…);
each sentence of `notes` and each named figure goes to the section whose words it shares most.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..tokenize import bigrams
from .facts import Facts, fmt_date, fmt_number, fmt_share
from .models import OutlineItem

MARK = "【待补充：{}】"


def marker(what: str) -> str:
    return MARK.format(what)


@dataclass(frozen=True)
class Slot:
    key: str
    triggers: tuple[str, ...]
    render: Callable[[Facts], tuple[str, list[str]]]  # (sentence or marker text, missing labels)


def _subject(facts: Facts) -> str:
    return facts.profile.name or "本单位"


def _established(facts: Facts) -> tuple[str, list[str]]:
    day = facts.profile.established_on
    if day is None:
        return marker("成立时间"), ["成立时间"]
    return f"{_subject(facts)}成立于{fmt_date(day)}。", []


def _revenue(facts: Facts) -> tuple[str, list[str]]:
    p = facts.profile
    year = f"{facts.revenue_year}年，" if facts.revenue_year else ""
    if p.revenue_total is None:
        what = "营业收入（万元）、其中服务收入（万元）"
        return marker(what), ["营业收入", "服务收入"]
    text = f"{year}{_subject(facts)}实现营业收入{fmt_number(p.revenue_total)}万元"
    share = facts.service_share()
    if p.service_revenue is None:
        return text + "。" + marker("其中服务收入（万元）"), ["服务收入"]
    text += f"，其中服务收入{fmt_number(p.service_revenue)}万元"
    if share is not None:
        text += f"，服务收入占营业收入的{fmt_share(share)}%"
    return text + "。", []


def _platform_launch(facts: Facts) -> tuple[str, list[str]]:
    day = facts.profile.platform_launched_on
    if day is None:
        return marker("平台建成（正式投入运营）时间"), ["平台投入运营时间"]
    return f"平台于{fmt_date(day)}建成并正式投入运营。", []


SLOTS: tuple[Slot, ...] = (
    Slot("established_on", ("成立时间", "发展历程", "企业基本情况"), _established),
    Slot("platform_launched_on", ("平台建成时间", "平台的基本情况"), _platform_launch),
    Slot("revenue", ("经营情况", "财务状况", "企业基本情况", "应用成效", "转型成效"), _revenue),
)
# Free-text fields: the first trigger (in priority order) that an item's heading/guidance contains wins.
TEXT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "business": ("主营业务", "经营情况", "企业基本情况", "发展历程", "项目概述", "平台的基本情况", "基本情况"),
    "products": ("产品情况", "核心产品", "产品"),
    "platform": ("总体架构", "平台建成时间", "信息网络服务平台", "平台的基本情况", "信息平台", "平台"),
}


def item_words(item: OutlineItem) -> str:
    return item.heading + item.guidance


def slots_for(item: OutlineItem) -> list[Slot]:
    words = item_words(item)
    return [slot for slot in SLOTS if any(t in words for t in slot.triggers)]


def text_home(field: str, leaves: list[OutlineItem]) -> OutlineItem | None:
    """The leaf item a free-text field belongs to (None: no item asks for it)."""
    for trigger in TEXT_TRIGGERS[field]:
        for item in leaves:
            if trigger in item_words(item):
                return item
    return None


def split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[。！？；;])|\n+", text)
    return [p.strip() for p in parts if p and p.strip()]


def best_item(text: str, profiles: dict[str, str], leaves: list[OutlineItem], least: int = 2) -> OutlineItem | None:
    """The leaf whose words (heading, guidance, requirements) share most character bigrams with `text`
    (at least `least` of them; the first such leaf on a tie)."""
    grams = set(bigrams(text))
    best, best_score = None, 0
    for item in leaves:
        score = len(grams & set(bigrams(profiles[item.id])))
        if score > best_score:
            best, best_score = item, score
    return best if best_score >= least else None


def place_free_text(
    facts: Facts, leaves: list[OutlineItem], profiles: dict[str, str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(item id → the applicant's own paragraphs placed there, item id → figure lines placed there)."""
    placed: dict[str, list[str]] = {item.id: [] for item in leaves}
    figures: dict[str, list[str]] = {item.id: [] for item in leaves}
    if not leaves:
        return placed, figures
    first = leaves[0]
    by_heading = {"".join(i.heading.split()): i for i in leaves}
    by_title = {"".join(i.title.split()): i for i in leaves}
    for heading, text in facts.sections.items():
        key = "".join(heading.split())
        item = by_heading.get(key) or by_title.get(key)
        if item is not None and text.strip():
            placed[item.id].append(text.strip())
    for field in ("business", "products", "platform"):
        value = getattr(facts, field)
        if value and value.strip():
            home = text_home(field, leaves) or best_item(value, profiles, leaves) or first
            placed[home.id].append(value.strip())
    for sentence in split_sentences(facts.notes or ""):
        home = best_item(sentence, profiles, leaves) or first
        placed[home.id].append(sentence)
    for name, value in facts.figures.items():
        shown = value if isinstance(value, str) else fmt_number(float(value))
        line = f"{name}：{shown}。"
        home = best_item(name, profiles, leaves, least=3)
        if home is None:
            home = next((i for i in leaves if any(s.key == "revenue" for s in slots_for(i))), first)
        figures[home.id].append(line)
    return placed, figures
