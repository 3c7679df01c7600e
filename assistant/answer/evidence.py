"""What an answer is built from: the question's scope, the retrieval hits and the ranked sentences."""

from __future__ import annotations

from dataclasses import dataclass

from ..retrieval import Hit
from ..scope import Scope
from .sentences import Sentence


@dataclass
class Evidence:
    question: str
    scope: Scope
    hits: list[Hit]
    ranked: list[Sentence]
    types: list[str]
    titled: list[str]  # notices the question names by their title words (`scope.named_by_title`)
    reported: bool  # the question asks about a news report, and one is in scope ("那篇报道说…")
    # one side of a side-by-side answer: the question as a whole was found in scope, so what it names
    # of the other sides (their places, years, batches) does not make this side out of scope
    side: bool = False
