"""A city notice that carries the provincial notice it forwards becomes two linked notices, each with
its own metadata, deadlines and clauses; a notice that only mentions a higher one stays whole. Texts
written for the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.cleaning import clean_text
from assistant.embeddings import FakeEmbedder
from assistant.forwarding import forwarded_start
from assistant.ingest import ingest
from assistant.services import Services
from assistant.settings import Settings

CITY = (
    "关于转发省工信厅开展2024年省级服务型制造示范遴选工作的通知\n\n各县（市、区）工信局：\n\n"
    "现将省工信厅《关于开展2024年省级服务型制造示范遴选工作的通知》（某工信服务〔2024〕88号）转发给你们，"
    "请于2024年6月10日前将申报材料报送市工信局。\n\n联系人：王五，电话：0595-22222222\n\n"
    "泉州市工业和信息化局\n2024年5月20日\n\n附件1\n\n"
)
PROVINCE = (
    "关于开展2024年省级服务型制造示范遴选工作的通知\n\n某工信服务〔2024〕88号\n\n各设区市工业和信息化局：\n\n"
    "一、申报条件\n\n（一）申报主体应在福建省内注册，服务收入占营业收入比重达30%以上。\n\n"
    "二、工作要求\n\n请各设区市于2024年6月30日前将推荐材料报送省工信厅。\n\n"
    "福建省工业和信息化厅\n2024年5月8日\n"
)


def test_the_forwarded_notice_starts_at_its_own_title() -> None:
    text = clean_text(CITY + PROVINCE).text
    start = forwarded_start(text, "关于转发省工信厅开展2024年省级服务型制造示范遴选工作的通知")
    assert start is not None and text[start:].startswith("附件1")
    # only a mention of the higher notice: nothing to split
    assert forwarded_start(clean_text(CITY.replace("附件1\n\n", "")).text, None) is None


def test_ingest_keeps_both_levels_linked(tmp_path: Path) -> None:
    folder = tmp_path / "corpus" / "quanzhou-2024"
    folder.mkdir(parents=True)
    (folder / "notice.txt").write_text(CITY + PROVINCE, encoding="utf-8")
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", embedder="fake",
                        chroma_url=None, today=date(2024, 5, 25))
    summary = ingest([tmp_path / "corpus"], settings, FakeEmbedder())
    assert sorted(n.id for n in summary.notices) == ["quanzhou-2024", "quanzhou-2024-forwarded"]
    index = Services(settings, FakeEmbedder()).index
    city, province = index.notice("quanzhou-2024"), index.notice("quanzhou-2024-forwarded")
    assert city.meta.parent == "quanzhou-2024-forwarded" and city.meta.level == "municipal"
    assert [d.date for d in city.meta.deadlines] == [date(2024, 6, 10)]
    assert province.meta.level == "provincial" and province.meta.region == "福建省"
    assert province.meta.doc_no == "某工信服务〔2024〕88号"
    assert [(d.date, d.level) for d in province.meta.deadlines] == [(date(2024, 6, 30), "provincial")]
    assert "30%以上" in province.text and "30%以上" not in city.text
