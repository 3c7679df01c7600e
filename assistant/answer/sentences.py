"""Sentence candidates from retrieved chunks, scored against the question.

A sentence is a span of the cleaned notice text ending at 。；！？ or a line break, so every
quote taken from it is verbatim. Scores combine idf-weighted coverage of the question's key
terms, character-bigram overlap, whether the sentence holds the kind of fact the question asks
for (a date, a phone number, a quota…) and the rank of its chunk.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..answer_types import ANSWER_TYPES, has_answer
from ..chunking import Chunk
from ..scope import CATEGORY_WORDS, LEVEL_WORDS, gazetteer, named_regions
from ..synonyms import equivalents, lexicon
from ..tokenize import _jieba, bigrams, words
from ..vocabulary import BATCH, SECTION_CATEGORY_MARKERS, full_years, list_kinds, names_listed_kind

SPLIT = re.compile(r"(?<=[。；！？])|\n")
TARGET_YEAR = re.compile(r"[到至](20\d\d)\s*年")
FIGURE = re.compile(r"\d|[一二两三四五六七八九十]+[年个份]|%")
# Words every notice is full of: they say nothing about which clause answers.
GENERIC = frozenset(
    "服务型 制造 服务型制造 示范 遴选 申报 工作 通知 有关 相关 工业 信息化 主管 部门 单位 这个 那个 现在 今年 "
    "我们 公司 规定 情况 问题 时候 东西 能否 可否 怎么办 一下 知道 哪些 什么 多少 几年 多久 哪天 几号 "
    "几家 几个 几份 怎么 如何 怎样 可以 能够 需要 是不是 有没有 还是 这次 这轮 那个 满足 具体 一般 到底 请问 "
    "省里 市里 国家 省级 市级 国家级 申请 报名 参加 评上 评选 批 才能 必须 一定 至少 最少 报到 交到 递交 "
    "今年 明年 去年 已经 还能 还要 得要 算是 看看 时候 时间 地方 事情 东西 那边 这边 方面 意思 "
    "一共 总共 原文 哪儿 哪里 啥 咋 谁 的话 以后 之后 时候 那次 这次 那个 够不够 行不行 能不能 可不可以 有没有 要不要 还用 自己 接下来 "
    "文件 文章 那份 这份 那篇 这篇 报道 新闻 消息 哪个 哪家 哪位 哪种".split()
)
# A word in more than this share of chunks is too common to name a question's topic.
COMMON_SHARE = 0.25
COLLOQUIAL_PLACE = re.compile(r"[\u4e00-\u9fff]{1,2}[里上下内外]")
SEGMENTER_ARTEFACT = re.compile(r"[能报要可会]")


@dataclass
class Sentence:
    notice_id: str
    chunk: Chunk
    rank: int  # rank of its chunk in retrieval
    start: int
    end: int
    text: str
    score: float = 0.0
    coverage: float = 0.0

    def overlaps(self, other: Sentence) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def has_figure(self) -> bool:
        return FIGURE.search(self.text) is not None


def split_sentences(chunk: Chunk, rank: int, keep_headings: bool = False) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for part in SPLIT.split(chunk.text):
        if part is None:
            continue
        local = chunk.text.find(part, pos)
        pos = local + len(part)
        stripped = part.strip()
        if len(stripped) < 6 or "\t" in stripped:
            continue
        if not keep_headings and _is_heading(stripped, chunk):
            continue  # a heading of the chunk's own path or a title: it cannot answer anything
        offset = local + part.index(stripped[0])
        start = chunk.start + offset
        out.append(Sentence(chunk.notice_id, chunk, rank, start, start + len(stripped), stripped))
    return out


class SentenceScorer:
    """Scores sentences for a question; idf comes from the indexed chunks."""

    def __init__(self, chunks: list[Chunk]) -> None:
        df: Counter[str] = Counter()
        for chunk in chunks:
            df.update(set(words(chunk.text)))
        self.n = max(len(chunks), 1)
        self.df = df
        self._grams = {g for c in chunks for g in bigrams(c.text)}

    def idf(self, term: str) -> float:
        return math.log(1 + self.n / (1 + self.df.get(term, 0)))

    def key_terms(self, question: str) -> list[str]:
        """Content words of the question, without scope words (regions, levels, categories, years),
        question words and the words every notice is full of."""
        return list(_key_terms(question))

    def unknown_topic_share(self, question: str) -> float:
        """Share of the question's nouns that no notice uses at all: a question about 天气 or
        税收优惠 is about something the corpus does not cover. Counted, not idf-weighted, so one
        colloquial word (省厅, 地市) does not outweigh the rest of the question."""
        import jieba.posseg as posseg

        _jieba()
        scope_words = _scope_words()
        nouns = []
        for word, flag in posseg.cut(question):
            if not (flag.startswith(("n", "j")) or flag == "vn") or len(word) < 2:
                continue
            if word in GENERIC or word in scope_words or any(cue.search(word) for cue, _ in ANSWER_TYPES.values()):
                continue
            if self.df.get(word, 0) > COMMON_SHARE * self.n:
                continue  # "企业" is in most clauses: it says nothing about the topic
            if SEGMENTER_ARTEFACT.search(word):
                continue  # "能报", "省能": a verb glued to a noun by the segmenter
            if COLLOQUIAL_PLACE.fullmatch(word):
                continue  # "厂里", "县里", "网上": where, not what
            nouns.append(word)
        if not nouns:
            return 0.0
        return len(self.unknown_nouns(nouns)) / len(nouns)

    def unknown_nouns(self, nouns: list[str]) -> list[str]:
        return [n for n in nouns if not self._known(n)]

    def _known(self, word: str) -> bool:
        """A word the notices use, or one sharing a character pair with them ("重大事故" ~ "重大")."""
        if self.df.get(word, 0) > 0 or any(g in self._grams for g in bigrams(word)):
            return True
        return any(self.df.get(w, 0) > 0 or all(g in self._grams for g in bigrams(w)) for w in equivalents(word))

    def coverage(self, question: str, text: str, headings: str = "") -> float:
        """Share of the question's key-term weight found in `text` or its `headings` (1.0 when it names
        no key term).

        A term that asks for a kind of fact ("截止", "电话") counts as found when the text holds
        that kind of fact (a date before which to submit, a phone number); the question's word for the
        kind of list it asks for ("流程") when a heading introduces such a list ("二、申报程序及要求")."""
        terms = self.key_terms(question)
        text = f"{text} {headings}" if headings else text
        total = sum(self.idf(t) for t in terms)
        if total == 0:
            return 1.0
        answered = [name for name, (cue, fact) in ANSWER_TYPES.items() if fact.search(text)]
        kinds = list_kinds(question)

        def found(term: str) -> float:
            if term in text or any(ANSWER_TYPES[name][0].search(term) for name in answered):
                return 1.0
            if headings and names_listed_kind(term, kinds, headings):
                return 1.0
            if any(word in text for word in equivalents(term)):
                return 1.0
            return _partial_match(term, text)

        return sum(self.idf(t) * found(t) for t in terms) / total

    def score(self, question: str, sentences: list[Sentence], types: list[str]) -> list[Sentence]:
        q_grams = set(bigrams(question))
        asked = [c for c, words in SECTION_CATEGORY_MARKERS.items() if any(w in question for w in words)]
        for s in sentences:
            s.coverage = self.coverage(question, f"{s.text} {s.chunk.title}", " ".join(s.chunk.section))
            grams = set(bigrams(s.text))
            overlap = len(q_grams & grams) / (len(q_grams) or 1)
            typed = 0.35 if types and has_answer(s.text, types) else 0.0
            s.score = s.coverage + 0.5 * overlap + typed + 0.25 / (1 + s.rank)
            if s.text.endswith(("：", ":")):
                s.score *= 0.5  # a lead-in ("应具备以下基本条件：") says nothing on its own
            if asked and _about_other_category(s, asked):
                s.score *= 0.7  # an enterprise question answered from the platform conditions
        return sorted(sentences, key=lambda s: -s.score)


# A sentence whose first characters name a category is about it ("其中，示范企业聚焦…六个方向").
SUBJECT_CHARS = 8


def _about_other_category(sentence: Sentence, asked: list[str]) -> bool:
    """Under another category's heading, or with another category as its subject."""
    subject = re.sub(r"^(?:其中|同时|此外|另外)[，,、]?", "", sentence.text)[:SUBJECT_CHARS]
    for where in (" ".join(sentence.chunk.section), subject):
        named = [c for c, words in SECTION_CATEGORY_MARKERS.items() if any(w in where for w in words)]
        if named:
            return not set(named) & set(asked)
    return False


@lru_cache(maxsize=1024)
def _key_terms(question: str) -> tuple[str, ...]:
    """Cached per question: coverage asks for them once per candidate sentence."""
    scope_words = _scope_words()
    terms = []
    question = BATCH.sub(" ", question)  # "第五批" says which round, like a region or a year
    # a year something is to be reached by ("到2025年的目标") is what the question is about, not a round
    targets = set(TARGET_YEAR.findall(question))
    # the places it names are scope, however the segmenter cuts them ("东湖高新区" → 东湖 / 高新区)
    named_places = [p for ps in named_regions(full_years(question)) for p in ps]  # (as scope detection reads it)
    for token in dict.fromkeys(_jieba().cut(question)):
        token = token.strip()
        if re.fullmatch(r"20\d\d年?", token) and token[:4] in targets:
            terms.append(token[:4])
            continue
        if len(token) < 2 or token in GENERIC or token in scope_words or re.fullmatch(r"20\d\d年?", token):
            continue
        if any(token in place for place in named_places):
            continue
        if any(w in token for w in scope_words if len(w) > 1) and len(token) <= 4:
            continue
        terms.append(token)
    # colloquial phrases the segmenter splits ("一起报" → 一起 / 报) still count as one term
    for phrase in lexicon():
        if len(phrase) < 2 or phrase in GENERIC or phrase not in question or phrase in scope_words or any(phrase in t for t in terms):
            continue
        if not any(cue.search(phrase) for cue, _ in ANSWER_TYPES.values()):
            terms = [t for t in terms if t not in phrase] + [phrase]
    return tuple(terms)


@lru_cache(maxsize=1)
def _scope_words() -> frozenset[str]:
    gaz = gazetteer()
    names = set(gaz.provinces) | {c for cities in gaz.cities.values() for c in cities}
    names |= {w for words in LEVEL_WORDS.values() for w in words}
    names |= {w for words in CATEGORY_WORDS.values() for w in words if len(w) > 2}
    return frozenset(names)


def _partial_match(term: str, text: str) -> float:
    """Half credit for a longer term whose character pairs mostly occur in the text: the segmenter
    keeps "注册地" whole where the clause says "在河南省内注册"."""
    if len(term) < 3:
        return 0.0
    pairs = [term[i : i + 2] for i in range(len(term) - 1)]
    return 0.5 * sum(p in text for p in pairs) / len(pairs)


def _is_heading(line: str, chunk: Chunk) -> bool:
    bare = re.sub(r"\s+", "", line).rstrip("。：:")
    labels = {re.sub(r"\s+", "", part) for part in chunk.section}
    if bare in labels or any((label.endswith(bare) or label.startswith(bare)) and len(bare) >= 6 for label in labels):
        return True
    return bare == re.sub(r"\s+", "", chunk.title) or bare in ("（参考提纲）", "参考附件", "附件")
