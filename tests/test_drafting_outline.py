"""Outlines (参考提纲), the mode catalogue and the requirement links, all derived from the corpus text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.citations import citation_is_verbatim
from assistant.corpus import Notice
from assistant.drafting.linkage import DATA_DIR, item_requirements
from assistant.drafting.notice_data import load_drafting
from assistant.drafting.outline import OutlineMissingError, build_outlines
from assistant.errors import ShenbaoError
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
EXPECTED = {
    "henan-2020": {"enterprise", "platform"},
    "shanxi-2021": {"enterprise", "project", "platform", "city"},
    "miit-2023": set(),
    "baotou": set(),
    "henan-basic-modes": set(),
}
ITEM_LINE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|参考附件$)")
BLOCK_END = re.compile(r"^(?:附件\s*\d+|表\s*\d+|.*申报书正文)$")


def outline_blocks(text: str) -> dict[str, list[str]]:
    """An independent reading of the text: form title → the heading lines of its （参考提纲） block."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    blocks: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        if line == "（参考提纲）":
            heads = []
            for nxt in lines[i + 1 :]:
                if BLOCK_END.match(nxt):
                    break
                if ITEM_LINE.match(nxt):
                    heads.append(nxt)
            blocks[lines[i - 1]] = heads
    return blocks


@pytest.mark.parametrize("notice_id", sorted(EXPECTED))
def test_outlines_exist_exactly_where_the_text_has_them(notices: dict[str, Notice], notice_id: str) -> None:
    outlines = build_outlines(notices[notice_id])
    assert set(outlines) == EXPECTED[notice_id]
    assert len(outline_blocks(notices[notice_id].text)) == len(outlines)


@pytest.mark.parametrize("notice_id", ["henan-2020", "shanxi-2021"])
def test_every_heading_is_verbatim_and_in_the_notice_order(notices: dict[str, Notice], notice_id: str) -> None:
    notice = notices[notice_id]
    blocks = outline_blocks(notice.text)
    for category, outline in build_outlines(notice).items():
        assert outline.title in blocks, outline.title
        lines = blocks[outline.title]
        assert len(lines) == len(outline.items), category
        previous = -1
        for item, line in zip(outline.items, lines, strict=True):
            assert notice.text[item.start : item.end] == item.heading  # verbatim at its offsets
            assert line.startswith(item.heading)
            assert item.start > previous
            previous = item.start
            assert item.level == (2 if item.heading.startswith("（") else 1)
            for part in (item.guidance, *item.attachments):
                assert part in notice.text
        # level-2 items sit under the level-1 item before them, numbered from （一） again
        for item in outline.items:
            if item.level == 2:
                assert item.parent is not None and outline.items[[i.id for i in outline.items].index(item.parent)].level == 1


def test_guidance_and_attachments_are_kept(notices: dict[str, Notice]) -> None:
    enterprise = build_outlines(notices["henan-2020"])["enterprise"]
    service = enterprise.item("（二）服务内容")
    assert service is not None and "“服务内容”要求编制" in service.guidance
    assert enterprise.item("（一）申报单位概况").guidance.startswith("成立时间")  # type: ignore[union-attr]
    attachments = enterprise.item("四、附件")
    assert attachments is not None and attachments.kind == "attachments" and len(attachments.attachments) == 4
    assert enterprise.attachments == attachments.attachments
    city = build_outlines(notices["shanxi-2021"])["city"]
    assert city.items[-1].heading == "参考附件" and city.items[-1].attachments


@pytest.mark.parametrize("notice_id", ["miit-2023", "baotou", "henan-basic-modes"])
def test_no_outline_gives_a_clear_error_and_no_invented_outline(notice_id: str) -> None:
    data = load_drafting(CORPUS, notice_id)
    assert data.outlines == {}
    with pytest.raises(OutlineMissingError) as err:
        data.outline("enterprise")
    message = str(err.value)
    assert "提纲不在语料中" in message and "官方" in message and "\n" not in message


def test_missing_outline_names_the_form_the_notice_lists() -> None:
    with pytest.raises(OutlineMissingError, match="服务型制造示范遴选申报书"):
        load_drafting(CORPUS, "miit-2023").outline("platform")
    with pytest.raises(ShenbaoError, match="不受理示范项目"):
        load_drafting(CORPUS, "henan-2020").outline("project")


def test_mode_catalogue_is_derived_from_the_annexes(notices: dict[str, Notice]) -> None:
    henan = load_drafting(CORPUS, "henan-2020")
    basic = load_drafting(CORPUS, "henan-basic-modes")
    shanxi = load_drafting(CORPUS, "shanxi-2021")
    annex = notices["henan-2020"].text.split("一、示范企业基本模式")[1].split("二、示范平台基本条件")[0]
    heads = re.findall(r"^（[一二三四五六七八九十]+）(\S+)$", annex, flags=re.M)
    assert [m.name for m in henan.modes["enterprise"]] == heads and len(heads) == 5
    assert len(basic.modes["enterprise"]) == len(re.findall(r"^[一二三四五六七八九十]+、", notices["henan-basic-modes"].text, re.M))
    assert len(basic.modes["enterprise"]) == 9
    assert {"供应链管理", "综合型方向"} <= {m.name for m in shanxi.modes["enterprise"]}
    assert {m.name for m in shanxi.modes["platform"]} == {"面向行业的专业服务平台", "面向区域的综合服务平台"}
    for data in (henan, basic, shanxi):
        for modes in data.modes.values():
            for mode in modes:
                assert mode.name in data.notice.text
                for req in mode.requirements:
                    assert citation_is_verbatim(data.notice.text, req.citation)
                    assert req.text in data.notice.text


@pytest.mark.parametrize("aspect, heading", [("服务内容", "（二）服务内容"), ("服务能力", "（三）服务能力"),
                                             ("综合效益", "（四）应用成效")])
def test_henan_sections_point_to_the_selected_modes_clause(aspect: str, heading: str) -> None:
    data = load_drafting(CORPUS, "henan-2020")
    outline = data.outline("enterprise")
    item = outline.item(heading)
    assert item is not None
    for mode in data.modes["enterprise"]:
        reqs = [r for r in item_requirements(outline, item, [mode]) if r.mode]
        assert [r.aspect for r in reqs] == [aspect]
        assert reqs[0].mode == mode.name and mode.name in reqs[0].citation.section
        assert reqs[0].citation.quote in data.notice.text
    other = outline.item("（一）信息基础设施、信息安全建设管理情况")
    assert other is not None and item_requirements(outline, other, data.modes["enterprise"]) == []


def test_fixed_requirements_are_cited_verbatim() -> None:
    for notice_id in ("henan-2020", "shanxi-2021"):
        data = load_drafting(CORPUS, notice_id)
        for outline in data.outlines.values():
            for req in outline.requirements:
                assert citation_is_verbatim(data.notice.text, req.citation)


def test_mode_names_resolve_by_alias_or_part_and_unknown_ones_fail() -> None:
    data = load_drafting(CORPUS, "henan-2020")
    assert [m.name for m in data.resolve_modes("enterprise", ["供应链管理"])] == ["供应链协同管理"]  # rules.yaml alias
    assert [m.name for m in data.resolve_modes("enterprise", ["金融"])] == ["生产性金融服务"]
    with pytest.raises(ShenbaoError, match="可选：智能产品生命周期管理"):
        data.resolve_modes("enterprise", ["共享制造"])
    with pytest.raises(ShenbaoError, match="不区分申报模式"):
        load_drafting(CORPUS, "shanxi-2021").resolve_modes("city", ["供应链管理"])


def test_linkage_data_that_drifts_from_the_text_does_not_load(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    original = (DATA_DIR / "henan-2020.yaml").read_text("utf-8")
    (data_dir / "henan-2020.yaml").write_text(original.replace("headings: [（四）行业优势]", "headings: [（四）行业地位]"), "utf-8")
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "henan-2020", corpus / "henan-2020")
    with pytest.raises(ShenbaoError, match="（四）行业地位"):
        load_drafting(corpus, "henan-2020", data_dir)
    (data_dir / "henan-2020.yaml").write_text(original.replace("安全可靠的互联网架构", "安全可靠的网络架构"), "utf-8")
    with pytest.raises(ShenbaoError, match="安全可靠的网络架构"):
        load_drafting(corpus, "henan-2020", data_dir)
