"""A drafted pack as `rules.yaml` text for a person to review (`shenbao rules draft`)."""

from __future__ import annotations

from typing import Any

import yaml

from ...errors import ShenbaoError
from ..format import UNREVIEWED_NOTE
from ..rulebook import RuleBook
from .draft import draft_pack

HEADER = """# 规则包草稿：{title}{doc_no}
# {note}。请逐条核对条件、强度（hard / in_principle / guidance）和引文，
# 确认无误后保存为 corpus/{notice_id}/rules.yaml（人工规则包优先于系统提取）。
# 不能由申报主体字段判断的条件已列为 guidance（专家评审项），不会影响结论。
"""


def draft_yaml(book: RuleBook, notice_id: str) -> str:
    if not book.known(notice_id):
        raise ShenbaoError(f"没有通知「{notice_id}」（索引和语料目录中都没有）；请先用 shenbao ingest 导入")
    notice = book.notice(notice_id)
    draft = draft_pack(notice)
    if draft is None or not draft.spec.rules:
        raise ShenbaoError(f"《{notice.meta.title}》的现有文本没有写明申报条件，无法起草规则包")
    data: dict[str, Any] = draft.spec.model_dump(mode="json", by_alias=True, exclude_none=True)
    for rule in data["rules"]:
        if rule.get("applies_when") is None:
            rule.pop("applies_when", None)
    header = HEADER.format(title=notice.meta.title, doc_no=f"（{notice.meta.doc_no}）" if notice.meta.doc_no else "",
                           note=UNREVIEWED_NOTE, notice_id=notice_id)
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
