"""Sanity checks for the held-out QA sets, each written blind to the code by a separate author:
qa_holdout.jsonl (h…), qa_test.jsonl (t…), qa_final.jsonl (f…), qa_blind2.jsonl (b…), qa_blind3.jsonl (c…) and qa_blind4.jsonl (d…, written last, measured once).

Same shape as qa.jsonl: facts are verbatim (whitespace aside) in a cited notice's cleaned text, a
multi-notice entry has a fact from each notice, out-of-scope entries cite nothing."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest
from gold_files import load_jsonl

from assistant.corpus import load_corpus_notice
from assistant.settings import PROJECT_ROOT

EVAL = PROJECT_ROOT / "tests" / "eval"
SETS = {"qa_holdout.jsonl": "h", "qa_test.jsonl": "t", "qa_final.jsonl": "f", "qa_blind2.jsonl": "b", "qa_blind3.jsonl": "c", "qa_blind4.jsonl": "d"}
NOTICE_IDS = {"henan-2020", "shanxi-2021", "henan-basic-modes", "miit-2023", "baotou"}
FIELDS = {"id", "question", "notices", "facts", "out_of_scope", "multi", "history"}


@cache
def squashed(notice_id: str) -> str:
    return re.sub(r"\s+", "", load_corpus_notice(PROJECT_ROOT / "corpus", notice_id).text)


@pytest.mark.parametrize(("name", "prefix"), SETS.items())
def test_heldout_set(name: str, prefix: str) -> None:
    entries = load_jsonl(EVAL / name)
    assert len(entries) >= 60
    ids = [e["id"] for e in entries]
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert all(re.fullmatch(rf"{prefix}\d{{3}}", i) for i in ids)
    assert sum(e["out_of_scope"] for e in entries) >= 10 and sum(e["multi"] for e in entries) >= 8
    for e in entries:
        assert set(e) == FIELDS, e["id"]
        assert set(e["notices"]) <= NOTICE_IDS, e["id"]
        if e["out_of_scope"]:
            assert not e["notices"] and not e["facts"], e["id"]
            continue
        assert e["notices"] and e["facts"], e["id"]
        for fact in e["facts"]:
            bare = re.sub(r"\s+", "", fact)
            assert any(bare in squashed(n) for n in e["notices"]), (e["id"], fact)
        if e["multi"]:
            for n in e["notices"]:
                assert any(re.sub(r"\s+", "", f) in squashed(n) for f in e["facts"]), (e["id"], n)
