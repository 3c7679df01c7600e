"""Outlines (参考提纲) of the declaration body, built from the notice's own text.

`structure.parse_units` already files every line of a "…申报书正文（参考提纲）" block as an outline
unit with its section path. Here each 一、/（一）/参考附件 heading becomes an `OutlineItem`: the heading
verbatim ("（二）服务内容"), its level, its guidance (the instructions after the heading or in the
lines below it, verbatim: "参考附件1“示范企业基本条件”相关模式“服务内容”要求编制。") and, for
附件/参考附件, the listed materials. Nothing is invented: a notice whose outline is not in the text
raises `OutlineMissingError` saying what the text names instead.
"""

from __future__ import annotations

import re

from ..corpus import Notice
from ..eligibility.profile import CATEGORY_LABELS
from ..errors import ShenbaoError
from ..structure import Unit, heading_rank, parse_units
from ..vocabulary import OUTLINE_LABEL
from .models import Outline, OutlineItem

FORM_CATEGORY = re.compile(r"示范(?:培育)?(企业|平台|项目|城市)")
CATEGORY_OF_WORD = {"企业": "enterprise", "平台": "platform", "项目": "project", "城市": "city"}
ATTACHMENT_TITLES = ("附件", "参考附件")
NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
# "1. 服务型制造示范遴选申报书" / "（一）包头市级服务型制造示范企业申报书；": a form named but not printed.
NAMED_FORM = re.compile(r"^(?:\d+[.．、]|（[一二三四五六七八九十]+）)\s*(\S{2,40}?申报书)[；;。]?$")


class OutlineMissingError(ShenbaoError):
    """The notice offers the category, but its 参考提纲 is not in the corpus text."""


def split_heading(line: str) -> tuple[str, str, str, int]:
    """(number, title, guidance, offset of guidance in line) of an outline heading line.

    "（一）申报单位概况：成立时间…；" → title 申报单位概况, guidance after the colon;
    "（二）服务内容。（参考附件1…要求编制。）" → guidance inside the brackets;
    "（三）平台核心服务能力（通过平台…影响。）" → likewise; "（四）平台应用成效" → no guidance.
    """
    match = NUMBER.match(line)
    number = match.group(0) if match else ""
    rest = line[len(number) :]
    colon = rest.find("：")
    if 0 < colon <= 20:
        return number, rest[:colon], rest[colon + 1 :], len(number) + colon + 1
    bracket = re.search(r"。?（(.{6,})）。?$", rest)
    if bracket and bracket.start() > 0:
        return number, rest[: bracket.start()], bracket.group(1), len(number) + bracket.start(1)
    return number, rest.rstrip("。；;"), "", len(line)


def _line_texts(text: str, unit: Unit) -> list[tuple[int, int, str]]:
    return [(s, e, text[s:e]) for s, e in unit.lines]


def _outline_units(units: list[Unit]) -> list[tuple[Unit, list[Unit]]]:
    """(form heading unit, its outline units) for every 参考提纲 block."""
    blocks = []
    for unit in units:
        if unit.kind == "heading" and unit.rank == -1 and OUTLINE_LABEL.search(unit.path[-1]):
            body = [u for u in units if u.block == unit.block and u.kind == "outline"]
            if body:
                blocks.append((unit, body))
    return blocks


def _outline_title(label: str) -> str:
    """"…申报书正文（参考提纲）" → "…申报书正文"; "…申报书编写提纲" stays whole."""
    return re.sub(r"[（(](?:参考|编写|编制|撰写)?提纲[)）]$", "", label) or label


def _build(notice: Notice, category: str, form: Unit, body: list[Unit]) -> Outline:
    text = notice.text
    label = form.path[-1]
    title = _outline_title(label)
    items: list[OutlineItem] = []
    counters = [0, 0]
    current: OutlineItem | None = None
    g_start = 0  # where the current item's guidance starts in the text
    for unit in body:
        lines = _line_texts(text, unit)
        first_start, _, first = lines[0]
        rank = heading_rank(first)
        is_item = unit.rank in (2, 3) and (rank in (2, 3) or first == "参考附件")
        if not is_item:  # a list line or a paragraph below the current item
            if current is None:
                continue
            if current.kind == "attachments":
                current.attachments.extend(t for _, _, t in lines)
            else:
                g_start = g_start if current.guidance else unit.start
                current.guidance = text[g_start : unit.end]
            continue
        number, head_title, guidance, g_offset = split_heading(first)
        level = 1 if unit.rank == 2 else 2
        if level == 1:
            counters = [counters[0] + 1, 0]
            item_id, parent = str(counters[0]), None
        else:
            counters[1] += 1
            item_id, parent = f"{counters[0]}.{counters[1]}", str(counters[0])
        heading = first[: len(number) + len(head_title)]
        g_start = first_start + g_offset if guidance else (lines[1][0] if len(lines) > 1 else unit.end)
        if len(lines) > 1:  # body lines below the heading line
            guidance = text[g_start : unit.end]
        kind = "attachments" if head_title in ATTACHMENT_TITLES else "section"
        listed = [t for _, _, t in lines[1:]] if kind == "attachments" else []
        current = OutlineItem(
            id=item_id, heading=heading, level=level, number=number, title=head_title,
            guidance="" if listed else guidance, kind=kind, attachments=listed, start=first_start,
            end=first_start + len(heading), parent=parent,
        )
        items.append(current)
    for item in items:
        item.has_children = any(other.parent == item.id for other in items)
    attachments = [a for item in items if item.kind == "attachments" for a in item.attachments]
    outline = Outline(
        notice_id=notice.id, category=category, title=title, section=" > ".join(form.path),
        items=items, attachments=attachments, requirements=[],
    )
    verify_outline(notice, outline)
    return outline


def verify_outline(notice: Notice, outline: Outline) -> None:
    """Every heading, guidance and attachment must be verbatim in the cleaned text (else a bug)."""
    text = notice.text
    for item in outline.items:
        if text[item.start : item.end] != item.heading:
            raise ShenbaoError(f"{notice.id}: 提纲标题「{item.heading}」与原文不一致")
        for part in (item.guidance, *item.attachments):
            if part and part not in text:
                raise ShenbaoError(f"{notice.id}: 提纲内容「{part[:30]}」不在原文中")


def build_outlines(notice: Notice) -> dict[str, Outline]:
    """Every 参考提纲 of the notice, by category (enterprise | platform | project | city)."""
    outlines: dict[str, Outline] = {}
    for form, body in _outline_units(parse_units(notice.text)):
        match = FORM_CATEGORY.search(form.path[-1])
        # an outline that names no category serves every category the notice offers
        categories = [CATEGORY_OF_WORD[match.group(1)]] if match else list(notice.meta.categories)
        for category in categories:
            if category not in outlines:
                outlines[category] = _build(notice, category, form, body)
    return outlines


def named_forms(notice: Notice) -> list[str]:
    """Declaration forms the notice names without printing them ("服务型制造示范遴选申报书")."""
    names = []
    for line in notice.text.splitlines():
        match = NAMED_FORM.match(line.strip())
        if match and match.group(1) not in names:
            names.append(match.group(1))
    return names


def missing_outline_message(notice: Notice, category: str) -> str:
    label = CATEGORY_LABELS.get(category, category)
    offered = notice.meta.categories
    if offered and category not in offered:
        listed = "、".join(CATEGORY_LABELS[c] for c in offered)
        return f"{notice.id} 不受理{label}申报（本通知遴选：{listed}），请换一个申报类别"
    named = named_forms(notice)
    what = f"通知只列出了“{'”“'.join(named)}”的名称，语料中没有其内容" if named else "语料中没有申报书正文的参考提纲"
    return (
        f"{notice.id}（{notice.meta.title}）的{label}申报书正文提纲不在语料中：{what}；"
        "请使用官方发布的申报书模板（向发文单位或申报平台获取）按其提纲编写，本工具不会自行编造提纲"
    )


def outline_for(notice: Notice, category: str) -> Outline:
    """The outline of one category; OutlineMissingError when the corpus does not hold it."""
    outline = build_outlines(notice).get(category)
    if outline is None:
        raise OutlineMissingError(missing_outline_message(notice, category))
    return outline
