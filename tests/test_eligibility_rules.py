"""Every rule of every pack: a passing, a failing and an unknown case.

Each notice has base profiles (one per category) on which every rule passes; a rule's failing case
changes a few fields of its base, and its unknown case removes the fields the rule reads. A rule
added to a pack without cases here fails `test_every_rule_has_cases`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assistant.eligibility import check, load_pack
from assistant.eligibility.pack import read_pack_spec
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
TODAY = date(2024, 6, 1)

BASES: dict[str, dict[str, dict[str, Any]]] = {
    "henan-2020": {
        "enterprise": {
            "applicant_type": "enterprise", "registered_province": "河南省", "independent_legal_person": True,
            "is_manufacturer": True, "established_on": "2015-03-01", "has_own_brand": True, "revenue_total": 10000,
            "service_revenue": 3500, "major_incidents": [], "under_investigation": False, "financial_status_good": True,
            "modes": ["智能产品生命周期管理", "总集成总承包服务", "基于互联网的个性化定制服务"],
        },
        "platform": {
            "applicant_type": "platform", "registered_province": "河南省", "independent_legal_person": True,
            "platform_launched_on": "2018-06-01", "major_incidents": [], "under_investigation": False,
            "financial_status_good": True, "modes": ["供应链协同管理"],
        },
    },
    "shanxi-2021": {
        "enterprise": {
            "applicant_type": "enterprise", "registered_province": "山西省", "independent_legal_person": True,
            "is_manufacturer": True, "established_on": "2015-03-01", "revenue_total": 10000, "service_revenue": 3500,
            "major_incidents": [], "under_investigation": False, "financial_status_good": True,
            "modes": ["产品全生命周期管理", "总集成总承包服务", "信息增值服务"],
        },
        "project": {
            "applicant_type": "project", "registered_province": "山西省", "independent_legal_person": True,
            "major_incidents": [], "under_investigation": False, "financial_status_good": True, "modes": ["共享制造"],
        },
        "platform": {
            "applicant_type": "platform", "registered_province": "山西省", "independent_legal_person": True,
            "platform_launched_on": "2019-01-01", "major_incidents": [], "under_investigation": False,
            "financial_status_good": True,
        },
        "city": {"applicant_type": "city", "registered_province": "山西省", "is_prefecture_level_city": True},
    },
    "miit-2023": {
        "enterprise": {
            "applicant_type": "enterprise", "registered_province": "广东省", "independent_legal_person": True,
            "is_manufacturer": True, "revenue_total": 10000, "service_revenue": 3500, "major_incidents": [],
            "under_investigation": False, "financial_status_good": True, "modes": ["供应链管理"],
        },
        "platform": {
            "applicant_type": "platform", "registered_province": "广东省", "independent_legal_person": True,
            "platform_launched_on": "2020-01-01", "major_incidents": [], "under_investigation": False,
            "financial_status_good": True, "modes": ["共享制造"],
        },
        "city": {"applicant_type": "city"},
    },
    "baotou": {
        "enterprise": {
            "applicant_type": "enterprise", "registered_province": "内蒙古自治区", "registered_city": "包头市",
            "is_manufacturer": True, "established_on": "2015-03-01", "major_incidents": [], "credit_blacklisted": False,
            "modes": ["供应链优化管理"],
        },
    },
}

# notice → rule id → (category of the base profile, overrides that make the rule fail)
FAILING: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {
    "henan-2020": {
        "category_offered": ("enterprise", {"applicant_type": "city"}),
        "registered_in_henan": ("enterprise", {"registered_province": "山西省"}),
        "independent_legal_person": ("enterprise", {"independent_legal_person": False}),
        "finances_good": ("platform", {"financial_status_good": False}),
        "modes_in_annex1": ("enterprise", {"modes": ["共享制造"]}),
        "no_major_incident_since_2019": ("platform", {"major_incidents": ["2020-03-01"]}),
        "not_under_investigation": ("enterprise", {"under_investigation": True}),
        "enterprise_is_manufacturer": ("enterprise", {"is_manufacturer": False}),
        "enterprise_operating_two_years": ("enterprise", {"established_on": "2019-06-01"}),
        "enterprise_own_brand": ("enterprise", {"has_own_brand": False}),
        "ratio_lifecycle_15": ("enterprise", {"service_revenue": 1000}),
        "ratio_turnkey_15": ("enterprise", {"service_revenue": 1000}),
        "ratio_customization_30": ("enterprise", {"service_revenue": 2000}),
        "platform_running_since_2019_11_01": ("platform", {"platform_launched_on": "2020-01-01"}),
    },
    "shanxi-2021": {
        # shanxi-2021 offers all four categories: its category rule cannot fail (see the test below)
        "registered_in_shanxi": ("project", {"registered_province": "河南省"}),
        "independent_legal_person": ("platform", {"independent_legal_person": False}),
        "finances_good": ("enterprise", {"financial_status_good": False}),
        "no_major_incident_since_2019": ("enterprise", {"major_incidents": ["2019-05-01"]}),
        "not_under_investigation": ("project", {"under_investigation": True}),
        "enterprise_is_manufacturer": ("enterprise", {"is_manufacturer": False}),
        "enterprise_directions": ("enterprise", {"modes": ["工业设计服务"]}),
        "ratio_lifecycle_30": ("enterprise", {"service_revenue": 2000}),
        "ratio_turnkey_30": ("enterprise", {"service_revenue": 2000}),
        "ratio_info_services_30": ("enterprise", {"service_revenue": 2000}),
        "project_shared_manufacturing": ("project", {"modes": ["供应链管理"]}),
        "platform_running_two_years": ("platform", {"platform_launched_on": "2020-01-01"}),
        "city_in_shanxi": ("city", {"registered_province": "河北省"}),
        "city_prefecture_level": ("city", {"is_prefecture_level_city": False}),
    },
    "miit-2023": {
        "category_offered": ("enterprise", {"applicant_type": "project"}),
        "registered_in_china": ("enterprise", {"registered_province": "香港特别行政区"}),
        "independent_legal_person": ("platform", {"independent_legal_person": False}),
        "finances_good": ("enterprise", {"financial_status_good": False}),
        "no_major_incident_since_2021": ("platform", {"major_incidents": ["2022-02-01"]}),
        "not_under_investigation": ("enterprise", {"under_investigation": True}),
        "enterprise_is_manufacturer": ("enterprise", {"is_manufacturer": False}),
        "enterprise_service_ratio_30": ("enterprise", {"service_revenue": 2000}),
        "enterprise_modes": ("enterprise", {"modes": ["共享制造"]}),
        "platform_running_two_years": ("platform", {"platform_launched_on": "2021-07-01"}),
        "platform_modes": ("platform", {"modes": ["工业设计服务"]}),
    },
    "baotou": {
        "category_offered": ("enterprise", {"applicant_type": "platform"}),
        "registered_in_baotou": ("enterprise", {"registered_city": "呼和浩特市"}),
        "is_manufacturer": ("enterprise", {"is_manufacturer": False}),
        "operating_two_years": ("enterprise", {"established_on": "2023-01-01"}),
        "credit_good": ("enterprise", {"credit_blacklisted": True}),
        "no_violation_recent_two_years": ("enterprise", {"major_incidents": ["2023-01-01"]}),
        "focus_areas": ("enterprise", {"modes": ["工业设计服务"]}),
    },
}
CANNOT_FAIL = {("shanxi-2021", "category_offered")}


def _status(notice_id: str, profile: dict[str, Any], rule_id: str) -> tuple[str, list[str]]:
    result = check(notice_id, profile, corpus_dir=CORPUS, today=TODAY)
    rule = next(r for r in result.rules if r.id == rule_id)
    return rule.status, list(rule.missing)


def _cases() -> list[tuple[str, str, str]]:
    out = []
    for notice_id, rules in FAILING.items():
        for rule_id, (kind, _) in rules.items():
            out.append((notice_id, rule_id, kind))
    return out


@pytest.mark.parametrize("notice_id", list(BASES))
def test_every_rule_has_cases(notice_id: str) -> None:
    """Every decidable rule (one that reads a profile field) has a failing case here."""
    spec = read_pack_spec(CORPUS / notice_id)
    decidable = {r.id for r in spec.rules if r.fields and r.condition.op != "qualitative"}
    covered = set(FAILING[notice_id]) | {rule for notice, rule in CANNOT_FAIL if notice == notice_id}
    assert decidable == covered


@pytest.mark.parametrize("notice_id", list(BASES))
def test_bases_pass_every_decidable_rule(notice_id: str) -> None:
    for kind, base in BASES[notice_id].items():
        result = check(notice_id, base, corpus_dir=CORPUS, today=TODAY)
        assert result.verdict == "eligible", (kind, result.failing(), result.missing)
        for rule in result.rules:
            assert rule.status in ("pass", "unknown", "not_applicable"), rule.id
            if rule.status == "unknown":
                assert rule.strength == "guidance", rule.id


@pytest.mark.parametrize(("notice_id", "rule_id", "kind"), _cases())
def test_rule_pass_fail_unknown(notice_id: str, rule_id: str, kind: str) -> None:
    base = BASES[notice_id][kind]
    assert _status(notice_id, base, rule_id)[0] == "pass"
    overrides = FAILING[notice_id][rule_id][1]
    assert _status(notice_id, {**base, **overrides}, rule_id)[0] == "fail"
    fields = next(r.fields for r in load_pack(CORPUS, notice_id).rules if r.id == rule_id)
    unknown = {k: v for k, v in base.items() if k not in fields}
    status, missing = _status(notice_id, unknown, rule_id)
    assert status == "unknown"
    assert missing and set(missing) <= set(fields)


def test_shanxi_offers_every_category() -> None:
    for kind in ("enterprise", "project", "platform", "city"):
        assert _status("shanxi-2021", {"applicant_type": kind}, "category_offered")[0] == "pass"
    assert _status("shanxi-2021", {}, "category_offered") == ("unknown", ["applicant_type"])


@pytest.mark.parametrize("notice_id", list(BASES))
def test_qualitative_rules_never_pass_or_fail(notice_id: str) -> None:
    spec = read_pack_spec(CORPUS / notice_id)
    qualitative = {r.id for r in spec.rules if r.condition.op == "qualitative"}
    assert qualitative
    for base in BASES[notice_id].values():
        result = check(notice_id, base, corpus_dir=CORPUS, today=TODAY)
        for rule in result.rules:
            if rule.id in qualitative:
                assert rule.status in ("unknown", "not_applicable")
                assert rule.strength == "guidance"
                assert rule.explanation
