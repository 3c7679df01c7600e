"""Ingest: report, no-op re-ingest, replacement of a changed notice, safety on bad input and crashes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import FakeEmbedder
from assistant.errors import LoadError, ShenbaoError
from assistant.index import Index, read_current
from assistant.ingest import ingest
from assistant.services import Services
from assistant.settings import Settings


def _snapshot(index_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(index_dir)): p.read_bytes() for p in sorted(index_dir.rglob("*")) if p.is_file()}


def test_ingest_builds_index_and_report(built_index: Settings) -> None:
    report = json.loads((built_index.index_dir / "ingest-report.json").read_text("utf-8"))
    by_id = {n["id"]: n for n in report["notices"]}
    assert set(by_id) == {"henan-2020", "shanxi-2021", "henan-basic-modes", "miit-2023", "baotou"}
    henan = by_id["henan-2020"]
    reasons = {r["reason"] for r in henan["removals"]}
    assert "hallucinated_repeated_block" in reasons and henan["removed_chars"] > 2000
    assert all(r["samples"] for r in henan["removals"])
    assert report["total_chunks"] == sum(n["chunks"] for n in report["notices"])


def test_reingest_unchanged_is_a_noop(built_index: Settings, fake_embedder: FakeEmbedder) -> None:
    before = read_current(built_index.index_dir)
    summary = ingest([built_index.corpus_dir], built_index, fake_embedder)
    assert not summary.changed and summary.embedded == 0
    assert read_current(built_index.index_dir) == before
    assert all(n.status == "unchanged" for n in summary.notices)


def test_changed_notice_replaces_its_chunks(built_index: Settings, fake_embedder: FakeEmbedder) -> None:
    path = built_index.corpus_dir / "baotou" / "notice.txt"
    path.write_text(path.read_text("utf-8").replace("试行两年", "试行三年"), encoding="utf-8")
    summary = ingest([built_index.corpus_dir], built_index, fake_embedder)
    assert summary.changed
    status = {n.id: n.status for n in summary.notices}
    assert status["baotou"] == "changed" and status["henan-2020"] == "unchanged"
    assert 0 < summary.embedded < summary.total_chunks  # unchanged chunk texts reuse their vectors
    index = Index.open(built_index.index_dir, fake_embedder)
    baotou = "".join(c.text for c in index.chunks if c.notice_id == "baotou")
    assert "试行三年" in baotou and "试行两年" not in baotou
    assert index.dense.collection.count() == len(index.chunks)
    assert len(list(built_index.index_dir.glob("gen-*"))) == 1  # the old generation is gone


def test_single_notice_folder_and_single_file(built_index: Settings, fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    extra = tmp_path / "extra.md"
    extra.write_text("# 某市服务型制造示范通知\n\n一、申报条件\n\n1.申报单位应在某市注册满三年。\n", encoding="utf-8")
    summary = ingest([extra], built_index, fake_embedder)
    assert [n.id for n in summary.notices] == ["extra"]
    index = Index.open(built_index.index_dir, fake_embedder)
    assert "extra" in index.notice_ids and "henan-2020" in index.notice_ids  # others are kept
    summary = ingest([built_index.corpus_dir / "miit-2023"], built_index, fake_embedder)
    assert [n.id for n in summary.notices] == ["miit-2023"] and not summary.changed


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.xlsx", b"PK\x03\x04", "不支持的文件格式"),
        ("empty.txt", b"", "没有文字"),
        ("gbk.txt", "申报条件".encode("gbk"), "UTF-8"),
        ("broken.docx", b"not a zip", "docx"),
    ],
)
def test_bad_input_leaves_index_untouched(
    built_index: Settings, fake_embedder: FakeEmbedder, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    before = _snapshot(built_index.index_dir)
    bad = tmp_path / "bad" / name
    bad.parent.mkdir()
    bad.write_bytes(content)
    with pytest.raises(ShenbaoError) as info:
        ingest([bad], built_index, fake_embedder)
    assert message in str(info.value) and "\n" not in str(info.value)
    # The same file inside a notice folder of the corpus aborts the whole ingest too.
    (built_index.corpus_dir / "baotou" / name).write_bytes(content)
    with pytest.raises(ShenbaoError):
        ingest([built_index.corpus_dir], built_index, fake_embedder)
    assert _snapshot(built_index.index_dir) == before


def test_missing_path(built_index: Settings, fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="不存在"):
        ingest([tmp_path / "nope"], built_index, fake_embedder)


class ExplodingEmbedder(FakeEmbedder):
    def __init__(self, after: int) -> None:
        super().__init__()
        self.left = after

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.left -= len(texts)
        if self.left < 0:
            raise RuntimeError("killed halfway")
        return super().embed_documents(texts)


def test_interrupted_ingest_keeps_previous_index(built_index: Settings, fake_embedder: FakeEmbedder) -> None:
    before = read_current(built_index.index_dir)
    path = built_index.corpus_dir / "henan-2020" / "notice.txt"
    path.write_text(path.read_text("utf-8").replace("满一年", "满三年"), encoding="utf-8")
    with pytest.raises(RuntimeError):
        ingest([built_index.corpus_dir], built_index, ExplodingEmbedder(after=0))
    assert read_current(built_index.index_dir) == before
    retriever = Services(built_index, fake_embedder).retriever
    hits = retriever.search("平台运营满一年", k=3, filters={"notice_id": ["henan-2020"]})
    assert hits and "满一年" in "".join(h.chunk.text for h in hits)
    # The next ingest finishes the job and clears the abandoned half-built generation.
    summary = ingest([built_index.corpus_dir], built_index, fake_embedder)
    assert summary.changed and len(list(built_index.index_dir.glob("gen-*"))) == 1


def test_index_built_with_another_embedder_is_refused(built_index: Settings) -> None:
    class Other(FakeEmbedder):
        def __init__(self) -> None:
            super().__init__()
            self.spec = "other"

    with pytest.raises(ShenbaoError, match="built with embedder 'fake'"):
        Index.open(built_index.index_dir, Other())


def test_notice_folder_with_several_files(built_index: Settings, fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    import docx

    folder = tmp_path / "demo-2024"
    folder.mkdir()
    (folder / "notice.md").write_text(
        "某省工业和信息化厅关于开展2024年服务型制造示范遴选工作的通知\n\n一、申报条件\n\n"
        "1.申报单位应在本省注册，运营满两年。\n\n附件：1.示范企业申报书\n", encoding="utf-8")
    annex = docx.Document()
    annex.add_paragraph("附件1")
    annex.add_paragraph("示范企业申报书")
    annex.add_paragraph("一、企业概况")
    annex.add_paragraph("介绍企业基本情况、发展历程。")
    annex.save(str(folder / "annex1.docx"))
    (folder / "page.html").write_text(
        "<html><body><nav>首页</nav><p>二、其他事项</p><p>联系电话：0000-1234567</p></body></html>", encoding="utf-8")
    summary = ingest([folder], built_index, fake_embedder)
    assert [n.id for n in summary.notices] == ["demo-2024"]
    assert summary.notices[0].files == ["notice.md", "annex1.docx", "page.html"]  # the notice first
    index = Index.open(built_index.index_dir, fake_embedder)
    notice = index.notice("demo-2024")
    assert "运营满两年" in notice.text and "介绍企业基本情况" in notice.text and "0000-1234567" in notice.text
    assert "首页" not in notice.text
    sections = {c.section_text for c in index.chunks if c.notice_id == "demo-2024"}
    assert any(s.startswith("附件1 示范企业申报书") for s in sections)


def _search_signature(settings: Settings, embedder: FakeEmbedder, questions: list[str]) -> list[object]:
    index = Index.open(settings.index_dir, embedder)
    out: list[object] = [sorted(c.chunk_id for c in index.chunks), index.dense.collection.count()]
    for question in questions:
        from assistant.tokenize import tokenize

        by_id = dict(zip((c.chunk_id for c in index.chunks), index.bm25.scores(tokenize(question)), strict=True))
        out.append({cid: round(float(v), 4) for cid, v in by_id.items() if v > 0})
        vector = embedder.embed_query(question)
        out.append([cid for cid, _ in index.dense.query(vector, 8, {"notice_id": {"$in": ["baotou", "miit-2023"]}})])
    return out


def test_incremental_ingest_matches_a_fresh_build(
    settings: Settings, fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding, changing and removing notices one ingest at a time gives the same BM25 scores,
    dense hits and Chroma contents as one ingest of the final corpus, and tokenises only the
    chunks of the notices it was given."""
    from assistant import ingest as ingest_module
    from assistant.ingest import remove

    corpus = settings.corpus_dir
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    ingest(folders[:2], settings, fake_embedder)
    calls: list[str] = []
    derived: list[object] = []
    real_tokenize, real_derive = ingest_module.tokenize, ingest_module.derive_local
    monkeypatch.setattr(ingest_module, "tokenize", lambda text: calls.append(text) or real_tokenize(text))
    monkeypatch.setattr(ingest_module, "derive_local", lambda *a: derived.append(real_derive(*a)) or derived[-1])
    summary = ingest(folders[2:], settings, fake_embedder)
    assert len(calls) == sum(n.chunks for n in summary.notices)  # kept chunks were not tokenised again
    assert derived and derived[-1] is not None  # the previous Chroma store was copied, not rebuilt
    path = corpus / "baotou" / "notice.txt"
    path.write_text(path.read_text("utf-8").replace("试行两年", "试行三年"), encoding="utf-8")
    ingest([corpus / "baotou"], settings, fake_embedder)
    extra = tmp_path / "extra.md"
    extra.write_text("# 某市服务型制造示范通知\n\n一、申报条件\n\n1.申报单位应在某市注册满三年。\n", encoding="utf-8")
    ingest([extra], settings, fake_embedder)
    remove("extra", settings, fake_embedder)
    monkeypatch.undo()

    fresh = Settings(corpus_dir=corpus, index_dir=tmp_path / "fresh", embedder="fake", chroma_url=None)
    ingest([corpus], fresh, fake_embedder)
    questions = ["示范称号什么情况下撤销", "试行三年", "服务收入占营业收入比重", "申报材料一式几份"]
    assert _search_signature(settings, fake_embedder, questions) == _search_signature(fresh, fake_embedder, questions)
