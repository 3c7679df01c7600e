"""Reading the JSON-lines gold sets in tests/eval/ (shared by the gold-set tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def load_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    entries = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError as exc:  # reported as a failure, not a crash
            pytest.fail(f"{path.name} line {lineno}: invalid JSON: {exc}")
    return entries
