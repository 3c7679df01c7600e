"""A conversation: follow-ups inherit scope and are rewritten into standalone questions; eligibility
questions go to the rule engine, which asks for missing facts one or two at a time.

The API reuses this class (one per session); its state is plain data (`state()` / `from_state()`).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from ..answer import Answerer, AskResult
from ..answer.deadlines import deadline_notes
from ..eligibility.profile import CATEGORY_LABELS, DATE_FIELDS
from ..scope import CATEGORY_WORDS, categories_in, gazetteer
from ..vocabulary import BOTH_SIDES, full_years
from .drafting_route import ASKED_CATEGORY, drafting_reply, is_drafting_request
from .eligibility_route import eligibility_reply, is_eligibility_question
from .profile_extract import Facts, extract_facts

# the year of the round a question is about, not a target it names ("计划到2023年底…")
ROUND_YEAR = re.compile(r"(?<![到至])(20[12]\d)\s*年(?![底末初])")
FOLLOW_UP_START = re.compile(r"^(那|那么|那如果|如果是|要是|换成|还有|另外|再问一下|同样的)")
# Facts that only say who/where: on their own they do not make a question an eligibility check.
SCOPE_FACTS = {"applicant_type", "registered_province", "registered_city", "mode_keywords"}


class Turn(BaseModel):
    user: str
    standalone: str
    route: str
    notices: list[str]


def rewrite_follow_up(message: str, previous: str | None) -> str:
    """Deterministic rewrite of a follow-up into a standalone question: "那平台呢？" swaps the category
    of the previous question; "那材料要几份？" keeps the previous question's scope (region, year,
    programme) and asks the new thing."""
    text = message.strip()
    if previous is None:
        return text
    short = len(re.sub(r"[？?。！!，,\s呢吗]", "", text)) <= 8
    if not (short or FOLLOW_UP_START.search(text)):
        return text
    core = FOLLOW_UP_START.sub("", re.sub(r"[？?。！!\s]*(呢|吗)?[？?。！!\s]*$", "", text)).strip("，, ")
    if not core:
        return previous
    new_categories = categories_in(core)
    old_categories = categories_in(previous)
    rest = core
    for words in CATEGORY_WORDS.values():
        for word in words:
            rest = rest.replace(word, "")
    if new_categories and old_categories and new_categories[0] != old_categories[0] and len(rest) <= 2:
        rewritten = previous
        for word in sorted(CATEGORY_WORDS[old_categories[0]], key=len, reverse=True):
            replacement = CATEGORY_LABELS[new_categories[0]]
            rewritten = rewritten.replace(word, replacement if len(word) > 2 else replacement[2:])
        return rewritten
    return f"{_scope_prefix(previous)}{core}？" if _scope_prefix(previous) else f"{previous.rstrip('？?。')}，{core}？"


def _scope_prefix(question: str) -> str:
    """The scope words of a question: its region, programme year and level ("河南2020年", "工信部第五批")."""
    from ..scope import DEPARTMENT, LEVEL_WORDS

    parts = [next((n for n in _region_names() if n in question), "")]
    year = ROUND_YEAR.search(full_years(question))
    parts.append(f"{year.group(1)}年" if year else "")
    levelled = DEPARTMENT.sub("", question)  # "区县工信部门" names no level
    parts.append(next((w for w in LEVEL_WORDS["national"] if w in levelled and len(w) > 2), ""))
    batch = re.search(r"第[一二三四五六七八九十]+批", question)
    parts.append(batch.group(0) if batch and batch.group(0) not in parts[-1] else "")
    return "".join(parts)


class Conversation:
    """One user's conversation with the assistant."""

    def __init__(self, answerer: Answerer) -> None:
        self.answerer = answerer
        self.turns: list[Turn] = []
        self.facts = Facts()
        self.pending_fields: list[str] = []
        self.scope_ids: list[str] | None = None
        self.pending_drafting = False  # the last reply asked which category to draft for

    # --- state for persistence (the API stores it per session) ---------------------------------

    def state(self) -> dict[str, Any]:
        """Plain JSON data: what a session store keeps between messages."""
        return {
            "turns": [t.model_dump() for t in self.turns],
            "facts": {
                "values": {k: _to_json(v) for k, v in self.facts.values.items()},
                "ranges": {k: [a.isoformat(), b.isoformat()] for k, (a, b) in self.facts.ranges.items()},
                "notes": list(self.facts.notes),
            },
            "pending_fields": self.pending_fields,
            "scope_ids": self.scope_ids,
            "pending_drafting": self.pending_drafting,
        }

    @classmethod
    def from_state(cls, answerer: Answerer, state: dict[str, Any]) -> Conversation:
        """The conversation `state()` described (an empty one for `{}`)."""
        conversation = cls(answerer)
        conversation.turns = [Turn.model_validate(t) for t in state.get("turns", [])]
        facts = state.get("facts", {})
        conversation.facts = Facts(
            {k: _from_json(k, v) for k, v in facts.get("values", {}).items()},
            {k: (date.fromisoformat(a), date.fromisoformat(b)) for k, (a, b) in facts.get("ranges", {}).items()},
            list(facts.get("notes", [])),
        )
        conversation.pending_fields = list(state.get("pending_fields", []))
        conversation.scope_ids = state.get("scope_ids")
        conversation.pending_drafting = bool(state.get("pending_drafting", False))
        return conversation

    @property
    def profile_facts(self) -> dict[str, Any]:
        """The applicant facts gathered so far, as JSON values (dates as ISO strings)."""
        return {k: _to_json(v) for k, v in self.facts.values.items()}

    # --- one message ---------------------------------------------------------------------------

    def send(self, message: str) -> AskResult:
        message = message.strip()
        previous = self.turns[-1].standalone if self.turns else None
        own_scope = self.answerer.retriever.scope(message)
        new_facts = extract_facts(message)
        stated = {k for k in new_facts.values if k not in SCOPE_FACTS} | set(new_facts.ranges)
        after_check = bool(self.pending_fields) or bool(self.turns and self.turns[-1].route == "eligibility")
        if stated and (is_eligibility_question(message) or after_check):  # facts for (or after) a check
            return self._eligibility(message, own_scope.notice_ids if own_scope.names_notices else None, new_facts)
        if self.turns and self.turns[-1].route == "eligibility" and is_scope_switch(message):
            # "那山西的呢？" after a check: the same facts against the notices now named. The place named
            # here is the notice's, not where the applicant is registered.
            switched = Facts({k: v for k, v in new_facts.values.items()
                              if k not in ("registered_province", "registered_city")})
            named = own_scope.notice_ids if own_scope.names_notices else None
            if self._has_rules(named or self.scope_ids or []):
                return self._eligibility(message, named, switched)
        continuing, self.pending_drafting = self.pending_drafting and len(message) <= 12 and categories_in(message), False
        if is_drafting_request(message) or continuing:
            return self._drafting(message, own_scope.notice_ids if own_scope.names_notices else None)
        standalone = rewrite_follow_up(message, previous) if not own_scope.names_notices else message
        writer = self.answerer.services.llm_writer
        if writer is not None and previous and standalone != message:
            standalone = writer.rewrite([t.user for t in self.turns[-4:]], message) or standalone
        if own_scope.names_notices and previous and (FOLLOW_UP_START.search(message) or "呢" in message) \
                and BOTH_SIDES.search(message):
            # "山西2021年那批呢？两边要求一样不？": the previous question, asked of both sides
            standalone = f"{previous.rstrip('？?。')}；{message}"
        elif own_scope.names_notices and previous and standalone == message and len(message) <= 12:
            standalone = rewrite_follow_up(message, previous)  # "山西呢？": new region, same question
            standalone = _swap_region(previous, message, standalone)
        result = self.answerer.ask(standalone, scope_ids=self.scope_ids)
        if not result.abstained:
            self.scope_ids = result.notices
        self.turns.append(Turn(user=message, standalone=standalone, route="qa", notices=result.notices))
        return result

    def _has_rules(self, notice_ids: list[str]) -> bool:
        book = self.answerer.services.rulebook
        return any(book.has_pack(n) for n in notice_ids)

    def _eligibility(self, message: str, named: list[str] | None, new_facts: Facts) -> AskResult:
        self.facts = self.facts.merge(new_facts)
        scope_ids = named or self.scope_ids or self._scope_from_facts()
        settings = self.answerer.services.settings
        book = self.answerer.services.rulebook
        if not any(book.has_pack(n) for n in scope_ids):
            return self._without_conditions(message, scope_ids)
        answer, citations, notices, asks = eligibility_reply(self.facts, scope_ids, book, settings.clock())
        self.pending_fields = asks
        self.scope_ids = notices
        notes = deadline_notes([self.answerer.notice(n).meta for n in notices], settings.clock())
        if notes:
            answer += "\n" + "\n".join(f"提示：{n}" for n in notes)
        self.turns.append(Turn(user=message, standalone=message, route="eligibility", notices=notices))
        return AskResult(answer=answer, citations=citations, abstained=False, notices=notices, route="eligibility",
                         deadline_notes=notes, query=message, writer="rules")

    def _without_conditions(self, message: str, scope_ids: list[str]) -> AskResult:
        """No notice in scope states conditions the rule engine can check: say so, then answer from
        the clauses the notices do have."""
        result = self.answerer.ask(message, scope_ids=scope_ids)
        names = "、".join(f"《{self.answerer.notice(n).meta.title}》" for n in scope_ids[:3])
        lead = f"{names}的现有文本没有写明可逐条判断的申报条件，无法由规则引擎判断能否申报。"
        answer = lead + ("" if result.abstained else "以下是通知中的相关内容：\n" + result.answer)
        self.turns.append(Turn(user=message, standalone=message, route="eligibility", notices=result.notices))
        return result.model_copy(update={"answer": answer, "route": "eligibility"})

    def _drafting(self, message: str, named: list[str] | None) -> AskResult:
        answerer = self.answerer
        scope_ids = named or self.scope_ids or list(answerer.index.notice_ids)
        category = self.facts.values.get("applicant_type")
        result = drafting_reply(answerer.services.drafter, [answerer.notice(n) for n in scope_ids],
                                answerer.index.chunks, message, str(category) if category else None)
        if not result.abstained:
            self.scope_ids = result.notices
        self.pending_drafting = result.reason == ASKED_CATEGORY
        self.turns.append(Turn(user=message, standalone=message, route="drafting", notices=result.notices))
        return result

    def _scope_from_facts(self) -> list[str]:
        """Notices that apply to where the applicant is registered (all when unknown)."""
        where = " ".join(str(self.facts.values.get(k, "")) for k in ("registered_city", "registered_province"))
        if not where.strip():
            return list(self.answerer.index.notice_ids)
        return self.answerer.retriever.scope(where + " 国家级").notice_ids


def is_scope_switch(message: str) -> bool:
    """A follow-up that only names another place, level, year or category ("那山西的呢？", "换成平台呢")."""
    from ..scope import LEVEL_WORDS, YEAR

    text = message.strip()
    if not FOLLOW_UP_START.search(text) and len(text) > 8:
        return False
    rest = FOLLOW_UP_START.sub("", text)
    found = YEAR.search(rest) is not None
    rest = YEAR.sub("", rest)
    words = [*_region_names(), *(w for ws in CATEGORY_WORDS.values() for w in ws),
             *(w for ws in LEVEL_WORDS.values() for w in ws)]
    for word in sorted(words, key=len, reverse=True):
        if word in rest:
            rest, found = rest.replace(word, ""), True
    return found and len(re.sub(r"[的呢吗？?。！!，,\s报申请示范]", "", rest)) == 0


def _swap_region(previous: str, message: str, fallback: str) -> str:
    """"山西呢？" after a Henan question: the previous question with the new region."""
    new = next((n for n in _region_names() if n in message), None)
    old = next((n for n in _region_names() if n in previous), None)
    if new and old and new != old:
        swapped = re.sub(r"20\d\d年度?", "", previous.replace(old, new))
        return swapped
    return fallback


def _to_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    return value


def _from_json(key: str, value: Any) -> Any:
    """Dates come back as dates: the profile's date fields and the incident list."""
    if key in DATE_FIELDS and isinstance(value, str):
        return date.fromisoformat(value)
    if key == "major_incidents" and isinstance(value, list):
        return [date.fromisoformat(v) for v in value]
    return value


@lru_cache(maxsize=1)
def _region_names() -> tuple[str, ...]:
    """Province, city and county names, longest first (so 内蒙古 wins over a shorter overlap)."""
    gaz = gazetteer()
    names = {*gaz.provinces, *(c for cs in gaz.cities.values() for c in cs), *(d for ds in gaz.districts.values() for d in ds)}
    return tuple(sorted(names, key=len, reverse=True))
