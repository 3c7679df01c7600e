"""The applicant's facts for a draft: the DESIGN.md applicant profile plus free text.

A facts file is one JSON object: any profile field (parsed by the eligibility profile parser, so the
same file works for `shenbao check`) and these drafting fields, all optional:

- `business`  what the applicant does (主营业务、发展历程), free text
- `products`  core products (核心产品), free text
- `platform`  its platform (平台建设、功能、上线情况), free text
- `notes`     anything else; each sentence goes to the section it fits best
- `figures`   named figures, e.g. {"服务企业户数": "320家", "研发投入（万元）": 2100}
- `sections`  the applicant's own text for a heading, e.g. {"（二）服务内容": "…"} (placed verbatim)
- `revenue_year` the year `revenue_total` / `service_revenue` belong to, e.g. 2019
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..eligibility.profile import FIELD_INFO, Profile, parse_profile
from ..errors import ShenbaoError
from ..jsonfile import parse_json, read_text

DRAFT_FIELDS: dict[str, str] = {
    "business": "主营业务与发展历程（文本）",
    "products": "核心产品（文本）",
    "platform": "平台情况（文本）",
    "notes": "其他说明（文本）",
    "figures": "数据（名称: 数值 的对象）",
    "sections": "分节内容（标题: 文本 的对象）",
    "revenue_year": "营业收入所属年度（如 2019）",
}


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    profile: Profile = Profile()
    business: str | None = Field(default=None, strict=True)
    products: str | None = Field(default=None, strict=True)
    platform: str | None = Field(default=None, strict=True)
    notes: str | None = Field(default=None, strict=True)
    figures: dict[str, str | int | float] = {}
    sections: dict[str, str] = {}
    revenue_year: int | None = Field(default=None, ge=1949, le=2100)

    def service_share(self) -> float | None:
        """服务收入 / 营业收入 in percent, or None when either is unknown (or revenue is 0)."""
        total, service = self.profile.revenue_total, self.profile.service_revenue
        if total is None or service is None or total <= 0:
            return None
        return service / total * 100

    def free_texts(self) -> list[str]:
        texts = [t for t in (self.business, self.products, self.platform, self.notes) if t]
        texts += [f"{k}：{v}" for k, v in self.figures.items()]
        texts += list(self.sections.values())
        return texts


def parse_facts(data: object) -> Facts:
    """Validate a facts object (profile fields + drafting fields); ShenbaoError naming the bad field."""
    if isinstance(data, Facts):
        return data
    if data is None:
        return Facts()
    if not isinstance(data, dict):
        raise ShenbaoError(f"申报材料事实应为 JSON 对象（字段: 值），收到 {type(data).__name__}")
    unknown = [k for k in data if k not in FIELD_INFO and k not in DRAFT_FIELDS]
    if unknown:
        allowed = "、".join([*FIELD_INFO, *DRAFT_FIELDS])
        raise ShenbaoError(f"申报材料事实有未知字段 {unknown[0]}（可用字段：{allowed}）")
    profile = parse_profile({k: v for k, v in data.items() if k in FIELD_INFO})
    extras = {k: v for k, v in data.items() if k in DRAFT_FIELDS}
    try:
        return Facts(profile=profile, **extras)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        received = json.dumps(err.get("input"), ensure_ascii=False, default=str)[:60]
        expected = DRAFT_FIELDS.get(field, "")
        raise ShenbaoError(f"申报材料事实有误：字段 {field} 应为{expected}，收到 {received}") from None


def load_facts_file(path: Path | str) -> Facts:
    return parse_facts_text(read_text(path, "事实文件"), str(path))


def parse_facts_text(text: str, source: str = "事实文件") -> Facts:
    return parse_facts(parse_json(text, source))


def fmt_number(value: float) -> str:
    """52000.0 → "52000", 9360.5 → "9360.5" (no thousands separators: figures stay greppable)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def fmt_share(share: float) -> str:
    """A share in percent with one decimal, without a trailing ".0": 18.0 → "18", 17.96 → "18"."""
    return fmt_number(round(share, 1))


def fmt_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
