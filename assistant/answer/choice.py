"""Which notices a question is about, beyond its scope: several programmes or rounds named side by
side, the one notice it names, a district's or city's own notices, documents named by their kind."""

from __future__ import annotations

import re

from ..corpus import Notice
from ..index import Index
from ..scope import Scope, gazetteer, named_kinds
from .evidence import Evidence

# The question compares notices ("分别", "一样吗", "有什么不同"): each notice in scope is searched.
# "各是/各分/各要求" asks each of several for its own; "这两次/两批/两者" names two.
COMPARE = re.compile(r"分别|一样|相同|不同|区别|差别|差异|对比|比较|两份|两个通知|各自|哪个有|哪些.{0,4}才有"
                     r"|各(?:是|有|分|要|为|需|规定|设)|两(?:次|批|轮|者|边)|二者")


def names_several(scope: Scope, question: str) -> bool:
    """Does the question name several programmes (two provinces, or a province and the national one)?
    A city or district named with the national level ("西海岸新区这次国家级示范…") names one: that place's
    round of the national programme, unless its province is named too."""
    provinces = set(scope.provinces)
    if ("national" in scope.levels and len(provinces) == 1 and not any(p in question for p in provinces)
            and not COMPARE.search(question)):  # ("包头的办法和工信部的一样吗" compares two)
        return False
    return len(provinces) + ("national" in scope.levels) >= 2


class NoticeChoice:
    """Built once per index: the notices' titles and metadata, asked about questions' scopes."""

    def __init__(self, index: Index, titles: dict[str, str]) -> None:
        self.index = index
        self.titles = titles

    def notice(self, notice_id: str) -> Notice:
        return self.index.notice(notice_id)

    def names_rounds(self, scope: Scope) -> bool:
        """Does the question name two or more rounds, by year or by batch, that different notices in
        its scope organise? ("广东2020年和2024年的示范…", "第四批、第五批名单…": each round answers.)"""
        metas = [self.notice(n).meta for n in scope.notice_ids]
        by_year = sum(any(y in m.years for m in metas) for y in scope.program_years)
        by_batch = sum(any(m.batch == b for m in metas) for b in scope.batches)
        return by_year >= 2 or by_batch >= 2

    def focus(self, ev: Evidence) -> str | None:
        """The one notice the question is about, when it names one (by title, 文号, place or year)."""
        if len(ev.titled) == 1:
            return ev.titled[0]
        if ev.scope.detected and len(ev.scope.notice_ids) == 1:
            return ev.scope.notice_ids[0]
        # a county-level place named ("石狮企业…"): the one notice whose title or region names it
        # (not its city's, which the place counts as too)
        own = [n for n in ev.scope.notice_ids if self.names_place(n, ev.scope.districts)]
        if len(own) == 1:
            return own[0]
        # a city named: its own notice, rather than its province's (which applies there too)
        local = [n for n in ev.scope.notice_ids
                 if any(c in (self.notice(n).meta.region or "") for c in ev.scope.cities)
                 and self.notice(n).meta.level in ("municipal", "district")]
        return local[0] if len(local) == 1 else None

    def kind_named(self, question: str, notice_ids: list[str]) -> list[str]:
        """Those of the notices whose title holds a kind of document the question names ("申报指南")."""
        kinds = named_kinds(question)
        return [n for n in notice_ids if any(k in self.titles[n] for k in kinds)]

    def of_years(self, notice_id: str, years: list[int]) -> bool:
        """Is the notice of one of the round years named, or of no known year? ("福建22年那次…按哪份实施意见":
        not Quanzhou's 2015 实施意见)"""
        known = self.notice(notice_id).meta.years
        return not years or not known or bool(known & set(years))

    def of_round_year(self, notice_id: str, years: list[int]) -> bool:
        """Is the notice known to be of one of the years named? (Unlike `of_years`, a notice of no
        known year is not.)"""
        return bool(self.notice(notice_id).meta.years & set(years))

    def local_notices(self, scope: Scope, notice_ids: list[str], question: str) -> set[str]:
        """The notices of the most local place the question names: the district-level notices of the
        cities whose districts or zones it names; else, for a city named with the national level alone
        (one programme, `_names_several`), the notices naming that city."""
        if scope.districts:
            cities = {gazetteer().city_of_district(d) for d in scope.districts}
            return {n for n in notice_ids if self.notice(n).meta.level == "district"
                    and any(c and c in (self.notice(n).meta.region or "") for c in cities)}
        if scope.cities and "national" in scope.levels and not names_several(scope, question):
            return {n for n in notice_ids if self.names_place(n, scope.cities)}
        return set()

    def names_place(self, notice_id: str, places: list[str]) -> bool:
        """Does the notice's title or region name one of the places ("石狮", "湖南")? (A national
        notice's region, 全国, names none.)"""
        where = f"{self.titles[notice_id]}{self.notice(notice_id).meta.region or ''}"
        return any(place in where for place in places)
