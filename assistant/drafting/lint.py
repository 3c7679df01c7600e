"""Conformance check of a written declaration body against the notice's outline and requirements.

Findings (each says where — section heading and line — and how to fix it):
missing_section, out_of_order, wrong_numbering, heading_mismatch, extra_section, empty_section,
placeholder (【待补充】 left), scaffold_note (【编写提示】/【对照要求】 left), requirement_unaddressed
(with the requirement cited), figure_mismatch (服务收入占比、收入、日期 vs the facts), attachment_missing,
modes_unknown. `ok` is true when no finding is an error.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from ..tokenize import bigrams
from .coverage import CoverageScorer
from .document import NOTE_PREFIXES, DraftDocument, DraftLine
from .facts import Facts
from .figures import check_figures
from .headings import Match, longest_ordered, match_headings, squash
from .linkage import item_requirements
from .models import Finding, FindingKind, LintReport, Mode, Outline, OutlineItem, Severity
from .notice_data import DraftingData

PLACEHOLDER = re.compile(r"【待补充[^】]*】")
LIST_NUMBER = re.compile(r"^\d+[、.．]\s*")


def _finding(kind: FindingKind, severity: Severity, message: str, fix: str, **where: Any) -> Finding:
    return Finding(kind=kind, severity=severity, message=message, fix=fix, **where)


def _content(lines: list[DraftLine]) -> list[str]:
    """Body text a reader would see: without scaffold notes and 【待补充】 markers."""
    out = []
    for line in lines:
        if line.text.startswith(NOTE_PREFIXES):
            continue
        text = PLACEHOLDER.sub("", line.text).strip()
        if text:
            out.append(text)
    return out


ModesSource = Literal["given", "facts", "detected", "none"]


def pick_modes(data: DraftingData, category: str, given: list[str], facts: Facts, document: DraftDocument
               ) -> tuple[list[Mode], ModesSource]:
    if given:
        return data.resolve_modes(category, given), "given"
    if facts.profile.modes:
        return data.resolve_modes(category, list(facts.profile.modes)), "facts"
    text = squash("".join(line.text for line in document.lines if not line.text.startswith(NOTE_PREFIXES)))
    detected = [m for m in data.modes.get(category, []) if squash(m.name) in text]
    return detected, "detected" if detected else "none"


def _structure(outline: Outline, matches: list[Match], where: Any) -> list[Finding]:
    findings = []
    for m in matches:
        line = m.candidate.line
        shown = line.text
        if m.item is None:
            what = "重复的标题" if m.issue == "duplicate" else "提纲中没有的标题"
            findings.append(_finding("extra_section", "warning", f"{where(line.number)}「{shown}」是{what}",
                                     "删除或并入提纲中相应的一节（提纲标题须与通知一致）", section=shown, line=line.number))
        elif m.issue == "wrong_numbering":
            findings.append(_finding("wrong_numbering", "error",
                                     f"{where(line.number)}「{shown}」的编号与提纲不一致（提纲为「{m.item.heading}」）",
                                     f"改为「{m.item.heading}」", section=m.item.heading, line=line.number))
        elif m.issue == "heading_mismatch":
            findings.append(_finding("heading_mismatch", "warning",
                                     f"{where(line.number)}「{shown}」与提纲标题「{m.item.heading}」不一致",
                                     f"标题照提纲写为「{m.item.heading}」", section=m.item.heading, line=line.number))
    found = [m for m in matches if m.item is not None]
    present = {m.item.id for m in found if m.item}
    for item in outline.items:
        if item.id in present:
            continue
        severity: Severity = "warning" if item.kind == "attachments" else "error"
        hint = f"，内容：{item.guidance[:60]}" if item.guidance else ""
        prev = next((o.heading for o in reversed(outline.items[: outline.items.index(item)])), None)
        place = f"在「{prev}」之后" if prev else "在正文开头"
        findings.append(_finding("missing_section", severity, f"缺少「{item.heading}」一节",
                                 f"{place}增加「{item.heading}」{hint}", section=item.heading))
    order = [outline.items.index(m.item) for m in found if m.item]
    keep = longest_ordered(order)
    for pos, m in enumerate(found):
        if pos in keep or m.item is None:
            continue
        idx = outline.items.index(m.item)
        before = outline.items[idx - 1].heading if idx > 0 else None
        after = outline.items[idx + 1].heading if idx + 1 < len(outline.items) else None
        span = "、".join(x for x in (f"「{before}」之后" if before else "", f"「{after}」之前" if after else "") if x)
        findings.append(_finding("out_of_order", "error",
                                 f"{where(m.candidate.line.number)}「{m.item.heading}」的位置与提纲顺序不符",
                                 f"按提纲顺序移到{span}", section=m.item.heading, line=m.candidate.line.number))
    return findings


def _content_findings(outline: Outline, matches: list[Match], where: Any) -> list[Finding]:
    findings = []
    for m in matches:
        heading = m.item.heading if m.item else m.candidate.line.text
        notes = [ln for ln in m.body if ln.text.startswith(NOTE_PREFIXES)]
        if notes:
            findings.append(_finding("scaffold_note", "error",
                                     f"「{heading}」留有 {len(notes)} 行编写提示/对照要求（{where(notes[0].number)}起）",
                                     "写完本节后删除以【编写提示】【对照要求】开头的行", section=heading, line=notes[0].number))
        if m.item is None or (m.item.has_children and m.item.kind == "section"):
            continue
        if not _content(m.body) and not any(PLACEHOLDER.search(ln.text) for ln in m.body):
            findings.append(_finding("empty_section", "error", f"「{heading}」一节没有内容",
                                     f"按说明补写本节：{m.item.guidance[:60] or m.item.title}",
                                     section=heading, line=m.candidate.line.number))
    return findings


def _placeholders(document: DraftDocument, section_of: dict[int, str], where: Any) -> list[Finding]:
    findings = []
    for line in document.lines:
        for marker in PLACEHOLDER.findall(line.text):
            findings.append(_finding("placeholder", "error", f"{where(line.number)}留有待补充标记 {marker}",
                                     "补上相应内容并删除标记", section=section_of.get(line.number), line=line.number))
    return findings


def _requirements(outline: Outline, matches: list[Match], modes: list[Mode], scorer: CoverageScorer) -> list[Finding]:
    findings = []
    bodies = {m.item.id: m.body for m in matches if m.item}
    for m in matches:
        item = m.item
        if item is None:
            continue
        lines = list(m.body)
        for child in outline.children(item):
            lines += bodies.get(child.id, [])
        paragraphs = _content(lines)
        if not paragraphs:
            continue
        for req in item_requirements(outline, item, modes):
            ok, score, similarity, missing = scorer.addressed(req, paragraphs)
            if ok:
                continue
            sim = f"，语义相似度 {similarity:.2f}" if similarity is not None else ""
            keys = f"（未出现的要点：{'、'.join(missing[:6])}）" if missing else ""
            findings.append(_finding(
                "requirement_unaddressed", "warning",
                f"「{item.heading}」没有回应要求「{req.label}」（关键词覆盖 {score:.0%}{sim}）",
                f"在本节说明本单位如何满足：“{' '.join(req.text.split())[:80]}”{keys}",
                section=item.heading, line=m.candidate.line.number, citation=req.citation, score=round(score, 3),
            ))
    return findings


def _attachments(matches: list[Match]) -> list[Finding]:
    findings = []
    for m in matches:
        item: OutlineItem | None = m.item
        if item is None or item.kind != "attachments":
            continue
        body = "".join(_content(m.body))
        have = set(bigrams(body))
        for entry in item.attachments:
            name = LIST_NUMBER.sub("", entry)
            grams = set(bigrams(name))
            if grams and len(grams & have) / len(grams) < 0.6:
                findings.append(_finding("attachment_missing", "warning", f"「{item.heading}」未列出“{name}”",
                                         f"在「{item.heading}」中列出“{name}”并附上该材料",
                                         section=item.heading, line=m.candidate.line.number))
    return findings


def lint_document(document: DraftDocument, data: DraftingData, category: str, modes: list[str] | None = None,
                  facts: Facts | None = None, embedder: Any = None, file: str | None = None) -> LintReport:
    """Check a draft (already read into lines) against the notice's outline for `category`."""
    facts = facts or Facts()
    outline = data.outline(category)
    chosen, source = pick_modes(data, category, list(modes or []), facts, document)
    _, matches = match_headings(document, outline)
    where = document.where
    section_of: dict[int, str] = {}
    for m in matches:
        heading = m.item.heading if m.item else m.candidate.line.text
        for line in [m.candidate.line, *m.body]:
            section_of[line.number] = heading

    findings = _structure(outline, matches, where)
    findings += _content_findings(outline, matches, where)
    findings += _placeholders(document, section_of, where)
    if not chosen and data.modes.get(category) and any(k.kind == "mode_aspect" for i in outline.items for k in i.links):
        listed = "、".join(x.name for x in data.modes[category])
        findings.append(_finding("modes_unknown", "warning", "未指定申报模式，无法核对各模式的要求",
                                 f"选择所申报的模式（可选：{listed}），或在正文中写明所申报的模式"))
    all_reqs = [r for ms in data.modes.values() for x in ms for r in x.requirements] + outline.requirements
    findings += _requirements(outline, matches, chosen, CoverageScorer(all_reqs, embedder))
    findings += _attachments(matches)
    body_lines = [(ln.number, ln.text) for ln in document.lines if not ln.text.startswith(NOTE_PREFIXES)]
    for issue in check_figures(body_lines, facts):
        findings.append(_finding("figure_mismatch", "error", f"{where(issue.line)}{issue.message}", issue.fix,
                                 section=section_of.get(issue.line), line=issue.line))
    findings.sort(key=lambda f: (f.line if f.line is not None else 10**9))
    return LintReport(
        notice_id=data.notice.id, category=category, ok=not any(f.severity == "error" for f in findings),
        findings=findings, file=file, modes=[m.name for m in chosen], modes_source=source,
        sections_found=[m.item.heading for m in matches if m.item],
    )

