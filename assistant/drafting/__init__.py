"""Drafting the declaration body (申报书正文) from the notice's own 参考提纲.

Outlines, the mode catalogue and the requirements each section must answer are derived from the
cleaned notice text (plus hand-checked links verified against it); drafts are a scaffold of facts
and 【待补充】 markers, or grounded LLM prose; `Drafter.lint` checks a written draft against the outline.

Names are imported lazily, so that `shenbao --help` (which registers the drafting commands) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS: dict[str, str] = {
    "Drafter": "service",
    "DraftingData": "notice_data",
    "load_drafting": "notice_data",
    "Facts": "facts",
    "parse_facts": "facts",
    "load_facts_file": "facts",
    "Draft": "models",
    "DraftSection": "models",
    "Finding": "models",
    "Link": "models",
    "LintReport": "models",
    "Mode": "models",
    "ModeCatalogue": "models",
    "Outline": "models",
    "OutlineItem": "models",
    "Requirement": "models",
    "OutlineMissingError": "outline",
    "build_outlines": "outline",
    "DraftDocument": "document",
    "draft_to_markdown": "document",
    "read_draft_bytes": "document",
    "read_draft_file": "document",
    "DocxFormat": "docx_export",
    "format_for": "docx_export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
