"""`shenbao ingest FILE` adds or replaces one notice in the existing index; bad files leave the index
exactly as it was; `shenbao remove ID` deletes one notice (CLI through click's CliRunner)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import fixtures_docs as fx
import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.embeddings import FakeEmbedder
from assistant.index import Index
from assistant.ingest import ingest
from assistant.loaders import MAX_FILE_BYTES
from assistant.settings import Settings

CORPUS_IDS = {"henan-2020", "shanxi-2021", "henan-basic-modes", "miit-2023", "baotou"}
NOTICE = (
    "某市工业和信息化局关于开展2024年市级服务型制造示范遴选的通知\n\n一、申报条件\n\n"
    "1.申报单位应在某市注册满三年，具有独立法人资格。\n\n二、申报时间\n\n请于2024年6月30日前报送。\n"
)


def run(settings: Settings, *args: str, embedder: FakeEmbedder | None = None) -> tuple[int, str, str]:
    obj = {"settings": settings, "embedder": embedder or FakeEmbedder()}
    result = CliRunner().invoke(main, list(args), obj=obj)
    return result.exit_code, result.stdout, result.stderr


def index_hash(index_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(index_dir.rglob("*")):
        digest.update(str(path.relative_to(index_dir)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def indexed(settings: Settings) -> Index:
    return Index.open(settings.index_dir, FakeEmbedder())


def test_ingest_one_file_adds_it_and_reuses_the_other_vectors(built_index: Settings, tmp_path: Path) -> None:
    path = tmp_path / "Shiji Notice 2024.md"
    path.write_text(NOTICE, encoding="utf-8")
    before = len(indexed(built_index).chunks)
    code, out, err = run(built_index, "ingest", str(path), "--json")
    assert code == 0, err
    summary = json.loads(out)
    [notice] = summary["notices"]
    assert notice["id"] == "shiji-notice-2024" and notice["status"] == "new"
    assert summary["embedded"] == notice["chunks"] and summary["reused_vectors"] == before
    index = indexed(built_index)
    assert set(index.notice_ids) == CORPUS_IDS | {"shiji-notice-2024"}
    assert "注册满三年" in index.notice("shiji-notice-2024").text
    # `shenbao ingest` of the corpus afterwards keeps the added notice
    code, out, _ = run(built_index, "ingest")
    assert code == 0 and "shiji-notice-2024" in indexed(built_index).notice_ids


def test_id_option_and_replacing_a_notice(built_index: Settings, tmp_path: Path) -> None:
    path = tmp_path / "通知.txt"
    path.write_text(NOTICE, encoding="utf-8")
    code, out, err = run(built_index, "ingest", str(path), "--id", "city-2024")
    assert code == 0, err
    assert "city-2024" in out and "新增" in out
    path.write_text(NOTICE.replace("满三年", "满两年"), encoding="utf-8")
    code, out, _ = run(built_index, "ingest", str(path), "--id", "city-2024")
    assert code == 0 and "已替换" in out
    index = indexed(built_index)
    assert index.notice_ids.count("city-2024") == 1
    texts = "".join(c.text for c in index.chunks if c.notice_id == "city-2024")
    assert "满两年" in texts and "满三年" not in texts
    code, out, _ = run(built_index, "ingest", str(path), "--id", "city-2024")
    assert code == 0 and "内容未变化" in out


def test_ingest_report_shows_conversion_pinyin_and_garbled_lines(built_index: Settings, tmp_path: Path) -> None:
    path = tmp_path / "trad.txt"
    path.write_text(
        "關(guān)於開(kāi)展服務型製造示範遴選工作的通知\n\n一、申報條件\n\n申報單位應在本省境內註冊，具有獨立法人資格。\n\n"
        "二、申報材料：申報書一式兩份\ufffd\ufffd報送。\n",
        encoding="utf-8",
    )
    code, out, err = run(built_index, "ingest", str(path))
    assert code == 0, err
    assert re.search(r"繁体转简体：\d+ 字", out) and "删除拼音注音：2 处" in out
    assert "疑似乱码：第 7 行" in out
    report = json.loads((built_index.index_dir / "ingest-report.json").read_text("utf-8"))
    assert report["notices"][0]["normalised"]["traditional_to_simplified"] > 10
    assert report["notices"][0]["warnings"][0].startswith("疑似乱码：第 7 行")


def _binary(folder: Path) -> Path:
    return fx.write_bytes(folder, "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def _too_big(folder: Path) -> Path:
    path = folder / "huge.pdf"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 50 MB written
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        pytest.param(lambda d: fx.write_bytes(d, "empty.txt", b""), "没有文字", id="empty"),
        pytest.param(_binary, "二进制", id="binary"),
        pytest.param(fx.encrypted_pdf, "PDF 已加密", id="encrypted-pdf"),
        pytest.param(_too_big, "文件过大", id="over-50-MB"),
        pytest.param(lambda d: fx.write_bytes(d, "budget.xlsx", b"PK\x03\x04"), "不支持的文件格式", id="xlsx"),
        pytest.param(lambda d: fx.write_bytes(d, "broken.pdf", fx.random_bytes()), "不是可读取的 PDF", id="bad-pdf"),
    ],
)
def test_bad_file_is_one_chinese_line_and_the_index_is_untouched(
    built_index: Settings, tmp_path: Path, make, words: str
) -> None:
    folder = tmp_path / "upload"
    folder.mkdir()
    path = make(folder)
    before = index_hash(built_index.index_dir)
    code, out, err = run(built_index, "ingest", str(path))
    assert code == 1
    assert err.startswith("错误：") and err.count("\n") == 1 and words in err and path.name in err
    assert "Traceback" not in out + err
    assert index_hash(built_index.index_dir) == before


def test_bad_ids_and_options(built_index: Settings, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(NOTICE, encoding="utf-8")
    before = index_hash(built_index.index_dir)
    for args in (["ingest", str(path), "--id", "Bad Id!"], ["ingest", "--id", "x"],
                 ["ingest", str(built_index.corpus_dir), "--id", "x"]):
        code, _, err = run(built_index, *args)
        assert code == 1 and err.startswith("错误：") and err.count("\n") == 1, (args, err)
    assert index_hash(built_index.index_dir) == before


def test_remove_one_notice(built_index: Settings, tmp_path: Path) -> None:
    path = tmp_path / "extra.txt"
    path.write_text(NOTICE, encoding="utf-8")
    run(built_index, "ingest", str(path))
    chunks_before = len(indexed(built_index).chunks)
    code, out, err = run(built_index, "remove", "extra")
    assert code == 0, err
    assert "已从索引删除：extra" in out and "下次运行" not in out  # not a corpus notice
    index = indexed(built_index)
    assert "extra" not in index.notice_ids and set(index.notice_ids) == CORPUS_IDS
    assert len(index.chunks) < chunks_before and index.dense.collection.count() == len(index.chunks)
    assert all(c.notice_id != "extra" for c in index.chunks)


def test_remove_a_corpus_notice_says_ingest_brings_it_back(built_index: Settings) -> None:
    code, out, _ = run(built_index, "remove", "baotou")
    assert code == 0 and "下次运行 shenbao ingest 会重新加入" in out
    assert "baotou" not in indexed(built_index).notice_ids
    run(built_index, "ingest")
    assert "baotou" in indexed(built_index).notice_ids


def test_remove_unknown_id_is_clear_and_changes_nothing(built_index: Settings) -> None:
    before = index_hash(built_index.index_dir)
    code, _, err = run(built_index, "remove", "no-such-notice")
    assert code == 1 and "no-such-notice" in err and "henan-2020" in err and err.count("\n") == 1
    assert index_hash(built_index.index_dir) == before


def test_remove_before_any_index(settings: Settings) -> None:
    code, _, err = run(settings, "remove", "baotou")
    assert code == 1 and "shenbao ingest" in err


class OtherEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__(dim=64)
        self.spec = "fake-64"


def test_another_embedder_keeps_the_other_notices_and_reembeds_them(built_index: Settings, tmp_path: Path) -> None:
    path = tmp_path / "extra.txt"
    path.write_text(NOTICE, encoding="utf-8")
    summary = ingest([path], built_index, OtherEmbedder())
    index = Index.open(built_index.index_dir, OtherEmbedder())
    assert set(index.notice_ids) == CORPUS_IDS | {"extra"}
    assert summary.embedded == summary.total_chunks == len(index.chunks)  # nothing reused across embedders
    assert index.vectors.shape == (len(index.chunks), 64)
