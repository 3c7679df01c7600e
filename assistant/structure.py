"""Parse the 公文 heading hierarchy of a cleaned notice into a flat list of units.

A unit is one heading line with the body lines that follow it (or a table, or a run of body
lines before the first heading). Each unit carries its full section path, the attachment it
belongs to and what kind of text it is. Chunking (`chunking.py`) merges and splits units.

Headings are recognised only at the start of a line and only in the shapes the 公文 format
uses: 第X章 / 第X条, 一、, （一）, 1. / 1、, （1）. A number inside a sentence, a cross-reference
("（附件1）") or a table row is never a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vocabulary import HEADING_PATTERNS, OUTLINE_LABEL, OUTLINE_NOTE

ATTACHMENT_MARKER = re.compile(r"^附件\s*(\d+)$")
ATTACHMENT_LIST = re.compile(r"^附件[：:]\s*(?:(\d+)[.．、]\s*(.+))?$")
LIST_ITEM = re.compile(r"^(\d+)[.．、]\s*(.+)$")
FORM_MARKER = re.compile(r"^表\s*\d+$")
FORM_TITLE = re.compile(r"(申报书正文|申报表|汇总表|填报说明|（培育）申报表)$|" + OUTLINE_LABEL.pattern)
CONTACT_LINE = re.compile(r"^(联系人|联系电话|电话|电子邮箱|邮箱)[^：:]{0,4}[：:]\s*\S")
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(印发)?$")
ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,20}(厅|局|办公厅|办公室|委员会|人民政府)(\s*\d{4}年\d{1,2}月\d{1,2}日)?$")
SENTENCE_END = "。；！？"
CLAUSE_WORDS = re.compile(r"[须应需要可将请由是有为不得]|以上|以下|之前|以前")


@dataclass
class Unit:
    """A heading (possibly empty) and its body, or a table, as a span of the cleaned text."""

    path: list[str]
    start: int
    end: int
    kind: str  # clause | table | outline | heading
    block: int  # attachment/form block: chunks never cross a block boundary
    rank: int  # rank of its own heading; 99 for body text without a heading
    heading_only: bool = False
    lines: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Line:
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \u3000")
        if stripped.strip():
            offset = raw.index(stripped[0])
            lines.append(Line(pos + offset, pos + offset + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def heading_rank(line: str) -> int | None:
    if "\t" in line:
        return None
    for pattern, rank in HEADING_PATTERNS:
        if pattern.match(line):
            return rank
    return None


def heading_label(line: str, rank: int) -> str:
    """The section label of a heading line: the whole line when it is a bare heading
    ("（一）共性条件"), the number plus a short lead title ("1.服务内容", "（一）遴选类别"),
    or the number alone ("2.") when the line is a clause sentence."""
    match = next(p for p, r in HEADING_PATTERNS if r == rank).match(line)
    if match is None:  # a heading recognised by context ("参考附件")
        return line
    number = match.group(0).strip()
    if rank == 1:  # 第X条: the article number is the label, the rest is its text
        return number
    rest = line[match.end() :].strip()
    bare = rest.rstrip("。：:")
    # "（二）示范企业、平台申报条件及推荐名额。" is a title; "2.截至申报日须正常经营两年以上。" a clause.
    sentence = bare != rest and CLAUSE_WORDS.search(bare) is not None
    if rank == 0 or (bare and len(bare) <= 30 and not sentence and not re.search(r"[。；;：:，,]", bare)):
        return number + bare
    lead = re.split(r"[。：:；;]", rest, maxsplit=1)[0]
    if 0 < len(lead) <= 10 and len(lead) < len(rest):
        return number + lead
    return number


def is_heading_only(line: str) -> bool:
    return len(line) <= 30 and not any(p in line[:-1] for p in SENTENCE_END)


def attachment_list_span(text: str) -> tuple[int, int] | None:
    """Offsets of the notice's "附件：1.… 2.…" list (from its first line to its last item)."""
    lines = split_lines(text)
    first = next((i for i, line in enumerate(lines) if ATTACHMENT_LIST.match(line.text)), None)
    if first is None:
        return None
    _, last = _attachment_titles(lines)
    return lines[first].start, lines[max(last, first)].end


def _attachment_titles(lines: list[Line]) -> tuple[dict[int, str], int]:
    """Titles named in the notice's "附件：1.… 2.…" list, and the index of the list's last line."""
    titles: dict[int, str] = {}
    for i, line in enumerate(lines):
        match = ATTACHMENT_LIST.match(line.text)
        if not match:
            continue
        if match.group(1):
            titles[int(match.group(1))] = match.group(2).strip()
        j = i + 1
        while j < len(lines) and (item := LIST_ITEM.match(lines[j].text)) and len(lines[j].text) <= 40:
            titles[int(item.group(1))] = item.group(2).strip()
            j += 1
        return titles, j - 1
    return titles, -1


# Points that 意见/方案 and speeches give without 公文 numbering: "一是要…；二是要…" or a short lead title
# ("制造能力共享。依托…"), counted only in a run of two or more lines in a row, innermost rank.
LEAD_ITEM_RANK = 6
LEAD_IN_MAX = 40  # a lead-in is one short line ending with a colon
POINT = re.compile(r"^([一二三四五六七八九十]是)")
LEAD_TITLE = re.compile(r"^([^，,。；;：:（(\s\d一二三四五六七八九十第附]{2,10})。\S")


def _lead_items(lines: list[Line]) -> dict[int, str]:
    """Line index → label of the lines that are points of a run (see LEAD_TITLE)."""
    found: dict[int, str] = {}
    for pattern in (POINT, LEAD_TITLE):
        hits = {i: m.group(1) for i, line in enumerate(lines) if (m := pattern.match(line.text))}
        found.update({i: label for i, label in hits.items() if i - 1 in hits or i + 1 in hits})
    return found


def _lead_in(units: list[Unit], stack: list[tuple[int, str]], root: list[str], text: str) -> None:
    """Make the line before a run of points ("…提出了三点要求：") the run's own heading, so the points are
    its items: split it off the unit it was appended to and open it one rank above the points."""
    if not units or units[-1].kind != "clause" or units[-1].rank < LEAD_ITEM_RANK - 1:
        return
    unit = units[-1]
    start, end = unit.lines[-1]
    line = text[start:end].strip()
    if not line.endswith(("：", ":")) or len(line) > LEAD_IN_MAX:
        return
    label = line.rstrip("：:")
    while stack and stack[-1][0] >= LEAD_ITEM_RANK - 1:
        stack.pop()
    path = [*root, *(name for _, name in stack), label]
    if len(unit.lines) > 1:
        unit.lines.pop()
        unit.end = unit.lines[-1][1]
        units.append(Unit(path, start, end, unit.kind, unit.block, LEAD_ITEM_RANK - 1, False, [(start, end)]))
    else:
        unit.path, unit.rank = path, LEAD_ITEM_RANK - 1
    stack.append((LEAD_ITEM_RANK - 1, label))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse_units(text: str) -> list[Unit]:
    """Split cleaned notice text into units with section paths."""
    lines = split_lines(text)
    titles, list_end = _attachment_titles(lines)
    wanted = {_squash(t): n for n, t in titles.items()}
    points = _lead_items(lines)

    units: list[Unit] = []
    stack: list[tuple[int, str]] = []  # open headings (rank, label)
    root: list[str] = []  # attachment and form labels above the heading stack
    attachment_root: list[str] = []
    block = 0
    in_outline = False
    seen_heading = False
    pseudo: str | None = None

    def open_unit(path: list[str], line: Line, kind: str, rank: int, heading_only: bool) -> None:
        units.append(Unit(list(path), line.start, line.end, kind, block, rank, heading_only, [(line.start, line.end)]))

    def extend(line: Line) -> None:
        units[-1].end = line.end
        units[-1].lines.append((line.start, line.end))
        units[-1].heading_only = False

    i = 0
    while i < len(lines):
        line = lines[i]
        t = line.text
        marker = ATTACHMENT_MARKER.match(t)
        implicit = i > list_end >= 0 and _squash(t) in wanted and not units_has_attachment(units, wanted[_squash(t)])
        if marker or implicit:
            number = int(marker.group(1)) if marker else wanted[_squash(t)]
            title = titles.get(number)
            if title is None and marker:
                title = _title_after(lines, i)
            attachment_root = [f"附件{number} {title}" if title else f"附件{number}"]
            root, stack, block, in_outline, pseudo = list(attachment_root), [], block + 1, False, None
            open_unit(root, line, "heading", -2, True)
            i += 1
            continue

        if "\t" in t:  # a table: consecutive tab-separated rows
            j = i
            while j + 1 < len(lines) and "\t" in lines[j + 1].text:
                j += 1
            title_unit = units[-1] if units and units[-1].kind == "heading" and units[-1].rank == -1 else None
            if title_unit is not None:
                title_unit.kind = "table"
                title_unit.end = lines[j].end
                title_unit.heading_only = False
                title_unit.lines.extend((ln.start, ln.end) for ln in lines[i : j + 1])
            else:
                block += 1
                units.append(Unit(list(root), line.start, lines[j].end, "table", block, 98, False,
                                  [(ln.start, ln.end) for ln in lines[i : j + 1]]))
            i = j + 1
            continue

        if FORM_MARKER.match(t) or (FORM_TITLE.search(t) and is_heading_only(t) and heading_rank(t) is None):
            label = t
            if i + 1 < len(lines) and OUTLINE_NOTE.match(lines[i + 1].text):
                label = t + lines[i + 1].text
            if FORM_MARKER.match(t) and i + 1 < len(lines) and FORM_TITLE.search(lines[i + 1].text):
                i += 1  # "表 1" followed by its title: one form heading
                label = lines[i].text
                line = Line(line.start, lines[i].end, label)
            block += 1
            root, stack, pseudo = [*attachment_root, label], [], None
            in_outline = OUTLINE_LABEL.search(label) is not None
            open_unit(root, line, "heading", -1, True)
            if in_outline and label != t:  # the note line ("（参考提纲）") belongs to the form heading
                i += 1
                extend(lines[i])
                units[-1].heading_only = True
            i += 1
            continue

        rank = 2 if in_outline and t == "参考附件" else heading_rank(t)
        if rank is None and i in points and not in_outline:
            rank = LEAD_ITEM_RANK
            if i - 1 not in points:  # the first point: a lead-in line right before it introduces the run
                _lead_in(units, stack, root, text)
        list_item = ATTACHMENT_LIST.match(t) is not None
        contact = CONTACT_LINE.match(t) is not None and not any("联系" in label for _, label in stack)
        signature = seen_heading and not attachment_root and (DATE_LINE.match(t) or ISSUER_LINE.match(t))
        if list_item or contact or signature:
            name = "附件" if list_item else "联系方式" if contact else "落款"
            if pseudo != name:
                pseudo, stack = name, []
                block += 1
                open_unit([*root, name], line, "clause", 2, False)
            else:
                extend(line)
            if list_item:  # the numbered list items belong to the list, not the heading tree
                while i + 1 < len(lines) and LIST_ITEM.match(lines[i + 1].text) and len(lines[i + 1].text) <= 40:
                    i += 1
                    extend(lines[i])
            i += 1
            continue

        kind = "outline" if in_outline else "clause"
        if rank is not None:
            seen_heading = True
            if pseudo is not None:
                pseudo = None
                block += 1
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, points[i] if rank == LEAD_ITEM_RANK else heading_label(t, rank)))
            open_unit(root + [label for _, label in stack], line, kind, rank, is_heading_only(t))
        elif units and units[-1].kind != "table" and pseudo is None:
            extend(line)
        else:
            if pseudo is not None:
                extend(line)
            else:
                open_unit(root + [label for _, label in stack] or ["正文"], line, kind, 99, False)
        i += 1
    # A short line counts as a bare heading only when what follows is its own body.
    for unit, nxt in zip(units, [*units[1:], None], strict=True):
        if unit.rank >= 0 and len(unit.lines) == 1:
            unit.heading_only = nxt is not None and len(nxt.path) > len(unit.path) and nxt.path[: len(unit.path)] == unit.path
    return units


def units_has_attachment(units: list[Unit], number: int) -> bool:
    prefix = f"附件{number}"
    return any(u.rank == -2 and u.path and (u.path[0] == prefix or u.path[0].startswith(prefix + " ")) for u in units)


def _title_after(lines: list[Line], i: int) -> str | None:
    """The title printed under an attachment marker: one or two short non-heading lines."""
    parts: list[str] = []
    for line in lines[i + 1 : i + 3]:
        if heading_rank(line.text) is not None or "\t" in line.text or len(line.text) > 30:
            break
        parts.append(line.text)
    return "".join(parts) or None
