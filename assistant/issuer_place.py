"""Level and region of a notice from its issuer, title and addressees, through the complete division
table (`regions.py`): "福建省工业和信息化厅" → provincial 福建省; "各市(区)工信局、姑苏区经科局" (a city writing
to its districts) → municipal 江苏省苏州市; "东湖高新区" (a development zone) → district.
"""

from __future__ import annotations

import re

from .regions import Division, find_divisions

_NATIONAL = re.compile(r"^(?:工业和信息化部|工信部|国务院|国家|中华人民共和国)|^我部")
# Development zones and new areas are district-level issuers (no entry in the division table).
_ZONE = re.compile(r"(?:高新区|高新技术产业开发区|经济技术开发区|经开区|开发区|新区|示范区|工业园区|管委会)")
# Whom a notice is addressed to says who wrote it: a ministry writes to the provinces, a province to
# its cities, a city to its districts and counties, a district to its enterprises.
_ADDRESSEES = (
    ("national", re.compile(r"各省、自治区、直辖市|各省（区、市）|各省\(区、市\)|各省级")),
    ("provincial", re.compile(r"各(?:设区的?|地级|省辖|有关)?市(?:、[^，。：:]{0,20})?(?:工业和信息化|工信|经信|经济和信息化|人民政府)|各市州|各地市")),
    ("municipal", re.compile(r"各(?:县（市、区）|县\(市、区\)|县（区）|县\(区\)|区县|县区|区|县|市\(区\)|市（区）|旗县区)(?:、[^，。：:]{0,30})?(?:工业和信息化|工信|经信|经科|经济|人民政府|发改)")),
    ("district", re.compile(r"各(?:有关|相关)?企业[：:]|各街道|各镇|各乡镇")),
)
# "申报主体应在东湖高新区内注册": where applicants must be registered is the issuer's own area
REGISTERED_IN = re.compile(r"(?:应|须|需|必须)(?:为|在)([\u4e00-\u9fff]{2,12}?)(?:辖区)?(?:内|境内|范围内)?(?:依法)?注册")
_LEVEL_OF_DIVISION = {"province": "provincial", "city": "municipal", "county": "district"}


def _region_name(division: Division) -> str:
    if division.level == "province":
        return division.province
    city = division.name if division.level == "city" else division.city
    if division.province == city or city is None:  # 直辖市, or a county directly under its province
        return division.province if division.level == "city" else division.province + division.name
    return division.province + city


def _addressed_level(text: str) -> str | None:
    head = text[:600]
    for level, pattern in _ADDRESSEES:
        if pattern.search(head):
            return level
    return None


def level_and_region(issuer: str | None, title: str | None, text: str) -> tuple[str | None, str | None]:
    """(level, region): national/provincial/municipal/district and the issuer's region ("江苏省苏州市")."""
    for name in (issuer, title):
        if name and _NATIONAL.search(name):
            return "national", "全国"
    named = issuer or ""
    divisions = find_divisions(named) if named else []
    if divisions:
        top = divisions[-1]  # "湖北省武汉市东湖…": the most specific division the issuer names
        level = _LEVEL_OF_DIVISION[top.level]
        if _ZONE.search(named):
            level = "district"
        return level, _region_name(top)
    head = "\n".join(x for x in (title or "", text[:600]) if x)
    level = _addressed_level(text)
    if level == "national":
        return "national", "全国"
    places = find_divisions(head) or find_divisions(" ".join(REGISTERED_IN.findall(text[:3000])))
    if places and ((title and _ZONE.search(title)) or _ZONE.search(places[0].name)):
        return "district", _region_name(places[0])
    if not places:
        return level, None
    if level == "municipal":  # a city writing to its districts: the city they belong to
        cities = [d for d in places if d.level != "province"]
        if cities:
            return level, _region_name(next((d for d in cities if d.level == "city"), cities[0]))
    if level == "provincial" or level is None:
        province = places[0].province
        return level or _LEVEL_OF_DIVISION[places[0].level], _region_name(places[0]) if level is None else province
    return level, _region_name(places[0])
