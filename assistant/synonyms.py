"""Colloquial words mapped to the notices' own wording (`data/synonyms.yaml`).

"牌子被摘掉" is "撤销称号" in a notice, "开办" is "成立": the answer scorer counts a question term
as found when one of its official equivalents is in a clause, and the out-of-scope check treats a
colloquial word as a known topic when its equivalents are."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    text = resources.files("assistant").joinpath("data/synonyms.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {str(k): tuple(str(v) for v in values) for k, values in data.items()}


@lru_cache(maxsize=4096)
def equivalents(term: str) -> tuple[str, ...]:
    """Official wordings of a question term: its own entry, or the entries of the colloquial words
    it contains ("纸质版" → 纸质, 一式; "牌子" inside "这个牌子")."""
    table = lexicon()
    if term in table:
        return table[term]
    found: list[str] = []
    for key, values in table.items():
        if len(key) >= 2 and key in term:
            found.extend(values)
    return tuple(dict.fromkeys(found))
