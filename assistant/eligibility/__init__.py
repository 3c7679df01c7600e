"""Deterministic eligibility: rule packs with verified clause quotes, evaluated against an applicant profile.

A language model never decides eligibility; this package does, from `corpus/<id>/rules.yaml`.
"""

from .engine import RulePack, application_deadline, check, check_all, load_pack
from .models import Result, RuleResult, verdict_for
from .profile import FIELD_INFO, Profile, parse_profile

__all__ = [
    "FIELD_INFO",
    "Profile",
    "Result",
    "RulePack",
    "RuleResult",
    "application_deadline",
    "check",
    "check_all",
    "load_pack",
    "parse_profile",
    "verdict_for",
]
