from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.chunking import Chunk
from assistant.cleaning import clean_text
from assistant.corpus import Notice, chunks_for, load_corpus_notice
from assistant.embeddings import FakeEmbedder
from assistant.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"
NOTICE_IDS = ["henan-2020", "shanxi-2021", "henan-basic-modes", "miit-2023", "baotou"]


@pytest.fixture(scope="session")
def notices() -> dict[str, Notice]:
    return {nid: load_corpus_notice(CORPUS, nid) for nid in NOTICE_IDS}


@pytest.fixture(scope="session")
def chunks(notices: dict[str, Notice]) -> dict[str, list[Chunk]]:
    return {nid: chunks_for(n) for nid, n in notices.items()}


@pytest.fixture(scope="session")
def cleaned() -> dict[str, str]:
    return {nid: clean_text((CORPUS / nid / "notice.txt").read_text("utf-8")).text for nid in NOTICE_IDS}


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("rules.yaml"))
    return target


@pytest.fixture
def settings(tmp_path: Path, corpus_copy: Path) -> Settings:
    return Settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index", embedder="fake", chroma_url=None)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One index over the real corpus (fake embedder) for tests that only read it."""
    from assistant.ingest import ingest

    root = tmp_path_factory.mktemp("shared")
    shared = Settings(corpus_dir=CORPUS, index_dir=root / "index", embedder="fake", chroma_url=None)
    ingest([CORPUS], shared, FakeEmbedder())
    return shared


@pytest.fixture
def built_index(settings: Settings, fake_embedder: FakeEmbedder) -> Iterator[Settings]:
    """A fresh index over a copy of the corpus, for tests that change files or the index."""
    from assistant.ingest import ingest

    ingest([settings.corpus_dir], settings, fake_embedder)
    yield settings
