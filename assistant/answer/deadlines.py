"""Deadline notes: today's date (an injectable clock, `SHENBAO_TODAY`) against each notice's
application deadline."""

from __future__ import annotations

from datetime import date

from ..eligibility.dates import fmt
from ..metadata import NoticeMeta, application_deadline


def deadline_notes(metas: list[NoticeMeta], today: date) -> list[str]:
    notes: list[str] = []
    for meta in metas:
        label = meta.doc_no or f"《{meta.title}》"
        deadline = application_deadline(meta)
        if deadline is None:
            if meta.status == "standing":
                notes.append(f"{label}为常设办法，未规定报送截止时间。")
            continue
        when = fmt(deadline)
        if deadline < today:
            notes.append(f"{label}：该通知规定的报送截止时间（{when}）已过。")
        else:
            notes.append(f"{label}：该通知规定的报送截止时间为{when}，距今还有{(deadline - today).days}天。")
    return notes
