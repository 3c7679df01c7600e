"""Pinyin annotations after characters ("號(hào)", "业（yè）") removed.

Only a bracket right after a CJK character whose content is one to four pinyin syllables with at
least one tone mark is removed, so "(ABC)", "（一）", "(2021)" and toneless "(de)" stay as they are.
"""

from __future__ import annotations

import re

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_VOWELS = f"aeiouüv{TONED}"
_SYLLABLE = f"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWELS}]{{1,3}}(?:ng|n|r)?"
_ANNOTATION = re.compile(
    rf"(?<=[\u3400-\u4dbf\u4e00-\u9fff])[(（]\s*({_SYLLABLE}(?:[ \u00a0]?{_SYLLABLE}){{0,3}})\s*[)）]", re.I
)
_TONED_RE = re.compile(f"[{TONED}]", re.I)


def strip_pinyin(text: str) -> tuple[str, int]:
    """The text without tone-marked pinyin annotations, and how many were removed."""
    removed = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal removed
        if not _TONED_RE.search(match.group(1)):
            return match.group(0)
        removed += 1
        return ""

    return _ANNOTATION.sub(drop, text), removed
