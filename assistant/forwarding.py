"""A forwarding notice (转发) whose text carries the forwarded notice after its own: split into two
linked notices, each with its own metadata and clauses, so "市里什么时候截止" and "省里什么时候截止"
each find their own notice.

The forwarded notice starts at a title line ("…关于…的通知") that is not the local notice's own title,
after the local notice's text, and is followed by its own 文号 or addressee line ("各…："); an "附件N"
line right above it goes with it. Nothing is split without both signs.
"""

from __future__ import annotations

import re
from pathlib import Path

from .clauses import build_clauses
from .corpus import Notice
from .metadata import DOC_NO, NoticeMeta, extract_metadata, load_notice_meta
from .round_info import ADDRESSEE

_H = r"\u4e00-\u9fff"
TITLE_LINE = re.compile(rf"^[{_H}（）()、“”《》\d]{{0,40}}关于[^\n。；]{{4,80}}的通知\s*$", re.M)
ANNEX_LINE = re.compile(r"^附件\s*\d*\s*[：:]?\s*$")
FORWARDS = re.compile(r"转发|现将[^。]{0,60}印发给你们|附件[^。]{0,10}《")
# the local notice's own text comes first: at least this much before the forwarded one
MIN_LOCAL_CHARS = 80
MIN_FORWARDED_CHARS = 120  # a title, its 文号 or addressees and at least one clause
LOOK_AHEAD = 300  # characters after the title in which its 文号 or addressees must appear


def forwarded_start(text: str, own_title: str | None) -> int | None:
    """Offset where the forwarded notice begins, or None."""
    if not FORWARDS.search(text[:2000]):
        return None
    own = re.sub(r"\s", "", own_title or "")
    for match in TITLE_LINE.finditer(text):
        if match.start() < MIN_LOCAL_CHARS or len(text) - match.start() < MIN_FORWARDED_CHARS:
            continue
        if own and re.sub(r"\s", "", match.group(0)) == own:
            continue
        after = text[match.end() : match.end() + LOOK_AHEAD]
        if not (ADDRESSEE.search(after) or any(DOC_NO.fullmatch(line.rstrip()) for line in after.split("\n"))):
            continue
        start = match.start()
        before = text[:start].rstrip("\n").rsplit("\n", 1)
        if len(before) == 2 and ANNEX_LINE.match(before[1].strip()):  # "附件1" above the title
            start = len(before[0]) + 1
        return start
    return None


def _part(notice: Notice, notice_id: str, text: str, meta: NoticeMeta, suffix: str) -> Notice:
    level = meta.level
    deadlines = [d.model_copy(update={"level": d.level or level}) for d in meta.deadlines]
    return notice.model_copy(update={
        "id": notice_id, "text": text, "meta": meta.model_copy(update={"id": notice_id, "deadlines": deadlines}),
        "clauses": build_clauses(text), "content_hash": notice.content_hash + suffix,
    })


def split_forwarded(notice: Notice) -> list[Notice]:
    """The notice alone, or [the local notice, the forwarded one] linked by `meta.parent`."""
    start = forwarded_start(notice.text, notice.meta.title)
    if start is None:
        return [notice]
    local_text = notice.text[:start].rstrip() + "\n"
    forwarded_text = notice.text[start:]
    parent_id = f"{notice.id}-forwarded"[:64]
    local_meta = load_notice_meta(Path(notice.folder), local_text).model_copy(update={"parent": parent_id})
    parent_meta = extract_metadata(parent_id, forwarded_text)
    return [
        _part(notice, notice.id, local_text, local_meta, ""),
        _part(notice, parent_id, forwarded_text, parent_meta, "/forwarded"),
    ]
