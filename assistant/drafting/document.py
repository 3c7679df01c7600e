"""Drafts as text: Markdown out, and .md/.txt/.docx drafts read back in as numbered lines for linting.

In Markdown (and in Word), the scaffold's working notes are lines of their own that start with
【编写提示】 (the notice's guidance) or 【对照要求】 (a requirement to answer, with its citation);
the applicant deletes them when the section is written, and `lint-draft` reports any left behind.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ShenbaoError
from .models import Draft, DraftSection, Requirement

GUIDANCE_NOTE = "【编写提示】"
REQUIREMENT_NOTE = "【对照要求】"
NOTE_PREFIXES = (GUIDANCE_NOTE, REQUIREMENT_NOTE)
MD_HEADING = re.compile(r"^#{1,6}\s*")


def requirement_note(req: Requirement) -> str:
    c = req.citation
    where = f"《{c.title}》{c.doc_no or ''} {c.section}"
    head = f"{req.label}：" if req.mode else ""
    return f"{REQUIREMENT_NOTE}[{c.n}] {head}{' '.join(req.text.split())}（{where}）"


def section_notes(section: DraftSection) -> list[str]:
    notes = []
    if section.guidance and section.kind == "section":
        notes.append(GUIDANCE_NOTE + " ".join(section.guidance.split()))
    notes += [requirement_note(r) for r in section.requirements]
    return notes


def draft_to_markdown(draft: Draft, notes: bool = True) -> str:
    """The draft as Markdown: # title, ## 一级标题, ### 二级标题, then notes (optional) and text."""
    out = [f"# {draft.title}", ""]
    for section in draft.sections:
        out += ["#" * (section.level + 1) + " " + section.heading, ""]
        body = (section_notes(section) if notes else []) + [ln for ln in section.text.split("\n") if ln.strip()]
        for line in body:
            out += [line, ""]
    return "\n".join(out).rstrip() + "\n"


@dataclass(frozen=True)
class DraftLine:
    number: int  # 1-based line (or paragraph, for .docx)
    text: str  # stripped of Markdown heading marks and emphasis


@dataclass(frozen=True)
class DraftDocument:
    lines: list[DraftLine]
    unit: str  # 行 | 段

    def where(self, number: int) -> str:
        return f"第{number}{self.unit}"


def _clean(line: str) -> str:
    text = MD_HEADING.sub("", line.strip())
    return text.replace("**", "").replace("__", "").strip()


def document_from_text(text: str) -> DraftDocument:
    lines = [DraftLine(i, _clean(raw)) for i, raw in enumerate(text.splitlines(), start=1)]
    return DraftDocument([ln for ln in lines if ln.text], "行")


def document_from_docx(data: bytes) -> DraftDocument:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ShenbaoError(f"不是可读取的 .docx 文件（{type(exc).__name__}）") from None
    lines = [DraftLine(i, p.text.strip()) for i, p in enumerate(document.paragraphs, start=1)]
    return DraftDocument([ln for ln in lines if ln.text], "段")


def read_draft_bytes(data: bytes, filename: str) -> DraftDocument:
    """A draft uploaded as bytes (.md, .txt or .docx, told apart by the file name)."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".docx":
        return document_from_docx(data)
    if suffix in (".md", ".txt", ".markdown", ""):
        try:
            return document_from_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ShenbaoError(f"{filename} 不是 UTF-8 文本，请另存为 UTF-8 编码后再检查") from None
    raise ShenbaoError(f"不支持的文件类型 {suffix}（支持 .md、.txt、.docx）")


def read_draft_file(path: Path | str) -> DraftDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ShenbaoError(f"无法读取申报书文件 {path}：{exc.__class__.__name__}") from None
    return read_draft_bytes(data, path.name)
