"""Sanity checks for the held-out retrieval gold set (tests/eval/retrieval_holdout.jsonl)."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest
from gold_files import load_jsonl

from assistant.corpus import load_corpus_notice
from assistant.settings import PROJECT_ROOT

HOLDOUT_PATH = PROJECT_ROOT / "tests" / "eval" / "retrieval_holdout.jsonl"
NOTICE_IDS = ("henan-2020", "shanxi-2021", "henan-basic-modes", "miit-2023", "baotou")
MIN_PER_NOTICE = {
    "henan-2020": 10,
    "shanxi-2021": 10,
    "miit-2023": 8,
    "henan-basic-modes": 5,
    "baotou": 7,
}
REQUIRED_KEYS = {"id", "question", "notice_id", "section", "anchor"}


ENTRIES = load_jsonl(HOLDOUT_PATH)


@cache
def _notice_text(notice_id: str) -> str:
    return load_corpus_notice(PROJECT_ROOT / "corpus", notice_id).text


def test_enough_entries() -> None:
    assert len(ENTRIES) >= 40


def test_ids_unique_and_prefixed() -> None:
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert all(isinstance(i, str) and i.startswith("h") for i in ids)


def test_all_notices_present_with_minimum_spread() -> None:
    counts = Counter(e["notice_id"] for e in ENTRIES)
    assert set(counts) == set(NOTICE_IDS)
    for notice_id, minimum in MIN_PER_NOTICE.items():
        assert counts[notice_id] >= minimum, (notice_id, counts[notice_id])


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_entry_shape(entry: dict) -> None:
    assert set(entry) == REQUIRED_KEYS
    for key in REQUIRED_KEYS:
        assert isinstance(entry[key], str) and entry[key].strip(), key
    assert entry["notice_id"] in NOTICE_IDS


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_anchor_valid(entry: dict) -> None:
    anchor = entry["anchor"]
    assert 8 <= len(anchor) <= 40, len(anchor)
    assert not any(ch.isspace() for ch in anchor)
    assert anchor not in entry["question"]
    text = _notice_text(entry["notice_id"])
    assert text.count(anchor) == 1, text.count(anchor)
