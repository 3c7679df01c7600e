"""When the notices do not answer a question, and why: a region, level, year, batch or programme no
indexed notice covers, a topic none mentions, or clauses too far from the question."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..answer_types import has_answer
from ..corpus import Notice
from ..index import Index
from ..scope import Scope, gazetteer, other_programme, programmes, topic_words, word_bounds
from ..tokenize import _jieba
from ..vocabulary import (
    AMOUNT_QUESTION,
    BATCH,
    DOCUMENT_KIND,
    FIRST_BATCHES,
    IN_DOCUMENT,
    about_award,
    to_int,
)
from .evidence import Evidence
from .sentences import Sentence, SentenceScorer
from .tuning import TUNING

# The reasons that say only that no clause is close to the question: where the question names the
# notices, a more precise reason (what it asks about that they do not state) is given instead.
NOT_COVERED = "现有通知没有涉及这个问题"
NOT_FOUND = "现有通知中没有找到相关条款"
FAR_FROM_CLAUSES = frozenset({NOT_COVERED, NOT_FOUND})
PROGRAMME = "服务型制造"
DEMONSTRATION = "示范"
LEVEL_NAMES = {"provincial": "省级", "municipal": "市级"}
MATERIALS = re.compile(r"附件|材料|提交|提供|证明|复印件|证书|准备|附上|附几|报表")


@dataclass
class Abstention:
    """Built once per index with what it checks questions against."""

    index: Index
    titles: dict[str, str]
    scorer: SentenceScorer
    off_topic_similarity: float | None
    on_topic_similarity: float | None
    uncovered_topics: list[str]  # topics callers ask about that no indexed notice mentions (税收, 社保…)
    mentioned_programmes: frozenset[str]  # other programmes the notices themselves speak of

    @classmethod
    def over(cls, index: Index, titles: dict[str, str], scorer: SentenceScorer,
             off_topic_similarity: float | None, on_topic_similarity: float | None) -> Abstention:
        corpus_text = "".join(index.notice(n).text for n in index.notice_ids)
        return cls(index, titles, scorer, off_topic_similarity, on_topic_similarity,
                   [t for t in topic_words() if t not in corpus_text],
                   frozenset(p for p in programmes() if p in corpus_text))

    def _notice(self, notice_id: str) -> Notice:
        return self.index.notice(notice_id)

    def reason(self, ev: Evidence) -> str | None:
        """Why the notices do not answer the question (said instead of an answer), or None."""
        scope = ev.scope
        if ev.side:  # the scope was checked for the question as a whole
            return self._content_reason(ev)
        named_covered = [r for r in [*scope.provinces, *scope.cities] if r not in scope.uncovered_regions]
        if scope.uncovered_regions and "national" not in scope.levels and not named_covered:
            # ("注册在河北，能报河南的吗" names a covered region too: the other one is context)
            return f"现有通知不涉及{'、'.join(scope.uncovered_regions)}的服务型制造示范遴选"
        if len(scope.levels) == 1 and scope.levels[0] != "national" and _level_named(ev.question, scope):
            # "洛阳市级…", "内蒙古自治区级…": the region is covered, but not at the level asked about
            # (a city notice organising a provincial round says so in its title: "西安市组织推荐…省级…")
            # (a 直辖市's own level is a province's: "上海市级" is the provincial level of 上海市)
            wanted = {scope.levels[0]} | ({"provincial"} if scope.levels[0] == "municipal" and not scope.cities
                                          and any(_is_municipality(p) for p in scope.provinces) else set())
            if not any(self._notice(n).meta.level in wanted or LEVEL_NAMES[scope.levels[0]] in self.titles[n]
                       for n in scope.notice_ids):
                where = (scope.cities or scope.provinces)[0]
                return f"现有通知中没有{where}{LEVEL_NAMES[scope.levels[0]]}的服务型制造示范遴选"
        if scope.program_years and not ev.reported:  # (a report's years are what it reports on)
            metas = [self._notice(i).meta for i in scope.notice_ids]
            years = set().union(*(m.years for m in metas))
            # a report stored without its date may be about that year
            undated = any(not m.issued_on and not m.year and m.genre == "news" for m in metas)
            if not years & set(scope.program_years) and not undated:
                named = "、".join(f"{y}年" for y in scope.program_years)
                return f"现有通知中没有{named}的遴选通知"
        for batch in (m.group(0) for m in BATCH.finditer(ev.question)):
            if not any(_covers_batch(self._notice(n).text, batch) for n in self.index.notice_ids):
                return f"现有通知中没有关于{batch}示范的内容"
        return self._content_reason(ev)

    def _content_reason(self, ev: Evidence) -> str | None:
        """Why the clauses found do not answer: a topic or programme the notices do not cover, or
        clauses too far from the question."""
        scope = ev.scope
        topic = _named_topic(ev.question, self.uncovered_topics)
        if topic:
            return f"现有通知没有涉及{topic}方面的规定"
        other = other_programme(ev.question)
        # Another programme named and not this one. 示范 says this one is meant when a region or year
        # is named too, or when the notices themselves speak of that programme (a city condition
        # "拥有一批国家级工业设计中心"); "山西省专精特新中小企业认定" is not ours.
        named_place = scope.provinces or scope.cities or scope.program_years
        ours = PROGRAMME in ev.question or (
            DEMONSTRATION in ev.question and bool(named_place or other in self.mentioned_programmes))
        # ...unless the question asks what a notice it names says of it, by the notice's title or as what
        # is in a document ("嘉兴两业融合方案里工业设计中心的目标"); a notice found by its region alone does not
        # count ("河南省工业设计中心怎么认定": its text may name other programmes in passing)
        # ("浙江培育共享制造的实施意见，…工业互联网平台": a place's document named by its kind counts too)
        in_document = IN_DOCUMENT.search(ev.question) or (scope.names_notices and DOCUMENT_KIND.search(ev.question))
        about = ev.titled or (scope.notice_ids if in_document else [])
        about_it = bool(other) and any(str(other) in self._notice(n).text for n in about)
        if other and not ours and not about_it:
            return f"现有通知只涉及服务型制造示范遴选，不涉及{other}"
        if not ev.ranked:
            return NOT_FOUND
        if ("money" in ev.types and AMOUNT_QUESTION.search(ev.question)
                and not any(has_answer(s.text, ["money"]) and about_award(ev.question, s.text) for s in ev.ranked[:10])):
            return "现有通知没有规定奖励或资金的金额"
        best = ev.ranked[0]
        answerable_type = ev.types and any(has_answer(s.text, ev.types) for s in ev.ranked[:10])
        unknown = self.scorer.unknown_topic_share(ev.question)
        dense = max((h.dense for h in ev.hits if h.dense is not None), default=None)
        # close to the clauses, and not about another programme ("质量标杆的材料…跟服务型制造能一起报吗")
        on_topic = (self.on_topic_similarity is not None and dense is not None
                    and dense >= self.on_topic_similarity and other_programme(ev.question) is None)
        if unknown >= TUNING.max_unknown_topic and not on_topic and (not answerable_type or best.coverage < TUNING.weak_coverage):
            return NOT_COVERED
        if self.off_topic_similarity and dense is not None and dense < self.off_topic_similarity:
            # ...unless it asks for a kind of fact the clauses hold and all its topic words are the notices' own
            if best.coverage < TUNING.weak_coverage and (not answerable_type or unknown > 0):
                return NOT_COVERED
        if _is_checklist(best) and not MATERIALS.search(ev.question):
            # The only match is an item of a list of documents to attach ("营业执照副本复印件"):
            # the notices mention the thing, they do not answer the question about it.
            return "现有通知只在申报材料清单中提到相关内容，没有回答这个问题"
        return None


def _named_topic(question: str, topics: list[str]) -> str | None:
    """A topic the question names as a word or a word's head/tail ("社保断缴", "工业用地"); "评上市级" does
    not name 上市."""
    tokens = [t for t in _jieba().cut(question) if t.strip()]
    for topic in topics:
        if any(topic in t if len(topic) >= 3 else t.startswith(topic) or t.endswith(topic) for t in tokens):
            return topic
        # a longer topic the segmenter splits into words ("研发费用加计扣除" → 加计 / 扣除)
        if len(topic) >= 3 and topic in question:
            bounds = word_bounds(question)
            if any(m.start() in bounds and m.end() in bounds for m in re.finditer(re.escape(topic), question)):
                return topic
    return None


def _is_municipality(province: str) -> bool:
    """A province-level city (直辖市: its full name in the division table ends in 市)."""
    return gazetteer().provinces.get(province, "").endswith("市")


def _level_named(question: str, scope: Scope) -> bool:
    """Does the question ask for a region's own level ("洛阳市级", "内蒙古自治区级"), not just mention a 市?"""
    if any(re.search(re.escape(name) + r"(?:省|市|自治区)?级", question) for name in [*scope.cities, *scope.provinces]):
        return True
    # "郑州市工信局组织的市级示范": the level word apart from the region, about a region of that kind
    return bool(("市级" in question and scope.cities) or (re.search("省级|自治区级", question) and scope.provinces))


def _covers_batch(text: str, batch: str) -> bool:
    """"第二批" is covered by a notice that names it, or one about "前四批" (the first four)."""
    if batch in text:
        return True
    match = BATCH.fullmatch(batch)
    number = to_int(match.group(1)) if match else None
    return number is not None and any(
        (first := to_int(m.group(1))) is not None and number <= first for m in FIRST_BATCHES.finditer(text)
    )


def _is_checklist(sentence: Sentence) -> bool:
    return any(part in ("参考附件", "四、附件") or part.startswith("附件：") for part in sentence.chunk.section[-2:])
