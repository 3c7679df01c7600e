"""Intake: traditional script → simplified, pinyin annotations removed, garbled lines reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import Notice, load_notice
from assistant.intake import PINYIN, TRADITIONAL, describe, prepare
from assistant.intake.garbled import find_garbled, garbled_warnings
from assistant.intake.pinyin import strip_pinyin
from assistant.intake.script import MIN_TRADITIONAL_SHARE, to_simplified

TRADITIONAL_PARAGRAPH = (
    "各省、自治區、直轄市工業和信息化主管部門：為貫徹落實國務院關於發展服務型製造的決策部署，"
    "我部決定開展服務型製造示範遴選工作。申報單位應在中華人民共和國境內註冊，具有獨立法人資格，運營和財務狀況良好。"
)
SIMPLIFIED_PARAGRAPH = (
    "各省、自治区、直辖市工业和信息化主管部门：为贯彻落实国务院关于发展服务型制造的决策部署，"
    "我部决定开展服务型制造示范遴选工作。申报单位应在中华人民共和国境内注册，具有独立法人资格，运营和财务状况良好。"
)


# --- traditional script -------------------------------------------------------------------------


def test_traditional_paragraph_is_converted_and_counted() -> None:
    result = to_simplified(TRADITIONAL_PARAGRAPH)
    assert result.text == SIMPLIFIED_PARAGRAPH
    assert result.converted == sum(a != b for a, b in zip(TRADITIONAL_PARAGRAPH, SIMPLIFIED_PARAGRAPH, strict=True))
    assert result.traditional_share > MIN_TRADITIONAL_SHARE


@pytest.mark.parametrize(
    "text",
    [
        SIMPLIFIED_PARAGRAPH,
        # a simplified notice quoting a title in traditional script stays as it is
        "本通知所称《中國製造2025》相关要求，申报单位应在本省境内注册，具有独立法人资格，运营和财务状况良好。",
        "工信厅政法函〔2022〕67號",  # one stray traditional character in a simplified line
        "Service-oriented manufacturing 2023",
    ],
)
def test_simplified_text_is_never_converted(text: str) -> None:
    result = to_simplified(text)
    assert result.text == text and result.converted == 0


def test_corpus_notices_are_neither_converted_nor_flagged(notices: dict[str, Notice]) -> None:
    for notice in notices.values():
        for report in notice.reports:
            assert TRADITIONAL not in report.normalised and PINYIN not in report.normalised, notice.id
            assert report.warnings == [], (notice.id, report.warnings[:2])


# --- pinyin annotations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "removed"),
    [
        ("工信廳政法函〔2022〕67號(hào)", "工信廳政法函〔2022〕67號", 1),
        ("各省、自治區(qū)、直轄市", "各省、自治區、直轄市", 1),
        ("工業（yè）和信息化部", "工業和信息化部", 1),  # full-width brackets
        ("關(guān)於開(kāi)展", "關於開展", 2),
        ("示范(shì fàn)企业", "示范企业", 1),  # several syllables
        ("公司(ABC)", "公司(ABC)", 0),
        ("（一）示范企业", "（一）示范企业", 0),
        ("自(2021)年", "自(2021)年", 0),
        ("的(de)", "的(de)", 0),  # toneless: not certain to be pinyin, kept
        ("中国(China)", "中国(China)", 0),
        ("(hào)开头", "(hào)开头", 0),  # not after a character
    ],
)
def test_pinyin_annotations_removed_only_when_tone_marked(text: str, expected: str, removed: int) -> None:
    assert strip_pinyin(text) == (expected, removed)


def test_prepare_removes_pinyin_then_converts_and_reports_both() -> None:
    annotated = TRADITIONAL_PARAGRAPH.replace("業", "業(yè)").replace("關", "關(guān)")
    prepared = prepare(annotated)
    assert prepared.text == SIMPLIFIED_PARAGRAPH
    assert prepared.normalised[PINYIN] == annotated.count("(")
    assert prepared.normalised[TRADITIONAL] > 20
    assert describe(prepared.normalised) == [
        f"繁体转简体：{prepared.normalised[TRADITIONAL]} 字",
        f"删除拼音注音：{prepared.normalised[PINYIN]} 处",
    ]
    assert prepared.warnings == []


# --- garbled text -------------------------------------------------------------------------------

CLAUSE = "申报条件：申报单位应在山西省境内注册，具有独立法人资格。"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("申报单位应在\ufffd\ufffd境内注册", "U+FFFD"),
        ("申报单位应在\ue000\ue001境内注册", "私用区"),
        ("(cid:3363)(cid:1041)(cid:3656)", "cid"),
        (CLAUSE.encode("utf-8").decode("latin-1"), "Latin-1"),
        ("Ã©tÃ© rÃ©sumÃ©", "Latin-1"),
        (CLAUSE.encode("utf-8").decode("gbk", errors="ignore"), "GBK"),
        ("锟斤拷锟斤拷锟斤拷", "锟斤拷"),
        ("申报材料 #@$%^&*~|{}<> 报送", "非中文符号"),
    ],
)
def test_garbled_line_is_found_with_its_reason(line: str, reason: str) -> None:
    found = find_garbled(f"一、申报条件\n{line}\n二、申报材料")
    assert [g.line for g in found] == [2]
    assert reason in found[0].reason
    assert found[0].message().startswith("疑似乱码：第 2 行")


@pytest.mark.parametrize(
    "line",
    [
        CLAUSE,
        "姓名：________ 电话：………… ——————",
        "□是 □否 ☑ ①②③ ┌──┬──┐",
        "网址：https://selection.csoma.org.cn/login?a=1&b=2",
        "| 序号 | 名称 |",
        "|---|---|",
        "注：“|”表示或者，*为必填项。",
        "中華人民共和國境內註冊",  # traditional characters are not garbled
        "联系人：王喆 电话：0351-1234567 邮箱：sxgxt@163.com",
    ],
)
def test_ordinary_lines_are_not_flagged(line: str) -> None:
    assert find_garbled(line) == []


def test_many_garbled_lines_are_summarised() -> None:
    text = "\n".join(["正文\ufffd"] * 15)
    warnings = garbled_warnings(text, limit=10)
    assert len(warnings) == 11 and warnings[-1] == "疑似乱码：另有 5 行"


def test_garbled_text_is_reported_and_left_as_it_is(tmp_path: Path) -> None:
    # UTF-8 shown as cp1252 (no-break spaces dropped: the cleaner normalises those, as for any text)
    mojibake = CLAUSE.encode("utf-8").decode("cp1252", errors="ignore").replace("\xa0", "")
    replaced = "二、申报材料：申报书一式两份\ufffd\ufffd\ufffd报送至工信厅。"
    path = tmp_path / "garbled.txt"
    path.write_text(f"关于开展服务型制造示范遴选的通知\n\n一、申报条件\n\n{mojibake}\n\n{replaced}\n", encoding="utf-8")
    notice = load_notice("garbled", tmp_path, [path])
    assert replaced in notice.text and mojibake in notice.text  # never repaired
    warnings = notice.reports[0].warnings
    assert len(warnings) == 2
    assert warnings[0].startswith("疑似乱码：第 5 行") and warnings[1].startswith("疑似乱码：第 7 行")
