"""`Drafter`: the drafting entry point the CLI and the HTTP API call (one per process/app).

Heavy objects are injected, never built here: the chat model (None → the embedded scaffold) and the
embedder (or a zero-argument factory, so the model loads only when a lint run needs it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .coverage import EmbedderSource, resolve_embedder
from .document import DraftDocument, document_from_text, draft_to_markdown, read_draft_bytes, read_draft_file
from .docx_export import DocxFormat, draft_docx_bytes, format_for, write_docx
from .facts import Facts, parse_facts
from .lint import lint_document
from .llm import DraftWriter
from .models import Draft, LintReport, ModeCatalogue, Outline
from .notice_data import DraftingData, load_drafting
from .outline import OutlineMissingError
from .scaffold import build_scaffold


class Drafter:
    def __init__(self, corpus_dir: Path | str, chat_model: Any = None, embedder: EmbedderSource = None,
                 notices: Any = None) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.notices = notices  # the indexed notices (a NoticeSource): notices added by users draft too
        self.chat_model = chat_model
        self._embedder_source = embedder
        self._embedder: Any = None

    @property
    def embedder(self) -> Any:
        if self._embedder is None and self._embedder_source is not None:
            self._embedder = resolve_embedder(self._embedder_source)
        return self._embedder

    def data(self, notice_id: str) -> DraftingData:
        return load_drafting(self.corpus_dir, notice_id, notices=self.notices)

    def outline(self, notice_id: str, category: str) -> Outline:
        """The 参考提纲 of a category, with each item's links; OutlineMissingError when not in the corpus.
        (A copy: the cached one is shared.)"""
        return self.data(notice_id).outline(category).model_copy(deep=True)

    def outlines(self, notice_id: str) -> dict[str, Outline]:
        return {c: o.model_copy(deep=True) for c, o in self.data(notice_id).outlines.items()}

    def missing_reason(self, notice_id: str) -> str | None:
        """Why the notice has no outline in the corpus (None when it has one): names the form the text
        lists and what to use instead."""
        data = self.data(notice_id)
        if data.outlines:
            return None
        try:
            data.outline((data.notice.meta.categories or ["enterprise"])[0])
        except OutlineMissingError as exc:
            return str(exc)
        return None

    def catalogue(self, notice_id: str) -> ModeCatalogue:
        """The notice's modes per category, each with its cited requirements."""
        return self.data(notice_id).catalogue()

    def docx_format(self, notice_id: str) -> DocxFormat:
        return format_for(self.data(notice_id).notice)

    def draft(self, notice_id: str, category: str, modes: list[str] | tuple[str, ...] = (),
              facts: Facts | dict | None = None, use_llm: bool = True) -> Draft:
        """A draft of the declaration body: the scaffold, written into prose when a chat model is set."""
        facts = parse_facts(facts)
        data = self.data(notice_id)
        data.outline(category)  # a missing outline fails before anything else
        chosen = data.resolve_modes(category, list(modes) or list(facts.profile.modes or ()))
        draft = build_scaffold(data, category, chosen, facts)
        if use_llm and self.chat_model is not None:
            draft = DraftWriter(self.chat_model).write(draft, facts)
        return draft

    def lint(self, document: DraftDocument | str, notice_id: str, category: str,
             modes: list[str] | tuple[str, ...] = (), facts: Facts | dict | None = None,
             file: str | None = None, use_embedder: bool = True) -> LintReport:
        """Check a draft (a DraftDocument, or Markdown/plain text) against the notice's outline."""
        doc = document_from_text(document) if isinstance(document, str) else document
        return lint_document(doc, self.data(notice_id), category, list(modes), parse_facts(facts),
                             self.embedder if use_embedder else None, file)

    def lint_file(self, path: Path | str, notice_id: str, category: str, modes: list[str] | tuple[str, ...] = (),
                  facts: Facts | dict | None = None, use_embedder: bool = True) -> LintReport:
        return self.lint(read_draft_file(path), notice_id, category, modes, facts, str(path), use_embedder)

    def lint_bytes(self, data: bytes, filename: str, notice_id: str, category: str,
                   modes: list[str] | tuple[str, ...] = (), facts: Facts | dict | None = None,
                   use_embedder: bool = True) -> LintReport:
        return self.lint(read_draft_bytes(data, filename), notice_id, category, modes, facts, filename, use_embedder)

    def markdown(self, draft: Draft, notes: bool = True) -> str:
        return draft_to_markdown(draft, notes)

    def docx_bytes(self, draft: Draft, notes: bool = True) -> bytes:
        return draft_docx_bytes(draft, self.docx_format(draft.notice_id), notes)

    def write_docx(self, draft: Draft, path: Path | str, notes: bool = True) -> Path:
        return write_docx(draft, self.docx_format(draft.notice_id), path, notes)
