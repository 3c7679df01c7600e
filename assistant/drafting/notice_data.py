"""Everything drafting knows about one notice, loaded once: outlines, modes, links, aliases.

`load_drafting` builds it from the cleaned notice text (plus the hand-checked data file, verified
against the text) and caches it until a file of the notice folder or the data file changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..chunking import Chunk
from ..corpus import Notice, chunks_for, load_corpus_notice
from ..eligibility.profile import CATEGORY_LABELS
from ..errors import ShenbaoError, UnknownNoticeError
from .linkage import DATA_DIR, apply_spec, derived_links, load_linkage_spec, rules_aliases, spec_modes
from .models import Mode, ModeCatalogue, Outline
from .modes import derive_modes
from .outline import OutlineMissingError, build_outlines, missing_outline_message

if TYPE_CHECKING:
    from ..eligibility.rulebook import NoticeSource


def _squash(text: str) -> str:
    return "".join(text.split())


@dataclass
class DraftingData:
    notice: Notice
    chunks: list[Chunk]
    outlines: dict[str, Outline]
    modes: dict[str, list[Mode]]
    aliases: dict[str, str]

    def outline(self, category: str) -> Outline:
        """The category's outline; OutlineMissingError (a ShenbaoError) when the corpus lacks it."""
        if category not in CATEGORY_LABELS:
            raise ShenbaoError(f"未知的申报类别 {category}（可选：{', '.join(CATEGORY_LABELS)}）")
        outline = self.outlines.get(category)
        if outline is None:
            raise OutlineMissingError(missing_outline_message(self.notice, category))
        return outline

    def catalogue(self) -> ModeCatalogue:
        return ModeCatalogue(notice_id=self.notice.id, modes=self.modes)

    def resolve_modes(self, category: str, names: list[str] | tuple[str, ...]) -> list[Mode]:
        """The selected modes, by name, rules.yaml alias or an unambiguous part of the name."""
        names = [n for n in names if n and n.strip()]
        if not names:
            return []
        label = CATEGORY_LABELS.get(category, category)
        modes = self.modes.get(category, [])
        if not modes:
            raise ShenbaoError(f"{self.notice.id} 的{label}不区分申报模式（方向），请去掉 --mode")
        by_name = {_squash(m.name): m for m in modes}
        chosen: list[Mode] = []
        for raw in names:
            key = _squash(raw)
            mode = by_name.get(key) or by_name.get(self.aliases.get(key, ""))
            if mode is None:
                parts = [m for m in modes if key in _squash(m.name) or _squash(m.name) in key]
                mode = parts[0] if len(parts) == 1 else None
            if mode is None:
                listed = "、".join(m.name for m in modes)
                raise ShenbaoError(f"{self.notice.id} 的{label}没有“{raw}”这一模式（方向）；可选：{listed}")
            if mode not in chosen:
                chosen.append(mode)
        return chosen


def _build(corpus_dir: Path, notice_id: str, data_dir: Path) -> DraftingData:
    return _build_from(load_corpus_notice(corpus_dir, notice_id), Path(corpus_dir) / notice_id, data_dir)


def _build_from(notice: Notice, folder: Path | None, data_dir: Path) -> DraftingData:
    notice_id = notice.id
    chunks = chunks_for(notice)
    outlines = build_outlines(notice)
    modes = derive_modes(notice, chunks)
    spec = load_linkage_spec(notice_id, data_dir)
    if spec is not None:
        for category, cat_spec in spec.categories.items():
            if cat_spec.modes:
                modes.setdefault(category, []).extend(spec_modes(notice, chunks, category, cat_spec.modes))
    for category, outline in outlines.items():
        aspects = {r.aspect for m in modes.get(category, []) for r in m.requirements if r.aspect}
        derived_links(outline, aspects)
        if spec is not None and category in spec.categories:
            apply_spec(notice, chunks, outline, spec.categories[category])
    if spec is not None:
        stray = set(spec.categories) - set(outlines) - set(modes)
        if stray:
            raise ShenbaoError(f"{notice_id}: 关联数据中的类别 {sorted(stray)} 在原文中没有提纲")
    aliases = rules_aliases(folder) if folder is not None else {}
    return DraftingData(notice, chunks, outlines, modes, aliases)


def _stamp(folder: Path, data_file: Path) -> tuple[tuple[str, int, int], ...]:
    files = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    if data_file.exists():
        files.append(data_file)
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@lru_cache(maxsize=16)
def _cached(corpus_dir: str, notice_id: str, data_dir: str, stamp: tuple) -> DraftingData:
    return _build(Path(corpus_dir), notice_id, Path(data_dir))


_INDEXED: dict[tuple[str, str], DraftingData] = {}


def load_drafting(corpus_dir: Path, notice_id: str, data_dir: Path = DATA_DIR,
                  notices: NoticeSource | None = None) -> DraftingData:
    """Drafting data of a corpus notice (cached; rebuilt when its files change), else of a notice of
    the index (`notices`: added by a user, with no folder in the corpus). Do not mutate it."""
    root = Path(corpus_dir).resolve()
    if not (root / notice_id).is_dir() and notices is not None and notice_id in notices.notice_ids:
        notice = notices.notice(notice_id)
        key = (notice_id, notice.content_hash)
        if key not in _INDEXED:
            _INDEXED[key] = _build_from(notice, None, Path(data_dir))
        return _INDEXED[key]
    if not (root / notice_id).is_dir():
        known = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
        raise UnknownNoticeError(f"语料中没有通知 {notice_id}（现有：{'、'.join(known) or '无'}）")
    return _cached(str(root), notice_id, str(data_dir), _stamp(root / notice_id, Path(data_dir) / f"{notice_id}.yaml"))
