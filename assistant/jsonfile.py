"""Reading user-supplied JSON files (profiles, facts) with one-line Chinese errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import ShenbaoError


def read_text(path: Path | str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ShenbaoError(f"无法读取{what} {path}：{exc.__class__.__name__}") from None


def parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ShenbaoError(f"{source} 不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
