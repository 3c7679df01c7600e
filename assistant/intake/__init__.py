"""Intake of what users really have: the steps between a loaded file and the cleaner.

`prepare` removes pinyin annotations, converts a mostly traditional text to simplified script and
checks every line for garbled text. The first two are reported as counts (the cleaning report's
`normalised`), the check as warnings; garbled text itself is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .garbled import garbled_warnings
from .pinyin import strip_pinyin
from .script import to_simplified

TRADITIONAL = "traditional_to_simplified"
PINYIN = "pinyin_annotations"
LABELS = {TRADITIONAL: "繁体转简体", PINYIN: "删除拼音注音"}
UNITS = {TRADITIONAL: "字", PINYIN: "处"}


@dataclass
class Prepared:
    text: str
    normalised: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def prepare(raw: str) -> Prepared:
    """The loaded text ready for cleaning, with what was changed and what looks garbled."""
    text, pinyin = strip_pinyin(raw)
    script = to_simplified(text)
    counts = {PINYIN: pinyin, TRADITIONAL: script.converted}
    return Prepared(script.text, {k: v for k, v in counts.items() if v}, garbled_warnings(script.text))


def describe(normalised: dict[str, int]) -> list[str]:
    """Chinese lines for the intake counts of a report ("繁体转简体：812 字")."""
    return [f"{LABELS[key]}：{normalised[key]} {UNITS[key]}" for key in LABELS if normalised.get(key)]
