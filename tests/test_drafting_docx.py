"""Word export: headings in the notice's order; shanxi-2021's stated fonts and sizes; the 公文 default
elsewhere. The .docx is opened again and its runs' East Asian fonts (w:eastAsia) and sizes checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from test_drafting_samples import HENAN_FACTS, SHANXI_FACTS

from assistant.drafting import Drafter, format_for
from assistant.drafting.notice_data import load_drafting
from assistant.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"
# 小四号 = 12 pt, 三号 = 16 pt, 二号 = 22 pt (the Chinese type sizes).
SHANXI = {"body": ("仿宋", 12), "h1": ("黑体", 12), "h2": ("楷体", 12)}
DEFAULT = {"body": ("仿宋_GB2312", 16), "h1": ("黑体", 16), "h2": ("楷体_GB2312", 16), "title": ("方正小标宋简体", 22)}


@pytest.fixture(scope="module")
def drafter() -> Drafter:
    return Drafter(CORPUS)


def east_asian(run: Any) -> str | None:
    rfonts = run._r.rPr.find(qn("w:rFonts"))
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def runs_of(paragraph: Any) -> list[tuple[str | None, float]]:
    return [(east_asian(r), r.font.size.pt) for r in paragraph.runs if r.text]


def write(drafter: Drafter, tmp_path: Path, notice_id: str, category: str, **kw: Any) -> tuple[Any, Any]:
    draft = drafter.draft(notice_id, category, **kw)
    path = drafter.write_docx(draft, tmp_path / f"{notice_id}-{category}.docx")
    return draft, docx.Document(str(path))


def headings(document: Any) -> list[tuple[int, str]]:
    return [(int(p.style.name[-1]), p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_shanxi_format_is_read_from_the_notice() -> None:
    notice = load_drafting(CORPUS, "shanxi-2021").notice
    fmt = format_for(notice)
    assert fmt.source == "notice" and fmt.basis is not None and fmt.basis in notice.text
    assert (fmt.body_font, fmt.body_pt, fmt.h1_font, fmt.h1_pt, fmt.h2_font, fmt.h2_pt) == (
        *SHANXI["body"], *SHANXI["h1"], *SHANXI["h2"])
    assert fmt.line_spacing == "single"
    assert format_for(load_drafting(CORPUS, "henan-2020").notice).source == "default"


@pytest.mark.parametrize("category", ["enterprise", "project", "platform", "city"])
def test_shanxi_docx_follows_the_stated_rules(drafter: Drafter, tmp_path: Path, category: str) -> None:
    facts = SHANXI_FACTS if category == "enterprise" else None
    draft, document = write(drafter, tmp_path, "shanxi-2021", category, facts=facts)
    assert headings(document) == [(s.level, s.heading) for s in draft.sections]
    assert document.paragraphs[0].text == draft.title
    body_seen = 0
    for index, paragraph in enumerate(document.paragraphs):
        style = paragraph.style.name
        key = "h1" if style == "Heading 1" or index == 0 else "h2" if style == "Heading 2" else "body"
        for font, size in runs_of(paragraph):
            assert (font, size) == SHANXI[key], (paragraph.text, font, size)
        assert paragraph.paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE
        body_seen += key == "body"
    assert body_seen > len(draft.sections)
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋" and document.styles["Normal"].font.size == Pt(12)


def test_henan_docx_uses_the_gongwen_default(drafter: Drafter, tmp_path: Path) -> None:
    draft, document = write(drafter, tmp_path, "henan-2020", "enterprise", facts=HENAN_FACTS)
    assert headings(document) == [(s.level, s.heading) for s in draft.sections]
    assert [h for _, h in headings(document)] == [i.heading for i in drafter.outline("henan-2020", "enterprise").items]
    assert runs_of(document.paragraphs[0]) == [DEFAULT["title"]]
    for paragraph in document.paragraphs[1:]:
        key = {"Heading 1": "h1", "Heading 2": "h2"}.get(paragraph.style.name, "body")
        assert set(runs_of(paragraph)) <= {DEFAULT[key]}, paragraph.text
        assert paragraph.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert paragraph.paragraph_format.line_spacing == Pt(28)
    for level in (1, 2):
        style = document.styles[f"Heading {level}"]
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsiaTheme")) is None  # theme fonts would override the stated ones
        assert rfonts.get(qn("w:eastAsia")) == DEFAULT[f"h{level}"][0]


def test_markers_are_highlighted_and_notes_optional(drafter: Drafter, tmp_path: Path) -> None:
    draft = drafter.draft("henan-2020", "platform")
    with_notes = docx.Document(str(drafter.write_docx(draft, tmp_path / "a.docx")))
    marked = [r for p in with_notes.paragraphs for r in p.runs if r.text.startswith("【待补充")]
    assert marked and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in marked)
    assert any(p.text.startswith("【编写提示】") for p in with_notes.paragraphs)
    bare = docx.Document(str(drafter.write_docx(draft, tmp_path / "b.docx", notes=False)))
    assert not any(p.text.startswith(("【编写提示】", "【对照要求】")) for p in bare.paragraphs)
    assert headings(bare) == headings(with_notes)


@pytest.mark.parametrize("notice_id, category", [("henan-2020", "enterprise"), ("henan-2020", "platform"),
                                                 ("shanxi-2021", "enterprise"), ("shanxi-2021", "project"),
                                                 ("shanxi-2021", "platform"), ("shanxi-2021", "city")])
def test_exported_docx_reads_back_with_every_heading(drafter: Drafter, tmp_path: Path, notice_id: str,
                                                     category: str) -> None:
    draft = drafter.draft(notice_id, category)
    path = drafter.write_docx(draft, tmp_path / "draft.docx")
    report = drafter.lint_file(path, notice_id, category)
    assert report.sections_found == [s.heading for s in draft.sections]
    kinds = {f.kind for f in report.findings}
    assert not kinds & {"missing_section", "out_of_order", "wrong_numbering", "heading_mismatch", "extra_section"}
    assert "placeholder" in kinds and "scaffold_note" in kinds  # a scaffold is not a finished draft
