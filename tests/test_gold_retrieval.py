"""Sanity checks for the retrieval gold set (tests/eval/retrieval.jsonl).

Each entry is a paraphrased applicant/hotline question with the notice that answers it and a short
verbatim anchor inside the answering clause. Scoring counts a retrieved chunk as a hit when its span
overlaps the anchor's span, so each anchor must occur exactly once in its notice's cleaned text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from gold_files import load_jsonl

from assistant.cleaning import clean_text

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "eval" / "retrieval.jsonl"
CORPUS = ROOT / "corpus"
NOTICE_IDS = {"henan-2020", "shanxi-2021", "henan-basic-modes", "miit-2023", "baotou"}
FIELDS = {"id", "question", "notice_id", "section", "anchor"}
CJK = re.compile(r"[\u4e00-\u9fff]")


ENTRIES = load_jsonl(GOLD)


@cache
def cleaned(notice_id: str) -> str:
    return clean_text((CORPUS / notice_id / "notice.txt").read_text(encoding="utf-8")).text


def test_size_and_ids() -> None:
    assert len(ENTRIES) >= 60
    ids = [e["id"] for e in ENTRIES]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate ids: {dupes}"


def test_every_notice_covered() -> None:
    counts = Counter(e["notice_id"] for e in ENTRIES)
    assert set(counts) == NOTICE_IDS
    assert min(counts.values()) >= 8, counts


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_entry(entry: dict) -> None:
    assert set(entry) == FIELDS
    assert entry["notice_id"] in NOTICE_IDS
    question, anchor = entry["question"].strip(), entry["anchor"]
    assert question and CJK.search(question), "question must be non-empty Chinese"
    assert entry["section"].strip()
    assert 8 <= len(anchor) <= 40, f"anchor length {len(anchor)}"
    assert anchor not in question, "question must paraphrase, not contain its anchor"
    text = cleaned(entry["notice_id"])
    count = text.count(anchor)
    assert count == 1, f"anchor occurs {count}× in cleaned {entry['notice_id']}: {anchor!r}"
