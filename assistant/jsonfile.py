"""Reading user-supplied JSON files (profiles, facts) with one-line Chinese errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ShenbaoError

Model = TypeVar("Model", bound=BaseModel)


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


def read_cases(path: Path | str, model: type[Model]) -> list[Model]:
    """The cases of a JSONL evaluation set, one model per non-blank line; a one-line Chinese error for
    an unreadable or empty file or a bad line (its number and the first validation message)."""
    cases: list[Model] = []
    for number, line in enumerate(read_text(path, "评测集").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cases.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            reason = str(exc).splitlines()[0]
            raise ShenbaoError(f"{path} 第 {number} 行不是合法的评测用例：{reason}") from None
    if not cases:
        raise ShenbaoError(f"评测集 {path} 是空的")
    return cases
