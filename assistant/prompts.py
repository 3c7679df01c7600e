"""Prompt templates live in `prompts/*.yaml` as data; they are loaded and validated at start."""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from .errors import ShenbaoError
from .settings import PROJECT_ROOT

PROMPTS_DIR = PROJECT_ROOT / "prompts"
# The placeholders each prompt must use (and may only use).
REQUIRED = {
    "answer": {"question", "clauses", "notices"},
    "rewrite": {"history", "message"},
    "draft": {"notice", "title", "heading", "guidance", "requirements", "facts", "scaffold"},
}


class Prompt(BaseModel):
    name: str
    version: int
    system: str
    user: str

    def placeholders(self) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(self.user + self.system) if f}

    def render(self, **values: str) -> tuple[str, str]:
        return self.system.format(**values), self.user.format(**values)


def load_prompt(name: str, folder: Path = PROMPTS_DIR) -> Prompt:
    path = Path(folder) / f"{name}.yaml"
    try:
        prompt = Prompt.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ShenbaoError(f"prompt file missing: {path}") from None
    except (yaml.YAMLError, ValidationError, ValueError) as exc:
        raise ShenbaoError(f"{path}: not a valid prompt ({str(exc).splitlines()[0]})") from None
    expected = REQUIRED.get(name, set())
    if prompt.placeholders() != expected:
        raise ShenbaoError(f"{path}: placeholders {sorted(prompt.placeholders())} != expected {sorted(expected)}")
    return prompt


@lru_cache(maxsize=8)
def cached_prompt(name: str) -> Prompt:
    return load_prompt(name)
