"""Notice metadata: what the extractor reads from the real corpus alone, and how notice.yaml overrides it."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from assistant.cleaning import clean_text
from assistant.contacts import split_names
from assistant.errors import ShenbaoError
from assistant.loaders import load_file
from assistant.metadata import (
    NoticeMeta,
    extract_metadata,
    find_deadlines,
    find_doc_no,
    load_notice_meta,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
IDS = ["henan-2020", "shanxi-2021", "henan-basic-modes", "miit-2023", "baotou"]


@cache
def cleaned(notice_id: str) -> str:
    return clean_text(load_file(CORPUS / notice_id / "notice.txt")).text


@cache
def extracted(notice_id: str) -> NoticeMeta:
    return extract_metadata(notice_id, cleaned(notice_id))


# What the extractor must find from the text alone (no notice.yaml involved).
EXPECTED: dict[str, dict[str, object]] = {
    "henan-2020": {
        "title": "河南省工业和信息化厅办公室关于开展2020年河南省服务型制造示范遴选工作的通知",
        "issuer": "河南省工业和信息化厅办公室",
        "doc_no": "豫工信办产融〔2020〕202号",
        "issued_on": date(2020, 10, 29),
        "deadlines": [date(2020, 11, 25)],
        "level": "provincial",
        "region": "河南省",
        "categories": {"enterprise", "platform"},
        "status": "closed",
    },
    "shanxi-2021": {
        "title": "山西省工业和信息化厅关于开展2021年度省级服务型制造示范培育遴选工作的通知",
        "issuer": "山西省工业和信息化厅",
        "doc_no": None,
        "issued_on": date(2021, 10, 27),
        "deadlines": [date(2021, 11, 20)],
        "level": "provincial",
        "region": "山西省",
        "categories": {"enterprise", "platform", "project", "city"},
        "status": "closed",
    },
    "henan-basic-modes": {
        "title": "河南省服务型制造示范遴选基本模式",
        "issuer": None,
        "doc_no": None,
        "issued_on": None,
        "deadlines": [],
        "level": "provincial",
        "region": "河南省",
        "categories": {"enterprise"},
        "status": "reference",
    },
    "miit-2023": {
        "title": "工业和信息化部办公厅关于开展2023年服务型制造示范遴选和评估评价工作的通知",
        "issuer": "工业和信息化部办公厅",
        "doc_no": "工信厅政法函〔2023〕42号",
        "issued_on": date(2023, 3, 2),
        "deadlines": [date(2023, 3, 20), date(2023, 5, 31), date(2023, 5, 31)],
        "level": "national",
        "region": "全国",
        "categories": {"enterprise", "platform", "city"},
        "status": "closed",
    },
    "baotou": {
        "title": "包头市级服务型制造示范企业认定管理办法（试行）",
        "issuer": "包头市工业和信息化局",
        "doc_no": None,
        "issued_on": None,
        "deadlines": [],
        "level": "municipal",
        "region": "内蒙古自治区包头市",
        "categories": {"enterprise"},
        "status": "standing",
    },
}

# (name, phone, email, role) per contact, in the order the notice lists them.
EXPECTED_CONTACTS: dict[str, list[tuple[str | None, ...]]] = {
    "henan-2020": [
        ("李百胜", "0371-65507698", "hnsznzz@126.com", None),
        ("郭玉彬", "0371-65507698", "hnsznzz@126.com", None),
    ],
    "shanxi-2021": [("胡峻", "0351-2022229 / 15635390920", "sxcyzc@126.com", None)],
    "henan-basic-modes": [],
    "miit-2023": [
        ("李敏", "010-68205191", "lim@miit.gov.cn", None),
        ("朱丹", "010-58113937", None, "申报网站联系人"),
    ],
    "baotou": [],
}


@pytest.mark.parametrize("notice_id", IDS)
def test_extractor_alone_reads_the_notice(notice_id: str) -> None:
    meta = extracted(notice_id)
    want = EXPECTED[notice_id]
    assert meta.id == notice_id
    assert meta.title == want["title"]
    assert meta.issuer == want["issuer"]
    assert meta.doc_no == want["doc_no"]
    assert meta.issued_on == want["issued_on"]
    assert [d.date for d in meta.deadlines] == want["deadlines"]
    assert (meta.level, meta.region) == (want["level"], want["region"])
    assert set(meta.categories) == want["categories"]
    assert meta.status == want["status"]


@pytest.mark.parametrize("notice_id", IDS)
def test_extractor_alone_reads_contacts(notice_id: str) -> None:
    got = [(c.name, c.phone, c.email, c.role) for c in extracted(notice_id).contacts]
    assert got == EXPECTED_CONTACTS[notice_id]


def test_deadline_descriptions_come_from_the_sentence() -> None:
    henan = extracted("henan-2020").deadlines[0].what
    assert "推荐文件" in henan and "汇总表" in henan
    shanxi = extracted("shanxi-2021").deadlines[0].what
    assert "申报汇总表" in shanxi and "申报书" in shanxi
    miit = {d.what for d in extracted("miit-2023").deadlines}
    assert any("联系人" in w for w in miit)
    assert any("申报汇总表" in w for w in miit)
    assert any("评估评价材料" in w for w in miit)


def test_deadline_without_year_rolls_over_to_the_next_year() -> None:
    text = "一、要求\n\n请于1月10日前报送申报材料；于12月31日前报送汇总表。\n\n某某厅\n\n2020年12月20日\n"
    got = find_deadlines(text, date(2020, 12, 20), None)
    assert [d.date for d in got] == [date(2020, 12, 31), date(2021, 1, 10)]
    assert got[1].what == "报送申报材料"


def test_cited_document_numbers_are_not_the_notices_own() -> None:
    henan = cleaned("henan-2020")
    assert "豫办〔2020〕7号" in henan and "豫工信产融〔2016〕279号" in henan
    assert extracted("henan-2020").doc_no == "豫工信办产融〔2020〕202号"
    # shanxi and baotou cite other documents' numbers but print none of their own.
    assert "工信部联政法〔2020〕101号" in cleaned("shanxi-2021")
    assert extracted("shanxi-2021").doc_no is None
    assert "内工信消工字〔2019〕235号" in cleaned("baotou")
    assert extracted("baotou").doc_no is None
    assert "工信部联政法〔2020〕101号" in cleaned("miit-2023")
    assert extracted("miit-2023").doc_no == "工信厅政法函〔2023〕42号"


def test_doc_no_found_on_its_own_line_without_the_web_label() -> None:
    text = "\n".join(line for line in cleaned("miit-2023").split("\n") if not line.startswith("发文字号"))
    assert find_doc_no(text) == "工信厅政法函〔2023〕42号"
    body_only = "关于某事的通知\n\n各单位：\n\n根据《指导意见》\n（工信部联政法〔2020〕101号）\n要求。"
    assert find_doc_no(body_only) is None


def test_glued_contact_names_are_split() -> None:
    assert split_names("李百胜郭玉彬") == ["李百胜", "郭玉彬"]
    assert split_names("胡峻") == ["胡峻"]
    assert split_names("李敏、朱丹") == ["李敏", "朱丹"]


def test_yaml_overlay_wins_field_by_field(tmp_path: Path) -> None:
    folder = tmp_path / "henan-2020"
    folder.mkdir()
    (folder / "notice.yaml").write_text(
        "issuer: 河南省工业和信息化厅\nstatus: archived\ndeadlines:\n  - {date: 2020-11-30, what: 延期}\n",
        encoding="utf-8",
    )
    meta = load_notice_meta(folder, cleaned("henan-2020"))
    assert meta.issuer == "河南省工业和信息化厅"
    assert meta.status == "archived"
    assert [(d.date, d.what) for d in meta.deadlines] == [(date(2020, 11, 30), "延期")]
    # fields the yaml does not name keep the extracted values
    assert meta.doc_no == "豫工信办产融〔2020〕202号"
    assert meta.issued_on == date(2020, 10, 29)


def test_yaml_null_clears_an_extracted_value(tmp_path: Path) -> None:
    folder = tmp_path / "miit-2023"
    folder.mkdir()
    (folder / "notice.yaml").write_text("doc_no: null\n", encoding="utf-8")
    assert load_notice_meta(folder, cleaned("miit-2023")).doc_no is None


def test_missing_yaml_gives_the_extracted_values(tmp_path: Path) -> None:
    folder = tmp_path / "baotou"
    folder.mkdir()
    assert load_notice_meta(folder, cleaned("baotou")) == extracted("baotou")


@pytest.mark.parametrize("notice_id", IDS)
def test_corpus_yaml_is_valid_and_hand_checked(notice_id: str) -> None:
    meta = load_notice_meta(CORPUS / notice_id, cleaned(notice_id))
    assert meta.id == notice_id
    assert meta.issuer and meta.level and meta.region
    for deadline in meta.deadlines:
        assert meta.issued_on is not None and deadline.date > meta.issued_on


def test_corpus_yaml_supplies_what_the_text_lacks() -> None:
    meta = load_notice_meta(CORPUS / "henan-basic-modes", cleaned("henan-basic-modes"))
    assert extracted("henan-basic-modes").issuer is None
    assert meta.issuer == "河南省工业和信息化厅"
    assert meta.notes and "推断" in meta.notes


@pytest.mark.parametrize(
    "content",
    [
        "title: [unclosed\n",
        "- just\n- a list\n",
        "level: county\n",
        "issued_on: not-a-date\n",
        "deadline: 2020-11-25\n",
        "id: some-other-notice\n",
        "deadlines:\n  - what: 缺日期\n",
    ],
    ids=["syntax", "not-mapping", "bad-level", "bad-date", "unknown-key", "wrong-id", "deadline-no-date"],
)
def test_malformed_yaml_is_one_clear_error(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "henan-2020"
    folder.mkdir()
    path = folder / "notice.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ShenbaoError) as info:
        load_notice_meta(folder, cleaned("henan-2020"))
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message
