"""China's administrative divisions from a complete table (data/adcodes.csv, see data/ADCODES.md):
every province, prefecture-level city and county-level unit, with the short names people write
("苏州" for 苏州市, "内蒙古" for 内蒙古自治区, "昆山" for 昆山市) and the hierarchy read from the codes.

`find_divisions` reads which divisions a text names; scope detection and metadata extraction both use it.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

DivisionLevel = Literal["province", "city", "county"]

# The 56 ethnic groups, for the short name of an autonomous unit ("延边朝鲜族自治州" → 延边).
_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
    "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|"
    "京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_AUTONOMOUS = re.compile(rf"(?:(?:{_ETHNIC})族?)+自治(?:区|州|县|旗)$")
_SUFFIX = re.compile(r"(?:特别行政区|自治区|地区|省|市|盟|区|县|旗)$")
# Table entries that are groupings, not places ("市辖区", "省直辖县级行政区划").
_GROUPING = re.compile(r"市辖区|直辖县级|^县$")
# Short county names that are everyday words or shared by many places: never matched alone.
_ZONE_AFTER = re.compile(r"高新|新技术|开发区|经开|新区|示范区|工业园|产业园")
# short names that are ordinary words of notices ("共和" in 中华人民共和国, 共和县's short name)
_TOO_COMMON = {"城区", "郊区", "矿区", "新区", "东区", "西区", "南区", "北区", "中区", "市中", "开发", "高新", "共和"}
# A county's short name that is also an everyday word ("资源" of 资源县 in "资源数字化水平", "公安", "通道",
# "延长") names the county only where its province or city is named too. Everyday = jieba's dictionary
# tags it as something other than a name or place and counts it at least this often. At 500, 资源
# (17,453), 公安 (2,800) and 通道 (2,130) are words while 昆山, 石狮 (tagged as names) stay places; every
# `shenbao eval metadata` label set gave the same figures at 200, 500 and 2,000 (2026-12-02).
ORDINARY_WORD_MIN_FREQ = 500
_NAME_TAGS = {"ns", "nr", "nz", "nrt", "nrfg", "nt", "j"}


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str  # full name, e.g. 苏州市
    level: DivisionLevel
    province: str  # full name of its province
    city: str | None  # full name of its prefecture (None for a province, or a county directly under one)

    @property
    def short(self) -> str:
        return short_name(self.name)


def short_name(name: str) -> str:
    """The name people write without the administrative suffix ("广西壮族自治区" → 广西)."""
    bare = _AUTONOMOUS.sub("", name)
    if bare == name or len(bare) < 2:  # "内蒙古自治区": 蒙古 is the group and part of the name
        bare = _SUFFIX.sub("", name)
    return bare if len(bare) >= 2 else name


def county_short_ok(division: Division, taken: bool) -> bool:
    """May a county be found by its short name? County-level cities and counties are ("昆山", "石狮"),
    when no other place has that name; districts are not: "和平区" → "和平" is in "企业和平台"."""
    return not taken and len(division.name) >= 3 and not division.name.endswith("区")


class Regions:
    """The division table with name lookup."""

    def __init__(
        self, rows: list[tuple[str, str]], zones: dict[str, list[str]] | None = None,
        province_zones: dict[str, list[str]] | None = None,
    ) -> None:
        names = dict(rows)
        self.divisions: list[Division] = []
        for code, name in rows:
            if _GROUPING.search(name):
                continue
            province = names.get(code[:2] + "0000", name)
            if code.endswith("0000"):
                level: DivisionLevel = "province"
                city = None
            elif code.endswith("00"):
                level, city = "city", name
            else:
                level = "county"
                parent = names.get(code[:4] + "00")
                city = parent if parent and not _GROUPING.search(parent) else None
            self.divisions.append(Division(code, name, level, province, city))
        self._by_name: dict[str, list[Division]] = {}
        for d in self.divisions:
            self._by_name.setdefault(d.name, []).append(d)
        shorts = Counter(d.short for d in self.divisions)
        self._ordinary = _ordinary_words({d.short for d in self.divisions if d.level == "county"})
        for d in self.divisions:
            short = d.short
            if short == d.name or short in _TOO_COMMON:
                continue
            if d.level == "county" and not county_short_ok(d, short in self._by_name or shorts[short] > 1):
                continue
            self._by_name.setdefault(short, []).append(d)
        # a short county name used by several counties is ambiguous: keep full names only
        self._by_name = {
            k: v for k, v in self._by_name.items()
            if not (len({d.code for d in v}) > 1 and all(d.level == "county" for d in v) and k not in names.values())
        }
        self._add_zones(zones or {})
        self._add_zones(province_zones or {}, under="province")
        self._pattern = re.compile("|".join(sorted(map(re.escape, self._by_name), key=len, reverse=True)))

    def _add_zones(self, zones: dict[str, list[str]], under: DivisionLevel = "city") -> None:
        """Development zones and new areas (not in the table), each found as a county-level unit of
        its city ("东湖高新区" → 湖北省武汉市) or, for a zone under a province, of the province
        ("宁东能源化工基地" → 宁夏回族自治区)."""
        for parent_short, names in zones.items():
            parent = next((d for d in self._by_name.get(parent_short, []) if d.level == under), None)
            if parent is None:
                continue
            for name in names:
                city = parent.name if under == "city" else None
                zone = Division(parent.code[: 4 if city else 2] + "ZZ", name, "county", parent.province, city)
                self.divisions.append(zone)
                self._by_name.setdefault(name, []).append(zone)

    @property
    def provinces(self) -> list[Division]:
        return [d for d in self.divisions if d.level == "province"]

    def named(self, name: str) -> list[Division]:
        return list(self._by_name.get(name, []))

    def find(self, text: str) -> list[Division]:
        """The divisions a text names, longest name first at each place, in text order, each once.
        A name several divisions share is resolved by a province or city named elsewhere in the text,
        else by the highest level."""
        matches = [m.group(0) for m in self._pattern.finditer(text)
                   if not _ZONE_AFTER.match(text, m.end())]  # "东湖高新区" is a zone, not 东湖区
        hits: list[list[Division]] = [self._by_name[name] for name in matches]
        sure = [h[0] for h in hits if len(h) == 1 and h[0].level != "county"]
        context = {d.province for d in sure} | {d.city for d in sure if d.city}
        out: list[Division] = []
        for name, options in zip(matches, hits, strict=True):
            if name in self._ordinary:  # "资源数字化": a word, unless 广西/桂林 is named too
                options = [d for d in options if d.level != "county" or d.province in context or d.city in context]
                if not options:
                    continue
            chosen = [d for d in options if d.province in context or d.city in context] or options
            best = min(chosen, key=lambda d: ("province", "city", "county").index(d.level))
            if best.level == "county" and context and best.province not in context:
                continue  # "武汉东湖高新区": 东湖 is not 南昌's 东湖区 when the text is about 湖北
            if best not in out:
                out.append(best)
        return out

    def is_ordinary(self, short: str) -> bool:
        """Is a county's short name also a frequent everyday word ("资源", "通道")?"""
        return short in self._ordinary

    def city_of(self, division: Division) -> str | None:
        return division.name if division.level == "city" else division.city


def _ordinary_words(names: set[str]) -> frozenset[str]:
    """The names that jieba's dictionary knows as frequent everyday words (see ORDINARY_WORD_MIN_FREQ)."""
    import jieba

    found = set()
    with jieba.dt.get_dict_file() as lines:
        for raw in lines:
            parts = raw.decode("utf-8").split() if isinstance(raw, bytes) else raw.split()
            if len(parts) == 3 and parts[0] in names and parts[2] not in _NAME_TAGS \
                    and int(parts[1]) >= ORDINARY_WORD_MIN_FREQ:
                found.add(parts[0])
    return frozenset(found)


@lru_cache(maxsize=1)
def region_data() -> dict[str, Any]:
    """`data/regions.yaml`, parsed once: what the division table lacks (zones, groups, abbreviations)."""
    text = resources.files("assistant").joinpath("data/regions.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


@lru_cache(maxsize=1)
def regions() -> Regions:
    text = resources.files("assistant").joinpath("data/adcodes.csv").read_text(encoding="utf-8")
    rows = [(r["adcode"], r["name"]) for r in csv.DictReader(text.splitlines())]
    extra = region_data()
    return Regions(rows, extra.get("zones") or {}, extra.get("province_zones") or {})


def find_divisions(text: str) -> list[Division]:
    return regions().find(text)


@dataclass(frozen=True)
class CityGroup:
    """Prefecture cities a notice names as one region ("珠三角"), all in one province."""

    name: str
    province: str
    cities: tuple[str, ...]  # full names


@lru_cache(maxsize=1)
def city_groups() -> dict[str, CityGroup]:
    table = regions()
    out: dict[str, CityGroup] = {}
    for name, shorts in (region_data().get("city_groups") or {}).items():
        cities = [next(d for d in table.named(short) if d.level == "city") for short in shorts]
        provinces = {d.province for d in cities}
        if len(provinces) != 1:
            raise ValueError(f"regions.yaml: city group {name} spans provinces {sorted(provinces)}")
        out[name] = CityGroup(name, provinces.pop(), tuple(d.name for d in cities))
    return out


def find_city_group(text: str) -> CityGroup | None:
    """The first city group a text names ("珠三角地区企业…")."""
    hits = [(text.find(name), group) for name, group in city_groups().items() if name in text]
    return min(hits, key=lambda h: h[0])[1] if hits else None


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    """"沪" → 上海市: the provinces' one-character abbreviations (简称)."""
    return dict(region_data().get("province_abbreviations") or {})
