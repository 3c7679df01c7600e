"""The mode catalogue (基本模式 / 基本条件), derived from the notice text at load time.

The annex whose title names 基本条件 or 基本模式 lists, per category ("一、示范企业基本模式",
"二、示范项目基本条件"…), the modes ("（二）供应链协同管理") and each mode's aspect clauses
("1.服务内容：…", "3.模式创新：…", "4.综合效益：…"). A mode without numbered clauses ("（五）综合型方向",
"九、其他信息增值服务") has its paragraph as its one requirement. An annex without category headings
(henan-basic-modes) belongs to the notice's single category. Every requirement is cited verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..chunking import Chunk
from ..citations import Citation, make_citation
from ..corpus import Notice
from ..errors import ShenbaoError
from ..structure import Unit, parse_units
from .models import Mode, Requirement
from .outline import CATEGORY_OF_WORD, FORM_CATEGORY

ANNEX_TITLE = re.compile(r"基本条件|基本模式")
NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.．、])\s*")
ASPECT_LINE = re.compile(r"^\d{1,2}[.．、]\s*([^：:]{2,12})[：:]")


def cite(notice: Notice, chunks: Sequence[Chunk], quote: str, path: Sequence[str], n: int = 1) -> Citation:
    """Cite a verbatim quote at `path`, or at the nearest ancestor a chunk is filed under
    (chunking merges tiny sibling clauses under their common parent)."""
    error: ShenbaoError | None = None
    for depth in range(len(path), 0, -1):
        try:
            return make_citation(notice, chunks, quote, list(path[:depth]), n)
        except ShenbaoError as exc:
            error = error or exc
    raise error or ShenbaoError(f"{notice.id}: 无法引用「{quote[:30]}」")


def _title(label: str) -> str:
    return NUMBER.sub("", label, count=1).strip()


def _body(notice: Notice, unit: Unit, skip_first: bool) -> str:
    lines = unit.lines[1:] if skip_first else unit.lines
    return notice.text[lines[0][0] : unit.end] if lines else ""


def _mode(notice: Notice, chunks: Sequence[Chunk], category: str, head: Unit, units: list[Unit]) -> Mode | None:
    name = _title(head.path[-1])
    if not name or NUMBER.sub("", notice.text[head.start : head.end].splitlines()[0]).strip() != name:
        return None  # "（一）平台应为…": a numbered clause, not a mode heading
    depth = len(head.path)
    requirements: list[Requirement] = []
    for unit in units:
        if len(unit.path) != depth + 1 or unit.path[:depth] != head.path:
            continue
        first = notice.text[unit.lines[0][0] : unit.lines[0][1]]
        match = ASPECT_LINE.match(first)
        if match is None:
            continue
        aspect = match.group(1).strip()
        text = notice.text[unit.lines[0][0] + match.end() : unit.end].strip()
        requirements.append(
            Requirement(
                id=f"{name}·{aspect}", label=f"{name}·{aspect}", text=text, mode=name, aspect=aspect,
                citation=cite(notice, chunks, text, unit.path),
            )
        )
    if not requirements:
        body = _body(notice, head, skip_first=True).strip()
        if not body:
            return None
        requirements.append(
            Requirement(id=f"{name}·要求", label=f"{name}·要求", text=body, mode=name, aspect=None,
                        citation=cite(notice, chunks, body, head.path))
        )
    return Mode(name=name, category=category, section=" > ".join(head.path), requirements=requirements)


def derive_modes(notice: Notice, chunks: Sequence[Chunk]) -> dict[str, list[Mode]]:
    """Category → modes of the notice's 基本条件/基本模式 annex ({} when the text has none)."""
    units = parse_units(notice.text)
    annex_roots = [u.path[0] for u in units if u.rank == -2 and ANNEX_TITLE.search(u.path[0])]
    catalogue: dict[str, list[Mode]] = {}
    for root in annex_roots:
        inside = [u for u in units if u.path and u.path[0] == root and u.rank >= 0]
        sections = [u for u in inside if u.rank == 2 and len(u.path) == 2]
        by_category = {
            CATEGORY_OF_WORD[m.group(1)]: s for s in sections if (m := FORM_CATEGORY.search(s.path[1]))
        }
        if by_category:
            for category, section in by_category.items():
                heads = [u for u in inside if len(u.path) == 3 and u.path[:2] == section.path and u.rank == 3]
                modes = [m for h in heads if (m := _mode(notice, chunks, category, h, inside))]
                if modes:
                    catalogue.setdefault(category, []).extend(modes)
        elif len(notice.meta.categories) == 1:
            category = notice.meta.categories[0]
            modes = [m for h in sections if (m := _mode(notice, chunks, category, h, inside))]
            if modes:
                catalogue.setdefault(category, []).extend(modes)
    return catalogue
