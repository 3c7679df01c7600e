"""The direct lead of an answer: a single-fact question ("几号截止", "占比多少", "电话多少") starts
with one line that states the fact, quoted from the clause, before the clause itself; and the test
that tells a list question (answered with whole clauses) from a single-fact one."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..answer_types import ANSWER_TYPES, DEADLINE_END, DEADLINE_END_CUE, expected_types
from ..citations import Citation
from ..clauses import numbering
from ..vocabulary import (
    FACT_LABELS,
    JOINED,
    SUBMISSION_ACT,
    SUBMISSION_QUESTION,
    WHOLE_LIST_CUE,
    about_award,
    asking_phrases,
    list_kinds,
)
from .sentences import Sentence

if TYPE_CHECKING:
    from .evidence import Evidence

SEGMENT_END = re.compile(r"[，。；：,;:！？]")
# A fact's segment longer than this is cut around the fact (still a verbatim slice).
MAX_SEGMENT = 60
# Leads per answer (a composite question may ask for two facts).
MAX_LEADS = 2
# Sentences searched for the fact, best first.
LEAD_WINDOW = 5


def asked_types(question: str) -> list[str]:
    """The kinds of fact a question asks for. When the phrase that asks, asks for a list, a fact's cue
    in a phrase that asks nothing is context ("从网上填报到部里评审，流程是怎么走的" does not ask for
    the web address)."""
    types = expected_types(question)
    asking = asking_phrases(question)
    if not any(list_kinds(p) for p in asking):
        return types
    return [t for t in types if any(ANSWER_TYPES[t][0].search(p) for p in asking)]


def is_list_question(question: str, types: list[str]) -> bool:
    """Does the question ask for a whole list (conditions, materials, steps…) rather than one fact?
    A question asking for everything ("哪些", "都有") about a thing the notice titles is one too: the
    answer is that clause whole, if the question names one (`clause_lists.named_clause`)."""
    single = [t for t in types if t in FACT_LABELS]
    if not list_kinds(question):
        return not single and WHOLE_LIST_CUE.search(question) is not None
    if not single or WHOLE_LIST_CUE.search(question):
        return True
    # a composite question: one phrase (or one of the things a phrase joins) asks for the list, another
    # for the fact ("申报条件是什么，什么时候截止", "推荐名额和条件？")
    parts = [part for p in asking_phrases(question) for part in JOINED.split(p)]
    return any(list_kinds(p) and not any(ANSWER_TYPES[t][0].search(p) for t in single if t in ANSWER_TYPES)
               for p in parts)


# Runs a cut must not split: a title, a bracket, a quotation, a number or date ("2024年4月20日").
ATOM = re.compile(r"《[^《》]{1,80}》|（[^（）]{1,40}）|\([^()]{1,40}\)|“[^“”]{1,40}”|〔[^〔〕]{1,10}〕"
                  r"|[\d０-９]+(?:[年月日号时.．:：%％\-—至]*[\d０-９]+)*[年月日号%％]?")


def _nearest_match(text: str, pattern: re.Pattern[str], question: str) -> re.Match[str] | None:
    """The occurrence of the fact whose surroundings share most words with the question (the first on
    a tie): "按十五部门哪份实施意见…文号" asks for the 文号 after 十五部门《…实施意见》, not the first one."""
    matches = list(pattern.finditer(text))
    if len(matches) <= 1 or not question:
        return matches[0] if matches else None
    asked = {question[i : i + 2] for i in range(len(question) - 1)}

    def shared(m: re.Match[str]) -> int:
        # what a fact belongs to mostly comes before it ("《…实施意见》（…46号）", "报送…（一式三份）")
        near = text[max(0, m.start() - MAX_SEGMENT // 2) : m.end() + MAX_SEGMENT // 8]
        return len(asked & {near[i : i + 2] for i in range(len(near) - 1)})

    return max(matches, key=shared)


def fact_segment(text: str, pattern: re.Pattern[str], question: str = "") -> tuple[int, int] | None:
    """Offsets (within `text`) of the comma-delimited segment that holds the fact."""
    match = _nearest_match(text, pattern, question)
    if match is None:
        return None
    start = max((m.end() for m in SEGMENT_END.finditer(text, 0, match.start())), default=0)
    end_match = SEGMENT_END.search(text, match.end())
    end = end_match.start() if end_match else len(text)
    start += len(numbering(text[start:end]))  # "2.平台的…" → "平台的…"
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > MAX_SEGMENT:
        low, high = start, end
        start, end = max(start, match.start() - MAX_SEGMENT // 3), min(end, match.end() + MAX_SEGMENT // 3)
        for atom in ATOM.finditer(text, low, high):  # never cut inside "4月20日" or a 《title》
            if atom.start() < start < atom.end():
                start = atom.start()
            if atom.start() < end < atom.end():
                end = atom.end()
    return start, end


def direct_lead(ev: Evidence, cite: Callable[[Sentence, int], Citation], citations: list[Citation],
                notice_id: str | None = None) -> str:
    """One line per asked fact type: "时间：“于11月25日前报送”[1]"; "" when no sentence holds it. With
    `notice_id`, only from that notice (the one the answer quotes)."""
    lines: list[str] = []
    used: set[tuple[int, int]] = set()
    own = [s for s in ev.ranked if notice_id is None or s.notice_id == notice_id]
    for kind in [t for t in ev.types if t in FACT_LABELS][:MAX_LEADS]:
        pattern = ANSWER_TYPES[kind][1]
        window = own[:LEAD_WINDOW]
        if kind == "deadline" and DEADLINE_END_CUE.search(ev.question):
            # the end of the window, never a date something counts from ("2019年5月1日起"): no lead
            # when none of the best sentences states one
            pattern = DEADLINE_END
        handing_in = pattern is DEADLINE_END and SUBMISSION_QUESTION.search(ev.question) is not None
        for s in window:
            if kind == "money" and not about_award(ev.question, s.text):
                continue  # an award's amount, not a revenue threshold
            if handing_in and not SUBMISSION_ACT.search(s.text):
                continue  # the date to hand in by, not one a condition counts to
            span = fact_segment(s.text, pattern, ev.question)
            if span is None or (s.start + span[0], s.start + span[1]) in used:
                continue
            used.add((s.start + span[0], s.start + span[1]))
            piece = Sentence(s.notice_id, s.chunk, s.rank, s.start + span[0], s.start + span[1],
                             s.text[span[0] : span[1]])
            citation = cite(piece, len(citations) + 1)
            citations.append(citation)
            lines.append(f"{FACT_LABELS[kind]}：“{citation.quote}”[{citation.n}]")
            break
    return "\n".join(lines)
