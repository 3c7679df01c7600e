"""Sanity checks for the question-answering gold set (tests/eval/qa.jsonl).

Each entry is a paraphrased applicant/hotline question with the notice(s) whose clauses the answer must
cite and 1–3 key facts (up to 4 for questions spanning several notices) that the answer must contain.
Facts are verbatim substrings of the cited notices' cleaned text, so an answer that quotes the right
clause contains them. Out-of-scope entries (other regions/programs, topics the notices do not cover)
cite nothing and expect an abstention. Follow-up entries carry the earlier user turns in `history`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest
from gold_files import load_jsonl

from assistant.corpus import load_corpus_notice
from assistant.settings import PROJECT_ROOT

GOLD = PROJECT_ROOT / "tests" / "eval" / "qa.jsonl"
CORPUS = PROJECT_ROOT / "corpus"
NOTICE_IDS = {"henan-2020", "shanxi-2021", "henan-basic-modes", "miit-2023", "baotou"}
FIELDS = {"id", "question", "notices", "facts", "out_of_scope", "multi", "history"}
CJK = re.compile(r"[\u4e00-\u9fff]")
ID_RE = re.compile(r"^q\d{3}$")
# A question must paraphrase: no run of this many characters may be copied from a cited notice
# (the program name itself, "服务型制造", does not count towards a run).
MAX_COPIED_RUN = 11
PROGRAM_NAME = "服务型制造"
MIN_PER_NOTICE = {"henan-2020": 15, "shanxi-2021": 15, "miit-2023": 12, "henan-basic-modes": 6, "baotou": 8}


ENTRIES = load_jsonl(GOLD)


@cache
def cleaned(notice_id: str) -> str:
    return load_corpus_notice(CORPUS, notice_id).text


def _longest_copied_run(question: str, text: str) -> str:
    best = ""
    for i in range(len(question)):
        j = i + len(best) + 1
        while j <= len(question) and question[i:j] in text:
            best = question[i:j]
            j += 1
    return best


def test_size_and_unique_ids() -> None:
    assert len(ENTRIES) >= 90
    ids = [e["id"] for e in ENTRIES]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate ids: {dupes}"
    assert all(ID_RE.match(i) for i in ids)


def test_category_counts() -> None:
    assert sum(e["out_of_scope"] for e in ENTRIES) >= 12
    assert sum(e["multi"] for e in ENTRIES) >= 10
    assert sum(bool(e["history"]) for e in ENTRIES) >= 6
    assert sum(bool(e["history"]) and e["out_of_scope"] for e in ENTRIES) >= 1


def test_questions_are_unique() -> None:
    keys = [(tuple(e["history"]), e["question"]) for e in ENTRIES]
    dupes = [k for k, n in Counter(keys).items() if n > 1]
    assert not dupes, f"duplicate questions: {dupes}"


def test_every_notice_covered() -> None:
    counts = Counter(n for e in ENTRIES if not e["out_of_scope"] for n in e["notices"])
    for notice_id, minimum in MIN_PER_NOTICE.items():
        assert counts[notice_id] >= minimum, (notice_id, counts)
    single = Counter(e["notices"][0] for e in ENTRIES if not e["out_of_scope"] and not e["multi"])
    assert set(single) == NOTICE_IDS


def test_deadline_questions() -> None:
    dated = re.compile(r"(\d{4}年)?\d{1,2}月\d{1,2}日")
    asking = [e for e in ENTRIES if re.search(r"截止|来得及|还能(交|报)|过了吗|期限", e["question"])]
    in_scope = [e for e in asking if not e["out_of_scope"] and any(dated.fullmatch(f) for f in e["facts"])]
    assert len(in_scope) >= 5, [e["id"] for e in in_scope]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_entry(entry: dict) -> None:
    assert set(entry) == FIELDS
    question = entry["question"].strip()
    assert question and CJK.search(question), "question must be non-empty Chinese"
    assert isinstance(entry["history"], list)
    assert all(isinstance(h, str) and CJK.search(h) for h in entry["history"])
    notices, facts = entry["notices"], entry["facts"]
    assert isinstance(entry["out_of_scope"], bool) and isinstance(entry["multi"], bool)

    if entry["out_of_scope"]:
        assert notices == [] and facts == [], "out-of-scope entries cite nothing"
        assert not entry["multi"]
        return

    assert notices and len(set(notices)) == len(notices)
    assert set(notices) <= NOTICE_IDS
    if entry["multi"]:
        assert len(notices) >= 2, "multi entries cite several notices"
        assert 2 <= len(facts) <= 4
    else:
        assert len(notices) == 1
        assert 1 <= len(facts) <= 3
    assert len(set(facts)) == len(facts)

    texts = {n: cleaned(n) for n in notices}
    turns = [question, *entry["history"]]
    for fact in facts:
        assert 2 <= len(fact) <= 20, f"fact length {len(fact)}: {fact!r}"
        assert not re.search(r"\s", fact), f"fact contains whitespace: {fact!r}"
        assert any(fact in t for t in texts.values()), f"fact not verbatim in {notices}: {fact!r}"
        assert not any(fact in turn for turn in turns), f"question gives the fact away: {fact!r}"
    if entry["multi"]:
        for notice_id, text in texts.items():
            assert any(f in text for f in facts), f"no fact from {notice_id}"
    for notice_id, text in texts.items():
        run = _longest_copied_run(question.replace(PROGRAM_NAME, "\u00b7"), text)
        assert len(run) < MAX_COPIED_RUN, f"question copies {notice_id}: {run!r}"
