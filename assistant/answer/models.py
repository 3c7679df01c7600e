"""The `shenbao ask --json` contract (DESIGN.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from ..citations import Citation

Route = Literal["qa", "eligibility", "drafting"]


class AskResult(BaseModel):
    answer: str
    citations: list[Citation]
    abstained: bool
    notices: list[str]
    route: Route = "qa"
    deadline_notes: list[str] = []
    # Extras beyond the contract: why an answer abstained, how the question was read.
    reason: str | None = None
    query: str | None = None
    writer: str = "extractive"
