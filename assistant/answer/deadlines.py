"""Deadline notes: today's date (an injectable clock, `SHENBAO_TODAY`) against each notice's
application deadline."""

from __future__ import annotations

from datetime import date

from ..eligibility.dates import fmt
from ..metadata import NoticeMeta, application_deadline


def deadline_note(meta: NoticeMeta, today: date) -> str | None:
    """One notice's application deadline against today (passed, days left, or none for a standing
    measure); None when the notice states no deadline and is not a standing measure."""
    label = meta.doc_no or f"《{meta.title}》"
    deadline = application_deadline(meta)
    if deadline is None:
        return f"{label}为常设办法，未规定报送截止时间。" if meta.status == "standing" else None
    when = fmt(deadline)
    if deadline < today:
        return f"{label}：该通知规定的报送截止时间（{when}）已过。"
    return f"{label}：该通知规定的报送截止时间为{when}，距今还有{(deadline - today).days}天。"


def deadline_notes(metas: list[NoticeMeta], today: date) -> list[str]:
    return [note for note in (deadline_note(meta, today) for meta in metas) if note]


def deadline_status(meta: NoticeMeta, today: date) -> dict[str, object]:
    """A notice's deadlines against today: each with the days remaining (negative once passed), and
    a one-word state for badges: open | closed | standing | unknown."""
    rows = [
        {"date": d.date.isoformat(), "what": d.what, "days_remaining": (d.date - today).days, "passed": d.date < today}
        for d in sorted(meta.deadlines, key=lambda d: d.date)
    ]
    deadline = application_deadline(meta)
    if deadline is not None:
        state = "closed" if deadline < today else "open"
    else:
        state = "standing" if meta.status == "standing" else "unknown"
    return {
        "application_deadline": deadline.isoformat() if deadline else None,
        "days_remaining": (deadline - today).days if deadline else None,
        "state": state,
        "deadlines": rows,
        "notes": deadline_notes([meta], today),
    }
