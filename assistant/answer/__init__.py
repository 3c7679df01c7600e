"""Answers with citations: extractive by default, an OpenAI-compatible LLM when configured."""

from .models import AskResult
from .service import Answerer

__all__ = ["Answerer", "AskResult"]
