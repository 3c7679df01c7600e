"""Word export with python-docx, following the notice's own format rules where it states them.

Format rules are read from the cleaned notice text: shanxi-2021 says "申报书正文字体为小四号仿宋体，
单倍行距。一级标题小四号黑体，二级标题小四号楷体。", giving body 仿宋 12 pt single-spaced, level-1
headings 黑体 12 pt, level-2 headings 楷体 12 pt (the title, not stated, takes the level-1 font and size).

A notice that states no rule gets a 公文 default (GB/T 9704 conventions): title 方正小标宋简体 二号
(22 pt), body 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt line spacing, level-1 headings 黑体 三号,
level-2 headings 楷体_GB2312 三号, first lines indented two characters, A4 with 37/35/28/26 mm margins.
East Asian fonts are written as w:eastAsia in every run's rFonts (and in the styles), sizes in points;
【待补充：…】 markers are highlighted yellow.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..corpus import Notice
from .document import section_notes
from .models import Draft

SIZES_PT: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5,
}
FONT_NAMES = {"仿宋体": "仿宋", "宋体": "宋体", "黑体": "黑体", "楷体": "楷体", "楷体_GB2312": "楷体_GB2312"}
SIZE = r"(初号|小初|小?[一二三四五六]号)"
FONT = r"([\u4e00-\u9fff_A-Za-z0-9]{1,12}?体)"
BODY_RULE = re.compile(rf"正文(?:字体)?为?{SIZE}{FONT}")
H1_RULE = re.compile(rf"一级标题(?:字体)?为?{SIZE}{FONT}")
H2_RULE = re.compile(rf"二级标题(?:字体)?为?{SIZE}{FONT}")
MARKER = re.compile(r"(【待补充[^】]*】)")


class DocxFormat(BaseModel):
    body_font: str
    body_pt: float
    h1_font: str
    h1_pt: float
    h2_font: str
    h2_pt: float
    title_font: str
    title_pt: float
    line_spacing: str  # "single" or "exact:<pt>"
    source: str  # "notice" (with the rule quoted in `basis`) or "default"
    basis: str | None = None


DEFAULT_FORMAT = DocxFormat(
    body_font="仿宋_GB2312", body_pt=16, h1_font="黑体", h1_pt=16, h2_font="楷体_GB2312", h2_pt=16,
    title_font="方正小标宋简体", title_pt=22, line_spacing="exact:28", source="default",
)


def _size(name: str) -> float:
    return SIZES_PT[name.removesuffix("号") if name.endswith("号") and name not in SIZES_PT else name]


def format_for(notice: Notice) -> DocxFormat:
    """The notice's stated format for the declaration body, else the 公文 default."""
    text = notice.text
    body, h1, h2 = BODY_RULE.search(text), H1_RULE.search(text), H2_RULE.search(text)
    if not (body and h1 and h2):
        return DEFAULT_FORMAT
    start = min(m.start() for m in (body, h1, h2))
    end = max(m.end() for m in (body, h1, h2))
    basis = text[start:end]
    tail = text[body.end() : body.end() + 12]
    spacing = "single" if "单倍行距" in tail else DEFAULT_FORMAT.line_spacing

    def font(match: re.Match[str]) -> str:
        return FONT_NAMES.get(match.group(2), match.group(2))

    return DocxFormat(
        body_font=font(body), body_pt=_size(body.group(1)), h1_font=font(h1), h1_pt=_size(h1.group(1)),
        h2_font=font(h2), h2_pt=_size(h2.group(1)), title_font=font(h1), title_pt=_size(h1.group(1)),
        line_spacing=spacing, source="notice", basis=basis,
    )


def _fonts(element: Any, font: str) -> None:
    """Set ascii/hAnsi/eastAsia fonts on a run or style rPr, dropping theme fonts that would win."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _style(doc: Any, name: str, font: str, pt: float, bold: bool = False) -> None:
    from docx.shared import Pt, RGBColor

    style = doc.styles[name]
    style.font.size = Pt(pt)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element, font)


def _spacing(paragraph: Any, fmt: DocxFormat) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    pf = paragraph.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if fmt.line_spacing == "single":
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(float(fmt.line_spacing.split(":")[1]))


def _run(paragraph: Any, text: str, font: str, pt: float, bold: bool = False, mark: bool = False) -> None:
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(pt)
    run.font.bold = bold
    _fonts(run._r, font)
    if mark:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def build_docx(draft: Draft, fmt: DocxFormat, notes: bool = True) -> Any:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = docx.Document()
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    _style(doc, "Normal", fmt.body_font, fmt.body_pt)
    _style(doc, "Heading 1", fmt.h1_font, fmt.h1_pt)
    _style(doc, "Heading 2", fmt.h2_font, fmt.h2_pt)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(title, fmt)
    _run(title, draft.title, fmt.title_font, fmt.title_pt)
    for section in draft.sections:
        font, pt = (fmt.h1_font, fmt.h1_pt) if section.level == 1 else (fmt.h2_font, fmt.h2_pt)
        heading = doc.add_paragraph(style="Heading 1" if section.level == 1 else "Heading 2")
        _spacing(heading, fmt)
        _run(heading, section.heading, font, pt)
        lines = (section_notes(section) if notes else []) + [x for x in section.text.split("\n") if x.strip()]
        for line in lines:
            para = doc.add_paragraph(style="Normal")
            _spacing(para, fmt)
            para.paragraph_format.first_line_indent = Pt(fmt.body_pt * 2)
            for part in MARKER.split(line):
                if part:
                    _run(para, part, fmt.body_font, fmt.body_pt, mark=part.startswith("【待补充"))
    return doc


def draft_docx_bytes(draft: Draft, fmt: DocxFormat, notes: bool = True) -> bytes:
    buffer = io.BytesIO()
    build_docx(draft, fmt, notes).save(buffer)
    return buffer.getvalue()


def write_docx(draft: Draft, fmt: DocxFormat, path: Path | str, notes: bool = True) -> Path:
    path = Path(path)
    path.write_bytes(draft_docx_bytes(draft, fmt, notes))
    return path
