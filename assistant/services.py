"""The heavy objects (embedder, index, retriever), built once on first use and shared.

The CLI builds one `Services` per process; the API will hold one per app. Tests pass a fake
embedder in. Nothing here runs at import time.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from .embeddings import Embedder, build_embedder
from .index import Index
from .retrieval import Retriever
from .settings import Settings, get_settings

if TYPE_CHECKING:
    from .answer import Answerer
    from .answer.llm import LLMWriter
    from .drafting import Drafter
    from .eligibility.rulebook import RuleBook


class Services:
    def __init__(
        self, settings: Settings | None = None, embedder: Embedder | None = None, chat_model: Any = None
    ) -> None:
        self.settings = settings or get_settings()
        self._embedder = embedder
        self._chat_model = chat_model

    def rebuilt(self) -> Services:
        """Fresh services over the current index generation, keeping the loaded models."""
        return Services(self.settings, self.embedder, self._chat_model)

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or build_embedder(self.settings.embedder)

    @cached_property
    def index(self) -> Index:
        return Index.open(self.settings.index_dir, self.embedder, self.settings.chroma_url)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.index, self.embedder, self.settings)

    @cached_property
    def rulebook(self) -> RuleBook:
        """Every notice's rule pack: hand-written (corpus/<id>/rules.yaml) or drafted from its text."""
        from .eligibility.rulebook import RuleBook

        return RuleBook(self.settings.corpus_dir, self.index)

    @cached_property
    def answerer(self) -> Answerer:
        from .answer import Answerer

        return Answerer(self)

    @cached_property
    def llm_writer(self) -> LLMWriter | None:
        """The LLM writer when an OpenAI-compatible endpoint is configured, else None (extractive)."""
        from .answer.llm import LLMWriter, build_chat_model

        model = self._chat_model or build_chat_model(self.settings)
        return LLMWriter(model) if model is not None else None

    @cached_property
    def drafter(self) -> Drafter:
        """Drafting over the corpus: the configured chat model (if any) writes prose; the embedder is
        loaded only when a lint run needs it."""
        from .drafting import Drafter

        writer = self.llm_writer
        from .index import StoredNotices  # the notices only: drafting needs no vector store

        notices = StoredNotices.open(self.settings.index_dir)
        return Drafter(self.settings.corpus_dir, writer.model if writer else None, lambda: self.embedder, notices)
