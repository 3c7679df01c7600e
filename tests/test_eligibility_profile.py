"""Applicant profile validation: bad input is a clear Chinese error naming the field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.eligibility import FIELD_INFO, Profile, parse_profile
from assistant.eligibility.profile import load_profile_file, parse_profile_text
from assistant.errors import ShenbaoError


def test_design_field_list_is_exactly_the_profile() -> None:
    design = [
        "applicant_type", "name", "registered_province", "registered_city", "independent_legal_person",
        "is_manufacturer", "established_on", "platform_launched_on", "has_own_brand", "revenue_total",
        "service_revenue", "major_incidents", "under_investigation", "financial_status_good", "credit_blacklisted",
        "is_prefecture_level_city", "modes", "application_date",
    ]
    assert sorted(Profile.model_fields) == sorted(design)
    assert sorted(FIELD_INFO) == sorted(design)
    assert all(info.question and info.label for info in FIELD_INFO.values())


def test_all_fields_optional_and_null_is_unknown() -> None:
    assert parse_profile({}) == Profile()
    assert parse_profile({"established_on": None, "modes": None}).established_on is None


def test_values_parse() -> None:
    profile = parse_profile({
        "applicant_type": "platform", "established_on": "2019年11月1日", "major_incidents": ["2019-01-01"],
        "revenue_total": 100, "service_revenue": 100, "modes": [" 共享制造 "], "independent_legal_person": False,
    })
    assert profile.established_on == date(2019, 11, 1)
    assert profile.major_incidents == (date(2019, 1, 1),)
    assert profile.modes == ("共享制造",)
    assert profile.independent_legal_person is False


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"revenue": 100}, "revenue", "未知字段"),
        ({"revenue_total": -1}, "revenue_total", "不能为负数"),
        ({"service_revenue": -0.5}, "service_revenue", "不能为负数"),
        ({"revenue_total": 100, "service_revenue": 120}, "service_revenue", "不能大于"),
        ({"revenue_total": "100"}, "revenue_total", "应为"),
        ({"revenue_total": True}, "revenue_total", "应为"),
        ({"revenue_total": float("nan")}, "revenue_total", "应为"),
        ({"independent_legal_person": "是"}, "independent_legal_person", "布尔值"),
        ({"independent_legal_person": 1}, "independent_legal_person", "布尔值"),
        ({"established_on": "2020-13-01"}, "established_on", "日期"),
        ({"established_on": "去年"}, "established_on", "日期"),
        ({"platform_launched_on": 20191101}, "platform_launched_on", "日期"),
        ({"application_date": "2020-11-25T10:00:00"}, "application_date", "日期"),
        ({"major_incidents": "2019-01-01"}, "major_incidents", "日期列表"),
        ({"major_incidents": ["2019-02-30"]}, "major_incidents", "日期列表"),
        ({"modes": "共享制造"}, "modes", "文本列表"),
        ({"modes": [1]}, "modes", "文本列表"),
        ({"applicant_type": "company"}, "applicant_type", "enterprise"),
        ({"registered_province": 41}, "registered_province", "应为"),
    ],
)
def test_bad_input_names_the_field(data: dict, field: str, words: str) -> None:
    with pytest.raises(ShenbaoError) as err:
        parse_profile(data)
    message = str(err.value)
    assert field in message and words in message
    assert "\n" not in message and "Traceback" not in message


def test_non_object_and_bad_json() -> None:
    with pytest.raises(ShenbaoError, match="JSON 对象"):
        parse_profile(["enterprise"])
    with pytest.raises(ShenbaoError, match="不是合法的 JSON"):
        parse_profile_text("{applicant_type: enterprise}")


def test_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"applicant_type": "city", "is_prefecture_level_city": true}', "utf-8")
    assert load_profile_file(path).applicant_type == "city"
    with pytest.raises(ShenbaoError, match="无法读取"):
        load_profile_file(tmp_path / "missing.json")
