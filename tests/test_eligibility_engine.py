"""Engine semantics: date boundaries, ratios, as-of resolution, verdicts, missing fields."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from typing import Any

import pytest

from assistant.eligibility import check, check_all, load_pack, verdict_for
from assistant.eligibility.dates import add_years, parse_date
from assistant.eligibility.models import Result, RuleResult, trusted
from assistant.errors import ShenbaoError
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
TODAY = date(2024, 6, 1)

HENAN_ENT: dict[str, Any] = {
    "applicant_type": "enterprise", "registered_province": "河南省", "independent_legal_person": True,
    "is_manufacturer": True, "established_on": "2015-03-01", "has_own_brand": True, "revenue_total": 10000,
    "service_revenue": 3500, "major_incidents": [], "under_investigation": False, "financial_status_good": True,
    "modes": ["供应链协同管理"],
}
MIIT_ENT: dict[str, Any] = {
    "applicant_type": "enterprise", "registered_province": "广东省", "independent_legal_person": True,
    "is_manufacturer": True, "revenue_total": 10000, "service_revenue": 3500, "major_incidents": [],
    "under_investigation": False, "financial_status_good": True, "modes": ["供应链管理"],
}


def run(notice_id: str, profile: dict[str, Any], as_of: str | None = None, today: date = TODAY) -> Result:
    return check(notice_id, profile, as_of, corpus_dir=CORPUS, today=today)


def status(result: Result, rule_id: str) -> str:
    return next(r.status for r in result.rules if r.id == rule_id)


# ---- calendar arithmetic ----------------------------------------------------------------------


def test_add_years_is_calendar_exact() -> None:
    assert add_years(date(2018, 11, 25), 2) == date(2020, 11, 25)
    assert add_years(date(2016, 2, 29), 2) == date(2018, 2, 28)
    assert add_years(date(2016, 2, 29), 4) == date(2020, 2, 29)
    assert add_years(date(2024, 6, 1), -2) == date(2022, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2020-11-25", date(2020, 11, 25)), ("2020/1/5", date(2020, 1, 5)), ("2020年11月5日", date(2020, 11, 5)),
     ("2020.11.05", date(2020, 11, 5)), ("2020-02-30", None), ("next week", None), (20201125, None)],
)
def test_parse_date(text: object, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("established", "expected"),
    [("2018-11-25", "pass"), ("2018-11-26", "fail"), ("2018-11-24", "pass")],
)
def test_exactly_two_years_on_the_as_of_date(established: str, expected: str) -> None:
    result = run("henan-2020", {**HENAN_ENT, "established_on": established})  # as_of = deadline 2020-11-25
    assert result.as_of == date(2020, 11, 25)
    assert status(result, "enterprise_operating_two_years") == expected


def test_two_years_from_29_february() -> None:
    profile = {**HENAN_ENT, "established_on": "2016-02-29"}
    assert status(run("henan-2020", profile, as_of="2018-02-28"), "enterprise_operating_two_years") == "pass"
    assert status(run("henan-2020", profile, as_of="2018-02-27"), "enterprise_operating_two_years") == "fail"


@pytest.mark.parametrize(
    ("launched", "expected"),
    [("2019-11-20", "pass"), ("2019-11-21", "fail")],
)
def test_shanxi_platform_two_years_boundary(launched: str, expected: str) -> None:
    profile = {"applicant_type": "platform", "platform_launched_on": launched}
    assert status(run("shanxi-2021", profile), "platform_running_two_years") == expected  # as_of 2021-11-20


@pytest.mark.parametrize(
    ("launched", "expected"),
    [("2019-11-01", "pass"), ("2019-11-02", "fail"), ("2019-10-31", "pass")],
)
def test_henan_platform_launched_on_2019_11_01_is_in_time(launched: str, expected: str) -> None:
    profile = {"applicant_type": "platform", "platform_launched_on": launched}
    assert status(run("henan-2020", profile), "platform_running_since_2019_11_01") == expected


@pytest.mark.parametrize(
    ("incidents", "expected"),
    [(["2019-01-01"], "fail"), (["2018-12-31"], "pass"), (["2017-05-01", "2018-12-31"], "pass"),
     (["2018-12-31", "2020-06-30"], "fail"), ([], "pass"), (["2022-01-01"], "pass")],
)
def test_incident_on_2019_01_01_counts(incidents: list[str], expected: str) -> None:
    """“2019年1月1日以后” includes the day itself; incidents after the as-of date are not yet known."""
    for notice_id in ("henan-2020", "shanxi-2021"):
        result = run(notice_id, {**HENAN_ENT, "major_incidents": incidents})
        assert status(result, "no_major_incident_since_2019") == expected, notice_id


@pytest.mark.parametrize(("incident", "expected"), [("2021-01-01", "fail"), ("2020-12-31", "pass")])
def test_miit_since_2021_includes_new_year(incident: str, expected: str) -> None:
    result = run("miit-2023", {**MIIT_ENT, "major_incidents": [incident]})
    assert status(result, "no_major_incident_since_2021") == expected


@pytest.mark.parametrize(("incident", "expected"), [("2022-06-01", "fail"), ("2022-05-31", "pass")])
def test_baotou_recent_two_years_window(incident: str, expected: str) -> None:
    profile = {"applicant_type": "enterprise", "major_incidents": [incident], "application_date": "2024-06-01"}
    assert status(run("baotou", profile), "no_violation_recent_two_years") == expected


# ---- ratios -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "total", "expected", "verdict"),
    [(3000, 10000, "pass", "eligible"), (2999.99, 10000, "fail", "at_risk"), (33.3, 111, "pass", "eligible"),
     (0, 0, "fail", "at_risk"), (10000, 10000, "pass", "eligible")],
)
def test_miit_ratio_exactly_30_percent(service: float, total: float, expected: str, verdict: str) -> None:
    result = run("miit-2023", {**MIIT_ENT, "service_revenue": service, "revenue_total": total})
    assert status(result, "enterprise_service_ratio_30") == expected
    assert result.verdict == verdict


def test_guidance_ratio_never_decides() -> None:
    result = run("henan-2020", {**HENAN_ENT, "modes": ["智能产品生命周期管理"], "service_revenue": 100})
    assert status(result, "ratio_lifecycle_15") == "fail"
    assert result.verdict == "eligible"
    assert status(result, "ratio_turnkey_15") == "not_applicable"


@pytest.mark.parametrize(
    ("modes", "service", "expected", "missing"),
    [(None, 3500, "pass", []), (None, 2000, "unknown", ["modes"]), (["供应链管理"], 2000, "not_applicable", []),
     (["信息增值服务"], 2999, "fail", []), (["信息增值服务"], 3000, "pass", []), (["信息增值服务"], None, "unknown",
     ["service_revenue"])],
)
def test_shanxi_info_services_threshold_applies_only_to_that_mode(
    modes: list[str] | None, service: float | None, expected: str, missing: list[str]
) -> None:
    profile: dict[str, Any] = {"applicant_type": "enterprise", "revenue_total": 10000}
    if modes is not None:
        profile["modes"] = modes
    if service is not None:
        profile["service_revenue"] = service
    result = run("shanxi-2021", profile)
    rule = next(r for r in result.rules if r.id == "ratio_info_services_30")
    assert (rule.status, list(rule.missing)) == (expected, missing)


# ---- membership -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("province", "expected"),
    [("广东省", "pass"), ("广东", "pass"), ("新疆维吾尔自治区", "pass"), ("香港特别行政区", "fail"),
     ("台湾省", "fail"), ("新加坡", "fail")],
)
def test_miit_registered_in_china(province: str, expected: str) -> None:
    result = run("miit-2023", {**MIIT_ENT, "registered_province": province})
    assert status(result, "registered_in_china") == expected


@pytest.mark.parametrize(
    ("province", "city", "expected", "missing"),
    [("内蒙古自治区", "包头市", "pass", []), (None, "包头", "pass", []), ("内蒙古", "呼和浩特市", "fail", []),
     ("河北省", None, "fail", []), ("内蒙古自治区", None, "unknown", ["registered_city"]),
     (None, None, "unknown", ["registered_city"])],
)
def test_baotou_city_membership(province: str | None, city: str | None, expected: str, missing: list[str]) -> None:
    profile: dict[str, Any] = {"applicant_type": "enterprise"}
    if province:
        profile["registered_province"] = province
    if city:
        profile["registered_city"] = city
    rule = next(r for r in run("baotou", profile).rules if r.id == "registered_in_baotou")
    assert (rule.status, list(rule.missing)) == (expected, missing)


def test_mode_aliases_and_closed_list() -> None:
    result = run("henan-2020", {**HENAN_ENT, "modes": ["供应链管理", "个性化定制"]})
    assert status(result, "modes_in_annex1") == "pass"
    assert status(run("henan-2020", {**HENAN_ENT, "modes": []}), "modes_in_annex1") == "fail"
    mixed = run("henan-2020", {**HENAN_ENT, "modes": ["供应链管理", "共享制造"]})
    rule = next(r for r in mixed.rules if r.id == "modes_in_annex1")
    assert rule.status == "fail" and "共享制造" in rule.explanation


@pytest.mark.parametrize(
    ("notice_id", "kind"),
    [("henan-2020", "project"), ("henan-2020", "city"), ("miit-2023", "project"), ("baotou", "platform"),
     ("baotou", "city")],
)
def test_category_not_offered_is_a_hard_fail(notice_id: str, kind: str) -> None:
    result = run(notice_id, {"applicant_type": kind})
    assert result.verdict == "ineligible"
    assert result.failing() == ["category_offered"]


# ---- as-of date -----------------------------------------------------------------------------------


def test_as_of_resolution_order() -> None:
    profile = {**HENAN_ENT, "application_date": "2020-11-10"}
    assert (run("henan-2020", HENAN_ENT).as_of, run("henan-2020", HENAN_ENT).as_of_source) == (
        date(2020, 11, 25), "deadline")
    assert run("henan-2020", profile).as_of == date(2020, 11, 10)
    assert run("henan-2020", profile).as_of_source == "application_date"
    explicit = run("henan-2020", profile, as_of="2020-11-01")
    assert (explicit.as_of, explicit.as_of_source) == (date(2020, 11, 1), "explicit")
    assert run("miit-2023", MIIT_ENT).as_of == date(2023, 5, 31)  # not the 3-20 contact-list deadline
    baotou = run("baotou", {"applicant_type": "enterprise"}, today=date(2025, 1, 2))
    assert (baotou.as_of, baotou.as_of_source) == (date(2025, 1, 2), "today")


def test_bad_as_of_is_an_error() -> None:
    with pytest.raises(ShenbaoError, match="as_of"):
        run("henan-2020", HENAN_ENT, as_of="someday")


# ---- verdicts and missing fields ------------------------------------------------------------------


def test_undetermined_lists_exactly_the_fields_to_ask() -> None:
    result = run("henan-2020", {"applicant_type": "enterprise", "registered_province": "河南省"})
    assert result.verdict == "undetermined"
    assert result.missing == [
        "independent_legal_person", "is_manufacturer", "established_on", "has_own_brand", "major_incidents",
        "under_investigation", "financial_status_good", "modes",
    ]
    assert [q.field for q in result.questions] == result.missing
    assert all("？" in q.question for q in result.questions)
    # guidance-only fields (revenue for the 左右 hints) are not asked for
    assert "revenue_total" not in result.missing


def test_unknown_category_asks_for_it_first() -> None:
    """Rules for only some of the offered categories wait for the category (shanxi: 共性条件 is not for cities)."""
    result = run("shanxi-2021", {"registered_province": "山西省"})
    assert result.verdict == "undetermined"
    assert result.missing == ["applicant_type"]
    gated = [r for r in result.rules if r.id != "category_offered"]
    assert gated and all(r.status == "unknown" and "申报类别尚未确定" in r.explanation for r in gated)


def test_rules_for_every_offered_category_run_without_the_category() -> None:
    """baotou only has enterprises: its rules apply whatever the (unknown) category turns out to be."""
    result = run("baotou", {"registered_city": "包头市", "is_manufacturer": False})
    assert result.verdict == "ineligible"
    assert result.failing() == ["is_manufacturer"]
    assert next(r for r in result.rules if r.id == "registered_in_baotou").status == "pass"


def test_ineligible_wins_over_unknown() -> None:
    result = run("henan-2020", {"applicant_type": "enterprise", "registered_province": "山西省"})
    assert result.verdict == "ineligible"
    assert result.failing() == ["registered_in_henan"]


def test_missing_in_principle_field_is_listed_without_changing_the_verdict() -> None:
    profile = {k: v for k, v in MIIT_ENT.items() if k not in ("service_revenue", "revenue_total")}
    result = run("miit-2023", profile)
    assert result.verdict == "eligible"
    assert result.missing == ["revenue_total", "service_revenue"]


def test_verdict_semantics() -> None:
    def rr(status: str, strength: str) -> RuleResult:
        return RuleResult.model_validate({
            "id": "x", "status": status, "strength": strength, "explanation": "", "label": "x", "fields": (),
            "missing": (), "citation": {"n": 1, "notice_id": "n", "title": "t", "doc_no": None, "section": "s",
                                         "quote": "q", "start": 0, "end": 1},
        })

    assert verdict_for([rr("pass", "hard"), rr("fail", "guidance")]) == "eligible"
    assert verdict_for([rr("pass", "hard"), rr("fail", "in_principle")]) == "at_risk"
    assert verdict_for([rr("unknown", "hard"), rr("fail", "in_principle")]) == "undetermined"
    assert verdict_for([rr("unknown", "hard"), rr("fail", "hard")]) == "ineligible"
    assert verdict_for([rr("unknown", "in_principle"), rr("unknown", "guidance")]) == "eligible"


def _random_profile(rng: random.Random) -> dict[str, Any]:
    total = rng.choice([0, 1000, 10000])
    values: dict[str, Any] = {
        "applicant_type": rng.choice(["enterprise", "platform", "project", "city"]),
        "registered_province": rng.choice(["河南省", "山西省", "内蒙古自治区", "香港特别行政区"]),
        "registered_city": rng.choice(["包头市", "太原市"]),
        "independent_legal_person": rng.random() < 0.8, "is_manufacturer": rng.random() < 0.8,
        "established_on": f"{rng.randint(2015, 2023)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "platform_launched_on": f"{rng.randint(2017, 2022)}-1{rng.randint(0, 2)}-0{rng.randint(1, 9)}",
        "has_own_brand": rng.random() < 0.8, "revenue_total": total, "service_revenue": total * rng.random(),
        "major_incidents": [f"{rng.randint(2017, 2023)}-01-01"] if rng.random() < 0.3 else [],
        "under_investigation": rng.random() < 0.1, "financial_status_good": rng.random() < 0.9,
        "credit_blacklisted": rng.random() < 0.1, "is_prefecture_level_city": rng.random() < 0.5,
        "modes": rng.sample(["共享制造", "供应链管理", "信息增值服务", "总集成总承包服务"], rng.randint(0, 2)),
    }
    return {k: v for k, v in values.items() if rng.random() < 0.8}


@pytest.mark.parametrize("notice_id", ["henan-2020", "shanxi-2021", "miit-2023", "baotou"])
def test_engine_verdict_matches_the_contract_on_random_profiles(notice_id: str) -> None:
    pack = load_pack(CORPUS, notice_id)
    rng = random.Random(notice_id)
    for _ in range(300):
        profile = _random_profile(rng)
        result = pack.evaluate(profile, today=TODAY)
        assert result.verdict == verdict_for(result.rules)
        fresh = dataclasses.replace(pack, _results={}).evaluate(profile, today=TODAY)
        assert fresh.model_dump() == result.model_dump()  # the per-rule memo never changes a result
        deciding = {f for r in result.rules if r.status == "unknown" and r.strength != "guidance" for f in r.missing}
        assert set(result.missing) == deciding


def test_results_serialise_to_the_design_contract() -> None:
    data = run("henan-2020", HENAN_ENT).model_dump(mode="json")
    assert list(data)[:5] == ["notice_id", "as_of", "verdict", "rules", "missing"]
    assert data["as_of"] == "2020-11-25"
    rule = data["rules"][0]
    assert list(rule)[:5] == ["id", "status", "strength", "explanation", "citation"]
    assert set(rule["citation"]) == {"n", "notice_id", "title", "doc_no", "section", "quote", "start", "end"}


def test_trusted_matches_model_construct() -> None:
    values = {"field": "modes", "label": "模式", "question": "？"}
    from assistant.eligibility.models import Question

    assert trusted(Question, **values) == Question.model_construct(**values) == Question(**values)


def test_check_all_ranks_qualifying_notices_first() -> None:
    results = check_all(HENAN_ENT, corpus_dir=CORPUS, today=TODAY)
    assert results[0].notice_id == "henan-2020"
    assert {r.notice_id for r in results} == {"henan-2020", "shanxi-2021", "miit-2023", "baotou"}
    order = {"eligible": 0, "at_risk": 1, "undetermined": 2, "ineligible": 3}
    ranks = [order[r.verdict] for r in results]
    assert ranks == sorted(ranks)
