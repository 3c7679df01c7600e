"""Which notices a question is about: region (province/city), level, category and year.

Detection is deterministic: a gazetteer of provinces and cities (`data/regions.yaml`), level
words (工信部/国家级 → national; 第N批 → the notices organising it), category words and years, matched against each
notice's metadata. A region that no notice covers is reported as `uncovered_regions`, which the
answering layer uses to abstain.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel

from .metadata import NoticeMeta
from .regions import region_data, regions, short_name
from .tokenize import _jieba
from .vocabulary import (
    BATCH,
    CATEGORY_WORDS,
    DOC_REF,
    DOCUMENT_KIND,
    NEGATED_CATEGORY,
    OWN_DOC_NUMBER,
    categories_in,
    full_years,
    to_int,
)

__all__ = ["CATEGORY_WORDS", "Scope", "categories_in", "detect_scope", "gazetteer"]

LEVEL_WORDS = {
    "national": ("工信部", "工业和信息化部", "国家级", "全国", "国家", "部里", "计划单列市"),
    "provincial": ("省级", "省工信厅", "省里", "全省"),
    "municipal": ("市级", "市工信局", "市里"),
}
DEPARTMENT = re.compile(r"(?:工信|工业和信息化|经信)部门")
YEAR = re.compile(r"(20[12]\d)\s*年")
# the suffix of a division's full name: a short name followed by one names the place ("郑州市级")
DIVISION_SUFFIX = re.compile(r"[省市区县州盟旗]")
# A year that names a programme round ("2024年的示范遴选", "2021年度省级示范"), not any date.
# The gap (≤ 12 characters) reaches across a region and the programme name ("2024年河南省的服务型制造示范");
# widening it from 8 changed no figure of `shenbao eval qa`.
# (not a target year: "计划到2020年培育…示范企业")
# ("湖南2023年那批呢": a year pointing at a round by 这/那/该 + 次/轮/批 names one too)
PROGRAM_YEAR = re.compile(r"(?<![到至])(20[12]\d)\s*年度?(?:(?:的|这次|这轮|那次|省级|国家级|市级)?[^，。？！\d]{0,12}?"
                          r"(?:示范|遴选|申报工作|通知)|的?[这那该][次轮批])")
# years joined to a programme year share its noun ("2020年和2024年的省级示范": both are rounds)
# ("2019年珠三角那次和2020年那次": a few words may name the first round before the conjunction)
JOINED_YEARS = re.compile(r"(?<![到至])(20[12]\d)\s*年?度?(?=[^，。？！\d]{0,8}?(?:和|与|跟|及|、|还有|以及)\s*(20[12]\d))")


class Gazetteer(BaseModel):
    provinces: dict[str, str]
    cities: dict[str, list[str]]
    districts: dict[str, list[str]] = {}
    planned_cities: list[str]

    def city_of_district(self, name: str) -> str | None:
        return next((city for city, names in self.districts.items() if name in names), None)

    def province_of(self, name: str) -> str | None:
        for province, cities in self.cities.items():
            if name in cities:
                return province
        return name if name in self.provinces else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Every province, prefecture city and county from the division table (`regions.py`), by the short
    names people write, plus the zones and 计划单列市 of data/regions.yaml."""
    extra = region_data()
    table = regions()
    provinces = {short_name(d.name): d.name for d in table.provinces}
    cities: dict[str, list[str]] = {}
    districts: dict[str, list[str]] = {}
    for d in table.divisions:
        province = short_name(d.province)
        if d.level == "city":
            cities.setdefault(province, []).append(d.short)
            continue
        if d.level != "county":
            continue
        names = [d.name] + ([d.short] if d in table.named(d.short) else [])  # short only where unambiguous
        if d.city is None:  # 济源, or a district of 北京: a city of its province
            cities.setdefault(province, []).extend(names)
        else:
            districts.setdefault(short_name(d.city), []).extend(names)
    return Gazetteer(provinces=provinces, cities=cities, districts=districts, planned_cities=extra["planned_cities"])


class Scope(BaseModel):
    notice_ids: list[str]  # notices the question is about (all when nothing was detected)
    provinces: list[str] = []
    cities: list[str] = []
    districts: list[str] = []  # county-level places named ("石狮"): each also counts as its city
    levels: list[str] = []
    categories: list[str] = []
    years: list[int] = []
    program_years: list[int] = []  # years that name a programme round
    uncovered_regions: list[str] = []  # named regions that no provincial or municipal notice covers
    doc_numbers: list[str] = []  # 文号 the question names and an indexed notice carries ("〔2022〕67号")
    batches: list[int] = []  # batch numbers the question names ("第四批、第五批")

    @property
    def detected(self) -> bool:
        return bool(self.provinces or self.cities or self.levels or self.program_years or self.doc_numbers)

    @property
    def names_notices(self) -> bool:
        """Names which notices: a place, a programme year, a 文号 or the ministry. A bare level word
        ("报给省工信厅哪个处") does not, so a follow-up saying one stays with the thread's notice."""
        return bool(self.provinces or self.cities or self.program_years or self.doc_numbers
                    or "national" in self.levels)


def _find_regions(text: str) -> tuple[list[str], list[str], list[str]]:
    provinces, cities, districts = named_regions(text)
    return list(provinces), list(cities), list(districts)


@lru_cache(maxsize=1024)
def named_regions(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(provinces, cities, districts) a text names; cached, as a question is read for its scope and
    again for its key terms."""
    gaz = gazetteer()
    provinces: list[str] = []
    cities: list[str] = []
    named_districts: list[str] = []
    for province in gaz.provinces:
        if province in text:
            provinces.append(province)
    bounds = word_bounds(text)
    implied: set[str] = set()  # a district counts as its city
    for city, districts in gaz.districts.items():
        named = [d for d in districts if d in text and _names_place(text, d, bounds)
                 # "资源", "通道": everyday words, places only next to their city or province
                 and (not regions().is_ordinary(d) or city in text or gaz.province_of(city) in provinces)]
        named_districts += named
        if named:
            implied.add(city)
    for province, names in gaz.cities.items():
        for name in names:
            if (name in implied or (name in text and _names_place(text, name, bounds))) and not any(
                    name in p and name != p for p in provinces):
                cities.append(name)
                if province not in provinces:
                    provinces.append(province)
    return tuple(provinces), tuple(cities), tuple(named_districts)


def word_bounds(text: str) -> frozenset[int]:
    """Where jieba puts word boundaries in the text."""
    bounds, at = {0}, 0
    for token in _jieba().cut(text):
        at += len(token)
        bounds.add(at)
    return frozenset(bounds)


def _names_place(text: str, name: str, bounds: frozenset[int]) -> bool:
    """Does the text name a place by this name? A full name ("南和区") anywhere; a short name only as a
    word of its own or before its suffix: "指南和东莞" does not name 南和 (邢台), "上海东部" not 海东; a
    name starts a word: "天津市级" does not name 津市 (常德), "示范县区" not 范县."""
    if name not in text:
        return False
    full = DIVISION_SUFFIX.fullmatch(name[-1]) is not None
    for match in re.finditer(re.escape(name), text):
        start, end = match.span()
        if start in bounds and (full or end in bounds or DIVISION_SUFFIX.match(text, end)):
            return True
    return False


def _notice_region(meta: NoticeMeta) -> tuple[str | None, str | None]:
    return _region_of(meta.region or "", meta.level)


@lru_cache(maxsize=4096)
def _region_of(region: str, level: str | None) -> tuple[str | None, str | None]:
    """(province, city) short names of a notice's region; cached, as every question checks every
    notice (6.1 ms per question at 2,000 notices before, /tmp probe on 2026-12-01)."""
    gaz = gazetteer()
    province = next((p for p in gaz.provinces if p in region), None)
    city = None
    if level in ("municipal", "district") and province:
        city = next((c for c in gaz.cities.get(province, []) if c in region), None)
    return province, city


def _first(words: dict[str, tuple[str, ...]], text: str) -> list[str]:
    return [key for key, options in words.items() if any(w in text for w in options)]


def detect_scope(text: str, notices: list[NoticeMeta]) -> Scope:
    text = full_years(text)
    provinces, cities, districts = _find_regions(text)
    # "各地工信部门" is any level's department, not 工信部
    levels = _first(LEVEL_WORDS, DEPARTMENT.sub("", text))
    categories = _first(CATEGORY_WORDS, NEGATED_CATEGORY.sub("", text))
    years = sorted({int(y) for y in YEAR.findall(text)})
    found = {int(y) for y in PROGRAM_YEAR.findall(text)}
    for _ in range(3):  # "2019、2020和2021年的示范": each year joined to a programme year
        found |= {int(m.group(1)) for m in JOINED_YEARS.finditer(text) if int(m.group(2)) in found}
    program_years = sorted(found)

    def covers(meta: NoticeMeta) -> bool:
        province, city = _notice_region(meta)
        if meta.level == "national":
            return "national" in levels or bool(set(cities) & set(gazetteer().planned_cities) and "计划单列市" in text)
        if province is None or province not in provinces:
            return False
        return meta.level not in ("municipal", "district") or city in cities

    chosen = [m for m in notices if covers(m)] if (provinces or "national" in levels) else list(notices)
    # "东莞这次设了几个类别": a city named without its province or a higher level is about the city's own
    # notices when there are any; its province's rounds stay in scope when the city has none
    # (a district names its city only in passing: "石狮…培育对象" may be a provincial round)
    named_cities = [c for c in cities if c in text]
    own_city = [m for m in chosen if m.level in ("municipal", "district") and _notice_region(m)[1] in named_cities]
    if own_city and not any(p in text for p in provinces) and not {"provincial", "national"} & set(levels):
        chosen = own_city
    several = len(provinces) + ("national" in levels) >= 2

    def dated(group: list[NoticeMeta], wanted: list[int]) -> list[NoticeMeta]:
        hits = [m for m in group if m.years & set(wanted)]
        return hits or group

    if several and years:
        # "河南2020年和山西2021年": each year narrows its own programme's notices.
        groups: dict[str, list[NoticeMeta]] = {}
        for m in chosen:
            groups.setdefault(_notice_region(m)[0] or m.level or "", []).append(m)
        chosen = [m for group in groups.values() for m in dated(group, years)]
    elif program_years:
        chosen = dated(chosen, program_years)
    # "第五批…": the notices that organise that batch, read from their metadata
    # (alone, the batch names the programme; next to a place, it drops that place's other rounds)
    batches = {to_int(m.group(1)) for m in BATCH.finditer(text)}
    if batches and not several:  # ("东湖第五批省级和青岛2022年国家级": the batch is one programme's)
        batched = [m for m in chosen if m.batch in batches]
        if provinces or levels:  # the round's own notice first, else those whose batch is not known
            chosen = ([m for m in chosen if m.batch in batches]
                      or [m for m in chosen if m.batch is None or m.batch in batches] or chosen)
        elif batched:
            chosen = batched
    # "67号文", "〔2022〕67号": the notice carrying that 文号 (the year must agree when given)
    refs = [(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in DOC_REF.finditer(text)]
    numbered = [m for m in notices if m.doc_no and any(_same_doc(m.doc_no, y, n) for y, n in refs)]
    # next to a place, the 文号 may be the higher notice that place's notice forwards
    # ("江苏转发67号文…": the Jiangsu notice whose parent is 〔2022〕67号, with the ministry's own)
    forwarding = [m for m in chosen if provinces and m.parent_doc_no and any(_same_doc(m.parent_doc_no, y, n) for y, n in refs)]
    if numbered or forwarding:
        # (by id: comparing 2,000 metadata models field by field took 0.36 s for one question)
        named_ids = {m.id for m in numbered} | {m.id for m in forwarding}
        chosen = [m for m in chosen if m.id in named_ids] or numbered
    regional = [m for m in notices if m.level != "national"]
    covered_provinces = {p for p in (_notice_region(m)[0] for m in regional) if p}
    uncovered = [p for p in provinces if p not in covered_provinces]
    uncovered += [
        c for c in cities
        if gazetteer().province_of(c) in covered_provinces and not any(covers_city(m, c) for m in regional)
    ]
    return Scope(
        notice_ids=[m.id for m in chosen],
        provinces=provinces,
        cities=cities,
        districts=districts,
        levels=levels,
        categories=categories,
        years=years,
        program_years=program_years,
        uncovered_regions=uncovered,
        doc_numbers=[m.doc_no for m in numbered if m.doc_no],
        batches=sorted(b for b in batches if b is not None),
    )


def _same_doc(doc_no: str, year: str | None, number: str) -> bool:
    own = OWN_DOC_NUMBER.search(doc_no)
    return own is not None and int(own.group(2)) == int(number) and (not year or own.group(1) == year)


def covers_city(meta: NoticeMeta, city: str) -> bool:
    """Does a notice apply to a city: a provincial notice of its province, or a municipal one of it."""
    province, notice_city = _notice_region(meta)
    if meta.level == "national":
        return True
    if meta.level in ("municipal", "district"):
        return notice_city == city
    return province == gazetteer().province_of(city)


@lru_cache(maxsize=1)
def programmes() -> tuple[str, ...]:
    text = resources.files("assistant").joinpath("data/programmes.yaml").read_text(encoding="utf-8")
    return tuple(str(p) for p in yaml.safe_load(text) or [])


def other_programme(question: str, mentioned: frozenset[str] = frozenset()) -> str | None:
    """The first programme other than 服务型制造 the question names (专精特新, 绿色工厂…), if any;
    programmes in `mentioned` (those the indexed notices themselves speak of) do not count."""
    bare = re.sub(r"[\s（）()“”\"'‘’《》「」]", "", question)  # "首台（套）" names 首台套
    return next((p for p in programmes() if p in bare and p not in mentioned), None)


@lru_cache(maxsize=1)
def topic_words() -> tuple[str, ...]:
    text = resources.files("assistant").joinpath("data/topics.yaml").read_text(encoding="utf-8")
    return tuple(str(t) for t in yaml.safe_load(text) or [])



# A run of this many characters of one notice's distinctive title words names that notice
# ("《服务型制造示范遴选基本模式》里…" → 基本模式, "包头的认定管理办法" → 认定管理办法). Four: the shortest
# such names are two two-character words; a single word ("模式", "认定") is too common in questions
# (qa_lists.jsonl: side-by-side answers to questions that named one annex by its title).
TITLE_RUN = 4


@lru_cache(maxsize=4)
def title_runs(titles: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    """Per notice, the runs of consecutive title words that no other title has and that are not
    generic (a region, year, category or level word). Built once per set of indexed titles."""
    from collections import Counter

    from .tokenize import _jieba

    gaz = gazetteer()
    generic = {*gaz.provinces, *(c for cs in gaz.cities.values() for c in cs),
               *(w for ws in CATEGORY_WORDS.values() for w in ws), *(w for ws in LEVEL_WORDS.values() for w in ws)}
    generic = {g for g in generic if len(g) >= 2}
    cut = {nid: list(_jieba().cut(re.sub(r"\s", "", title))) for nid, title in titles}
    frequency = Counter(w for words in cut.values() for w in set(words))
    out: dict[str, tuple[str, ...]] = {}
    for nid, words in cut.items():
        runs, current = [], ""
        for word in words:
            if frequency[word] > 1 or not re.search(r"[\u4e00-\u9fff]", word) or any(
                word in g or g in word for g in generic
            ):
                runs.append(current)
                current = ""
            else:
                current += word
        runs.append(current)
        # a run that is only a kind of document ("实施意见", "名单公示") names no notice in particular
        out[nid] = tuple(r for r in runs if len(r) >= TITLE_RUN and not DOCUMENT_KIND.fullmatch(r))
    return out


QUOTED = re.compile(r"[“\"《「『]([^”\"》」』]{4,60})[”\"》」』]")
_NOT_TITLE_CHARS = re.compile(r"[\s:：,，、()（）\-—·“”\"《》]")


def quoted_titles(question: str, titles: dict[str, str]) -> list[str]:
    """Ids of the notices whose title holds a name the question quotes (“…”, 《…》)."""
    quoted = [_NOT_TITLE_CHARS.sub("", q) for q in QUOTED.findall(question)]
    return [nid for nid, title in titles.items()
            if any(len(q) >= TITLE_RUN and q in _NOT_TITLE_CHARS.sub("", title or "") for q in quoted)]


def named_kinds(question: str) -> list[str]:
    """The kinds of document a question names ("申报指南", "实施意见", "名单"), but not 通知/公告,
    which every call is."""
    return [k for k in (m.group(0) for m in DOCUMENT_KIND.finditer(question)) if k not in ("通知", "公告")]


def named_by_title(question: str, titles: dict[str, str]) -> list[str]:
    """Ids of the notices the question names by title: a quoted name ("按“项目申报准备:服务型制造示范”的
    说法…") that is part of a title, else the distinctive title words it uses, in the order given."""
    by_quote = quoted_titles(question, titles)
    if by_quote:
        return by_quote
    text = re.sub(r"[\s《》“”\"]", "", question)
    runs = title_runs(tuple((nid, title or "") for nid, title in titles.items()))
    return [nid for nid in titles
            if any(run[i : i + TITLE_RUN] in text for run in runs[nid] for i in range(len(run) - TITLE_RUN + 1))]
