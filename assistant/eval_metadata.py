"""`shenbao eval metadata`: field accuracy of the metadata read from a notice's text alone, against
labels written by hand from the document (tests/eval/metadata/<id>.yaml beside the document).

The documents are the external notices (`../shared/external-notices/`), whose files open with a
curator's `#` header and may hold editorial 【…】 lines; both are dropped before extraction, so only
the source text is read. Each label field counts once per notice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .cleaning import clean_text
from .errors import ShenbaoError
from .metadata import NoticeMeta, extract_metadata
from .regions import find_divisions

FIELDS = ("title", "issuer", "doc_no", "level", "region", "issued_on", "year", "batch", "genre", "categories",
          "parent_doc_no", "deadlines", "contacts", "copies")
LEVEL_ALIASES = {"city": "municipal"}
_BRACKETS = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]", "（": "(", "）": ")", "［": "[", "］": "]"})


class FieldMiss(BaseModel):
    notice: str
    field: str
    expected: Any
    got: Any


class MetadataMetrics(BaseModel):
    notices: int
    fields: int
    accuracy: float
    per_field: dict[str, float]
    misses: list[FieldMiss]


def source_text(path: Path) -> str:
    """A fixture document's source text: without the curator's leading `#` lines and 【…】 notes."""
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(line for line in lines if not re.fullmatch(r"\s*【[^】]*】\s*", line)) + "\n"


def _text(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", str(value))).translate(_BRACKETS)


def _region(value: Any) -> tuple[str | None, str | None] | None:
    if not value or value == "全国":  # a national notice has no region
        return None
    found = find_divisions(str(value))
    if not found:
        return (str(value), None)
    first = found[0]
    city = next((d.name if d.level == "city" else d.city for d in found if d.level != "province"), None)
    return (first.province, city)


def _contacts(value: Any) -> frozenset[str]:
    out: set[str] = set()
    for c in value or []:
        item = c if isinstance(c, dict) else c.model_dump()
        for key in ("phone", "email"):
            if item.get(key):
                out.add(re.sub(r"[^\dA-Za-z@.]", "", str(item[key])).lower())
    return frozenset(out)


def _deadlines(value: Any) -> frozenset[str]:
    out = set()
    for d in value or []:
        item = d if isinstance(d, dict) else d.model_dump()
        out.add(str(item["date"]))
    return frozenset(out)


NORMALISE: dict[str, Callable[[Any], Any]] = {
    "title": _text, "issuer": _text, "doc_no": _text, "parent_doc_no": _text, "region": _region,
    # "city" is how a helper was asked to write the municipal level (DESIGN.md: municipal)
    "level": lambda v: LEVEL_ALIASES.get(v, v) or None, "genre": lambda v: v or "notice",
    "issued_on": lambda v: str(v) if v else None,
    "year": lambda v: int(v) if v else None, "batch": lambda v: int(v) if v else None,
    "copies": lambda v: int(v) if v else None,
    "categories": lambda v: frozenset(v or []), "deadlines": _deadlines, "contacts": _contacts,
}


def compare(label: dict[str, Any], meta: NoticeMeta) -> list[tuple[str, bool, Any, Any]]:
    got = meta.model_dump(mode="json")
    if got["title"] == meta.id:  # the id stands in when the text has no title
        got["title"] = None
    out = []
    for field in FIELDS:
        expected, value = NORMALISE[field](label.get(field)), NORMALISE[field](got.get(field))
        out.append((field, expected == value, label.get(field), got.get(field)))
    return out


def evaluate_metadata(labels_dir: Path, docs_dir: Path) -> MetadataMetrics:
    paths = sorted(labels_dir.glob("*.yaml"))
    if not paths:
        raise ShenbaoError(f"no metadata labels in {labels_dir}")
    totals: dict[str, list[bool]] = {f: [] for f in FIELDS}
    misses: list[FieldMiss] = []
    for path in paths:
        label = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc = docs_dir / f"{label['id']}.txt"
        if not doc.exists():
            raise ShenbaoError(f"{path}: no document {doc}")
        meta = extract_metadata(label["id"], clean_text(source_text(doc)).text)
        for field, ok, expected, value in compare(label, meta):
            totals[field].append(ok)
            if not ok:
                misses.append(FieldMiss(notice=label["id"], field=field, expected=expected, got=value))
    flat = [ok for oks in totals.values() for ok in oks]
    return MetadataMetrics(
        notices=len(paths), fields=len(flat), accuracy=sum(flat) / len(flat),
        per_field={f: sum(oks) / len(oks) for f, oks in totals.items()}, misses=misses,
    )

