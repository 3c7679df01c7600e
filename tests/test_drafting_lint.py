"""`lint-draft`: a conforming draft passes with no findings; each kind of defect planted in a copy is
found, says where it is and how to fix it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from test_drafting_samples import HENAN_CONFORMING, HENAN_FACTS, SHANXI_CONFORMING, SHANXI_FACTS

from assistant.citations import citation_is_verbatim
from assistant.drafting import Drafter
from assistant.drafting.notice_data import load_drafting
from assistant.embeddings import FakeEmbedder
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="module")
def drafter() -> Drafter:
    return Drafter(CORPUS, embedder=FakeEmbedder())


def plant(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def lint(drafter: Drafter, text: str, facts: Any = HENAN_FACTS, **kw: Any) -> Any:
    return drafter.lint(text, kw.pop("notice_id", "henan-2020"), kw.pop("category", "enterprise"), facts=facts, **kw)


def kinds(report: Any) -> list[str]:
    return [f.kind for f in report.findings]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_conforming_drafts_have_no_findings(drafter: Drafter) -> None:
    report = lint(drafter, HENAN_CONFORMING)
    assert report.findings == [] and report.ok
    assert report.modes == ["供应链协同管理"] and report.modes_source == "facts"
    assert report.sections_found == [i.heading for i in drafter.outline("henan-2020", "enterprise").items]
    shanxi = lint(drafter, SHANXI_CONFORMING, SHANXI_FACTS, notice_id="shanxi-2021")
    assert shanxi.findings == [] and shanxi.ok


def test_conforming_docx_has_no_findings(drafter: Drafter, tmp_path: Path) -> None:
    document = docx.Document()
    for line in HENAN_CONFORMING.splitlines():
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            document.add_heading(line.lstrip("# "), level=min(level, 3) - 1 if level > 1 else 0)
        elif line.strip():
            document.add_paragraph(line)
    path = tmp_path / "draft.docx"
    document.save(str(path))
    report = drafter.lint_file(path, "henan-2020", "enterprise", facts=HENAN_FACTS)
    assert report.findings == [] and report.file == str(path)


def test_body_on_the_heading_line_counts(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "### （三）技术水平\n\n公司建有", "（三）技术水平：公司建有")
    assert lint(drafter, text).findings == []


def test_missing_section(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "### （三）技术水平\n\n公司建有省级技术中心，累计获得发明专利12项，参与制定行业标准2项，持续推进破碎设备的技术创新和知识产权运用。\n", "")
    report = lint(drafter, text)
    assert kinds(report) == ["missing_section"] and not report.ok
    finding = report.findings[0]
    assert finding.section == "（三）技术水平" and "（二）产品情况" in finding.fix and finding.severity == "error"


def test_sections_out_of_order(drafter: Drafter) -> None:
    start, middle, end = "### （二）服务内容", "### （三）服务能力", "### （四）应用成效"
    a, rest = HENAN_CONFORMING.split(start)
    content, rest = rest.split(middle)
    capability, rest = rest.split(end)
    text = a + middle + capability + start + content + end + rest
    report = lint(drafter, text)
    assert kinds(report) == ["out_of_order"]
    finding = report.findings[0]
    assert finding.section in ("（二）服务内容", "（三）服务能力") and finding.line == line_of(text, finding.section)
    assert "之后" in finding.fix


def test_wrong_numbering_and_changed_heading(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "### （四）应用成效", "### （六）应用成效")
    report = lint(drafter, text)
    assert kinds(report) == ["wrong_numbering"]
    assert report.findings[0].fix == "改为「（四）应用成效」" and report.findings[0].line == line_of(text, "（六）应用成效")
    changed = lint(drafter, plant(HENAN_CONFORMING, "### （二）产品情况", "### （二）产品与市场情况"))
    assert kinds(changed) == ["heading_mismatch"] and changed.ok  # a warning: the content is still there


def test_extra_section_is_a_warning(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "## 三、下一步设想", "### （六）其他情况\n\n公司积极履行社会责任。\n\n## 三、下一步设想")
    report = lint(drafter, text)
    assert kinds(report) == ["extra_section"] and report.ok


def test_empty_section(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "公司将继续完善供应链协同平台，扩大集中采购和库存协同的覆盖面，关键举措包括平台功能升级和服务团队建设，预期进一步提升经济社会效益。\n", "")
    report = lint(drafter, text)
    assert kinds(report) == ["empty_section"]
    assert report.findings[0].section == "三、下一步设想" and report.findings[0].fix.startswith("按说明补写")


def test_leftover_marker_and_scaffold_note(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "财务状况良好。", "财务状况良好。【待补充：资本性质】")
    text = plant(text, "### （二）服务内容\n", "### （二）服务内容\n\n【对照要求】[3] 供应链协同管理·服务内容：运用网络协同平台\n")
    report = lint(drafter, text)
    assert sorted(kinds(report)) == ["placeholder", "scaffold_note"]
    by_kind = {f.kind: f for f in report.findings}
    assert by_kind["placeholder"].line == line_of(text, "【待补充：资本性质】")
    assert by_kind["placeholder"].section == "（一）申报单位概况"
    assert by_kind["scaffold_note"].section == "（二）服务内容"


def test_unaddressed_mode_requirement_is_cited(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "公司运用供应链协同平台，对上游供应商实施集中采购和供应商管理库存，推行精益供应链模式，为客户提供订单管理、物料配送、仓储库存等供应链服务。",
                 "公司重视人才培养，每年组织员工参加技能培训。")
    report = lint(drafter, text)
    assert kinds(report) == ["requirement_unaddressed"]
    finding = report.findings[0]
    assert finding.section == "（二）服务内容" and finding.citation is not None
    notice = load_drafting(CORPUS, "henan-2020").notice
    assert citation_is_verbatim(notice.text, finding.citation) and "供应链协同管理" in finding.citation.section
    assert "集中采购" in finding.fix


def test_requirements_follow_the_selected_mode(drafter: Drafter) -> None:
    report = lint(drafter, HENAN_CONFORMING, modes=["生产性金融服务"])
    unaddressed = [f for f in report.findings if f.kind == "requirement_unaddressed"]
    assert {f.section for f in unaddressed} == {"（二）服务内容", "（三）服务能力", "（四）应用成效"}
    assert all("生产性金融服务" in (f.citation.section if f.citation else "") for f in unaddressed)
    assert report.modes_source == "given"


def test_figures_inconsistent_with_the_facts(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "服务收入占营业收入的18%。\n", "服务收入占营业收入的25%。\n")
    report = lint(drafter, text)
    assert kinds(report) == ["figure_mismatch"]
    assert report.findings[0].line == line_of(text, "25%") and "18%" in report.findings[0].fix
    revenue = lint(drafter, plant(HENAN_CONFORMING, "实现营业收入52000万元", "实现营业收入62000万元"))
    assert kinds(revenue) == ["figure_mismatch"] and "52000万元" in revenue.findings[0].fix
    founded = lint(drafter, plant(HENAN_CONFORMING, "成立于2012年5月18日", "成立于2013年5月18日"))
    assert kinds(founded) == ["figure_mismatch"] and "2012年5月18日" in founded.findings[0].fix
    # Without facts, the share is checked against the draft's own revenue figures.
    alone = lint(drafter, text, facts=None, modes=["供应链协同管理"])
    assert kinds(alone) == ["figure_mismatch"] and "正文所写" in alone.findings[0].message


def test_attachment_left_out(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "4、企业近两年有关服务型制造项目合同、投入及服务型制造成果等复印件\n", "")
    report = lint(drafter, text)
    assert kinds(report) == ["attachment_missing"] and report.ok
    assert "服务型制造项目合同" in report.findings[0].fix and report.findings[0].section == "四、附件"


def test_modes_unknown_and_detected(drafter: Drafter) -> None:
    facts = {k: v for k, v in HENAN_FACTS.items() if k != "modes"}
    report = lint(drafter, HENAN_CONFORMING, facts)
    assert kinds(report) == ["modes_unknown"] and report.modes_source == "none" and report.ok
    named = plant(HENAN_CONFORMING, "### （二）服务内容\n\n", "### （二）服务内容\n\n本公司申报供应链协同管理模式。")
    detected = lint(drafter, named, facts)
    assert detected.modes == ["供应链协同管理"] and detected.modes_source == "detected" and detected.findings == []


def test_every_finding_says_where_and_how(drafter: Drafter) -> None:
    text = plant(HENAN_CONFORMING, "### （三）技术水平", "### （六）技术水平")
    text = plant(text, "服务收入占营业收入的18%。\n", "服务收入占营业收入的20%。【待补充：数据来源】\n")
    report = lint(drafter, text, modes=["总集成总承包服务"])
    assert len(set(kinds(report))) >= 4
    for finding in report.findings:
        assert finding.fix and finding.message
        assert finding.section is not None or finding.kind in ("modes_unknown",)
