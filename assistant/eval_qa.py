"""`shenbao eval qa`: citation hit rate, fact coverage, abstention precision/recall and the share
of answers whose citations all verify, on tests/eval/qa.jsonl.

Each gold entry is played as a conversation (its `history` first), so follow-ups are measured with
the scope they inherit. The clock is fixed by the settings (`SHENBAO_TODAY`) for reproducibility.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from pathlib import Path

from pydantic import BaseModel

from .answer import Answerer, AskResult
from .chat import Conversation
from .citations import citation_is_verbatim
from .jsonfile import read_cases


class QAGold(BaseModel):
    id: str
    question: str
    notices: list[str]
    facts: list[str]
    out_of_scope: bool = False
    multi: bool = False
    history: list[str] = []
    # list questions: one verbatim fragment per item of the complete answer
    kind: str = "fact"
    items: list[str] = []


class QACase(BaseModel):
    id: str
    abstained: bool
    cited: list[str]
    missing_notices: list[str]
    missing_facts: list[str]
    verified: bool
    ms: float
    chars: int = 0
    missing_items: list[str] = []


class QAMetrics(BaseModel):
    questions: int
    in_scope: int
    out_of_scope: int
    citation_hit: float  # in-scope answers citing every gold notice
    fact_coverage: float  # gold facts found in the answer text
    abstention_precision: float
    abstention_recall: float
    out_of_scope_answered: int
    verified: float  # answers whose citations all verify against the cleaned text
    p95_ms: float
    # list questions (gold `items`): complete answers, items given, answer length
    list_questions: int = 0
    list_complete: float = 0.0
    list_items: float = 0.0
    list_median_chars: float = 0.0
    list_max_chars: int = 0
    # single-fact questions (in scope, one notice, no items): answer length
    fact_median_chars: float = 0.0
    failures: list[QACase]


def load_qa(path: Path) -> list[QAGold]:
    """The cases of a QA gold set (a one-line Chinese error for a missing, empty or malformed file)."""
    return read_cases(path, QAGold)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))


def _contains(text: str, fact: str) -> bool:
    """Whitespace- and width-insensitive: OCR text writes "2021 年 11 月 20 日" and half-width
    punctuation where the cleaned text (and so the answer) may not."""
    return _norm(fact) in _norm(text)


def _median(values: list[int]) -> float:
    return float(statistics.median(values)) if values else 0.0


def run_case(answerer: Answerer, gold: QAGold) -> tuple[AskResult, float]:
    conversation = Conversation(answerer)
    for turn in gold.history:
        conversation.send(turn)
    started = time.perf_counter()
    result = conversation.send(gold.question)
    return result, 1000 * (time.perf_counter() - started)


def evaluate_qa(answerer: Answerer, gold: list[QAGold]) -> QAMetrics:
    cases: list[QACase] = []
    for g in gold:
        result, ms = run_case(answerer, g)
        cited = sorted({c.notice_id for c in result.citations})
        verified = all(citation_is_verbatim(answerer.notice(c.notice_id).text, c) for c in result.citations)
        cases.append(
            QACase(
                id=g.id,
                abstained=result.abstained,
                cited=cited,
                missing_notices=[n for n in g.notices if n not in cited],
                missing_facts=[f for f in g.facts if not _contains(result.answer, f)],
                verified=verified,
                ms=ms,
                chars=len(result.answer),
                missing_items=[i for i in g.items if not _contains(result.answer, i)],
            )
        )
    by_id = {g.id: g for g in gold}
    in_scope = [c for c in cases if not by_id[c.id].out_of_scope]
    oos = [c for c in cases if by_id[c.id].out_of_scope]
    abstained = [c for c in cases if c.abstained]
    facts_total = sum(len(by_id[c.id].facts) for c in in_scope)
    facts_found = sum(len(by_id[c.id].facts) - len(c.missing_facts) for c in in_scope)
    answered = [c for c in cases if not c.abstained]
    times = sorted(c.ms for c in cases)
    failures = [
        c for c in cases
        if (by_id[c.id].out_of_scope != c.abstained) or c.missing_notices or c.missing_facts or not c.verified
        or c.missing_items
    ]
    lists = [c for c in in_scope if by_id[c.id].items]
    items_total = sum(len(by_id[c.id].items) for c in lists)
    facts_only = [c for c in in_scope if not by_id[c.id].items and not by_id[c.id].multi and by_id[c.id].kind == "fact"]
    return QAMetrics(
        questions=len(cases),
        in_scope=len(in_scope),
        out_of_scope=len(oos),
        citation_hit=sum(1 for c in in_scope if not c.abstained and not c.missing_notices) / max(len(in_scope), 1),
        fact_coverage=facts_found / max(facts_total, 1),
        abstention_precision=sum(1 for c in abstained if by_id[c.id].out_of_scope) / max(len(abstained), 1),
        abstention_recall=sum(1 for c in oos if c.abstained) / max(len(oos), 1),
        out_of_scope_answered=sum(1 for c in oos if not c.abstained),
        verified=sum(1 for c in answered if c.verified) / max(len(answered), 1),
        p95_ms=times[int(0.95 * (len(times) - 1))] if times else 0.0,
        failures=failures,
        list_questions=len(lists),
        list_complete=sum(1 for c in lists if not c.missing_items) / max(len(lists), 1),
        list_items=sum(len(by_id[c.id].items) - len(c.missing_items) for c in lists) / max(items_total, 1),
        list_median_chars=_median([c.chars for c in lists]),
        list_max_chars=max((c.chars for c in lists), default=0),
        fact_median_chars=_median([c.chars for c in facts_only]),
    )


def format_qa(m: QAMetrics) -> str:
    lines = [
        f"questions {m.questions} (in scope {m.in_scope}, out of scope {m.out_of_scope})",
        f"citation hit        {m.citation_hit:.3f}",
        f"fact coverage       {m.fact_coverage:.3f}",
        f"abstention P / R    {m.abstention_precision:.3f} / {m.abstention_recall:.3f}"
        f"  (out-of-scope answered: {m.out_of_scope_answered})",
        f"citations verified  {m.verified:.3f}",
        f"latency p95         {m.p95_ms:.0f} ms (per question, incl. conversation)",
    ]
    if m.list_questions:
        lines.append(
            f"list answers        {m.list_complete:.3f} complete, {m.list_items:.3f} of items "
            f"({m.list_questions} questions; length median {m.list_median_chars:.0f}, longest {m.list_max_chars} chars)"
        )
    if m.fact_median_chars:
        lines.append(f"single-fact length  median {m.fact_median_chars:.0f} chars")
    if m.failures:
        lines.append("failures: " + ", ".join(c.id for c in m.failures))
    return "\n".join(lines)


def as_json(m: QAMetrics) -> str:
    return json.dumps(m.model_dump(), ensure_ascii=False, indent=1)
