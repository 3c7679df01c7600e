"""The applicant profile (DESIGN.md field list), its validation and the questions for missing facts.

Every field is optional: a missing field (or JSON null) is *unknown*, never assumed. Bad input raises
`ShenbaoError` with a one-line Chinese message naming the field.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from ..errors import ShenbaoError
from ..jsonfile import parse_json, read_text
from .dates import parse_date

Category = Literal["enterprise", "platform", "project", "city"]

CATEGORY_LABELS: dict[str, str] = {
    "enterprise": "示范企业",
    "platform": "示范平台",
    "project": "示范项目",
    "city": "示范城市",
}


class FieldInfo(BaseModel):
    label: str
    question: str
    expected: str  # what a valid value looks like, for error messages


# Canonical order: `missing` lists fields in this order.
FIELD_INFO: dict[str, FieldInfo] = {
    "applicant_type": FieldInfo(
        label="申报类别",
        question="您申报的是哪一类：示范企业、示范平台、示范项目还是示范城市？",
        expected="以下之一：enterprise、platform、project、city",
    ),
    "name": FieldInfo(label="申报单位名称", question="申报单位的名称是什么？", expected="文本"),
    "registered_province": FieldInfo(
        label="注册所在省份",
        question="贵单位在哪个省（自治区、直辖市）注册？（申报城市请填所在省份）",
        expected="省级行政区名称，如“河南省”",
    ),
    "registered_city": FieldInfo(
        label="注册所在城市", question="贵单位在哪个市注册？", expected="城市名称，如“包头市”"
    ),
    "independent_legal_person": FieldInfo(
        label="独立法人资格", question="贵单位是否具有独立法人资格？", expected="布尔值（true 或 false）"
    ),
    "is_manufacturer": FieldInfo(
        label="制造业企业", question="贵单位是否为制造业企业？", expected="布尔值（true 或 false）"
    ),
    "established_on": FieldInfo(
        label="成立日期",
        question="贵单位的成立（开始正常经营）日期是哪一天？",
        expected="日期，如 2018-06-30",
    ),
    "platform_launched_on": FieldInfo(
        label="平台正式投入运营日期",
        question="平台是哪一天成立并正式投入运营的？",
        expected="日期，如 2019-11-01",
    ),
    "has_own_brand": FieldInfo(
        label="自主品牌或自主生产的核心产品",
        question="贵单位是否拥有自主品牌或自主生产的核心产品？",
        expected="布尔值（true 或 false）",
    ),
    "revenue_total": FieldInfo(
        label="营业收入",
        question="贵单位上一年度的营业收入是多少万元？",
        expected="不小于 0 的数字（万元）",
    ),
    "service_revenue": FieldInfo(
        label="服务收入",
        question="其中服务收入是多少万元？",
        expected="不小于 0 的数字（万元）",
    ),
    "major_incidents": FieldInfo(
        label="重大质量、环保或安全事故",
        question="贵单位近年是否发生过重大质量、环保或安全事故（或重大违规违法行为）？如有，请给出每次发生的日期；没有请回答“没有”。",
        expected="日期列表，如 [\"2019-03-01\"]，没有则为 []",
    ),
    "under_investigation": FieldInfo(
        label="涉嫌违法正在接受审查",
        question="贵单位目前是否存在违法行为或因涉嫌违法正在接受审查？",
        expected="布尔值（true 或 false）",
    ),
    "financial_status_good": FieldInfo(
        label="运营和财务状况良好",
        question="贵单位目前的生产经营和财务状况是否良好？",
        expected="布尔值（true 或 false）",
    ),
    "credit_blacklisted": FieldInfo(
        label="进入信用黑名单",
        question="企业或其法定代表人是否被列入信用管理系统黑名单？",
        expected="布尔值（true 或 false）",
    ),
    "is_prefecture_level_city": FieldInfo(
        label="地级市", question="申报城市是否为地级市？", expected="布尔值（true 或 false）"
    ),
    "modes": FieldInfo(
        label="服务型制造模式（方向）",
        question="贵单位申报的服务型制造模式（方向）是哪些？如“供应链管理”“共享制造”。",
        expected="文本列表，如 [\"供应链管理\"]",
    ),
    "application_date": FieldInfo(
        label="申报日期", question="计划在哪一天提交申报？", expected="日期，如 2020-11-20"
    ),
}

FIELD_ORDER: dict[str, int] = {name: i for i, name in enumerate(FIELD_INFO)}
DATE_FIELDS = ("established_on", "platform_launched_on", "application_date")


class Profile(BaseModel):
    """DESIGN.md applicant profile. None (or absent) means unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    applicant_type: Category | None = None
    name: str | None = Field(default=None, strict=True)
    registered_province: str | None = Field(default=None, strict=True)
    registered_city: str | None = Field(default=None, strict=True)
    independent_legal_person: StrictBool | None = None
    is_manufacturer: StrictBool | None = None
    established_on: date | None = None
    platform_launched_on: date | None = None
    has_own_brand: StrictBool | None = None
    revenue_total: float | None = Field(default=None, strict=True, allow_inf_nan=False)
    service_revenue: float | None = Field(default=None, strict=True, allow_inf_nan=False)
    major_incidents: tuple[date, ...] | None = None
    under_investigation: StrictBool | None = None
    financial_status_good: StrictBool | None = None
    credit_blacklisted: StrictBool | None = None
    is_prefecture_level_city: StrictBool | None = None
    modes: tuple[str, ...] | None = None
    application_date: date | None = None

    @field_validator(*DATE_FIELDS, mode="before")
    @classmethod
    def _one_date(cls, value: object) -> object:
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            raise ValueError("not a date")
        return parsed

    @field_validator("major_incidents", mode="before")
    @classmethod
    def _date_list(cls, value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, list | tuple):
            raise ValueError("not a list of dates")
        parsed = [parse_date(item) for item in value]
        if any(item is None for item in parsed):
            raise ValueError("not a list of dates")
        return tuple(parsed)

    @field_validator("modes", mode="before")
    @classmethod
    def _modes(cls, value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, list | tuple) or not all(isinstance(m, str) and m.strip() for m in value):
            raise ValueError("not a list of texts")
        return tuple(m.strip() for m in value)

    @field_validator("revenue_total", "service_revenue")
    @classmethod
    def _non_negative(cls, value: float | None) -> float | None:
        if value is not None and value < 0:
            raise ValueError("negative")
        return value

    @model_validator(mode="after")
    def _service_within_total(self) -> Profile:
        if self.service_revenue is not None and self.revenue_total is not None:
            if Decimal(str(self.service_revenue)) > Decimal(str(self.revenue_total)):
                raise ValueError("service_revenue above revenue_total")
        return self


def _describe(field: str) -> str:
    info = FIELD_INFO.get(field)
    return f"{field}（{info.label}）" if info else field


def _message(exc: ValidationError) -> str:
    problems: list[str] = []
    for err in exc.errors():
        loc = [str(part) for part in err["loc"]]
        field = loc[0] if loc else ""
        reason = str(err.get("msg", ""))
        received = json.dumps(err.get("input"), ensure_ascii=False, default=str)
        if err["type"] == "extra_forbidden":
            problems.append(f"未知字段 {field}（可用字段：{', '.join(FIELD_INFO)}）")
        elif "service_revenue above" in reason:
            problems.append(f"字段 {_describe('service_revenue')} 不能大于 {_describe('revenue_total')}")
        elif "negative" in reason:
            problems.append(f"字段 {_describe(field)} 不能为负数，收到 {received}")
        elif field in FIELD_INFO:
            problems.append(f"字段 {_describe(field)} 应为{FIELD_INFO[field].expected}，收到 {received}")
        else:  # pragma: no cover - every field is in FIELD_INFO
            problems.append(reason)
    return "申报主体信息有误：" + "；".join(dict.fromkeys(problems))


def parse_profile(data: object) -> Profile:
    """Validate raw profile data (a mapping, as read from JSON)."""
    if isinstance(data, Profile):
        return data
    if not isinstance(data, dict):
        raise ShenbaoError(f"申报主体信息应为 JSON 对象（字段: 值），收到 {type(data).__name__}")
    bad_keys = [key for key in data if not isinstance(key, str)]
    if bad_keys:
        raise ShenbaoError(f"申报主体信息有误：字段名应为文本，收到 {bad_keys[0]!r}")
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ShenbaoError(_message(exc)) from None


def load_profile_file(path: Path) -> Profile:
    """Read a profile JSON file ("-" is standard input is handled by the CLI)."""
    return parse_profile_text(read_text(path, "申报主体信息文件"), str(path))


def parse_profile_text(text: str, source: str = "申报主体信息") -> Profile:
    return parse_profile(parse_json(text, source))
