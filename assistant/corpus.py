"""Notices as the pipeline sees them: source files → cleaned text + metadata + chunks.

A notice is a folder `corpus/<id>/` holding its source file(s) (notice plus annexes, any
supported format), `notice.yaml` (hand-checked metadata) and optionally `rules.yaml`.
A single file can also be ingested on its own; its id is derived from the file name.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel, PrivateAttr

from .chunking import Chunk, chunk_notice
from .clauses import Clause, ClauseTree, build_clauses
from .cleaning import CleanResult, Removal, clean_text
from .errors import LoadError, ShenbaoError, UnknownNoticeError
from .intake import prepare
from .loaders import SUPPORTED_SUFFIXES, load_file, unsupported
from .metadata import NoticeMeta, load_notice_meta

# Bump when cleaning/structure/chunking change, so re-ingest rebuilds what they produce.
PIPELINE_VERSION = "3"  # 3: intake (pinyin, script, garbled check), HTML extractors, pdfplumber
METADATA_FILES = {"notice.yaml", "rules.yaml"}
MAIN_STEMS = ("notice", "main", "通知")


class FileReport(BaseModel):
    file: str
    raw_chars: int
    clean_chars: int
    removals: list[Removal]
    normalised: dict[str, int]
    warnings: list[str] = []  # e.g. "疑似乱码：第 12 行（…）：…" (the text is left as it is)


class Notice(BaseModel):
    """One notice, loaded and cleaned. `text` is what citation offsets index."""

    id: str
    folder: str
    files: list[str]
    text: str
    meta: NoticeMeta
    content_hash: str
    reports: list[FileReport]
    # The clause tree (heading units with parents and items), built at ingest; an index written
    # before it existed gets it rebuilt from `text` on first use.
    clauses: list[Clause] = []
    _tree: ClauseTree | None = PrivateAttr(default=None)

    def tree(self) -> ClauseTree:
        if self._tree is None:
            self._tree = ClauseTree.of(self.text, self.clauses)
        return self._tree


def notice_id_for(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if slug:
        return slug
    return "doc-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def _source_files(folder: Path) -> list[Path]:
    files = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and p.name not in METADATA_FILES]
    for path in files:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise unsupported(path)
    # The notice itself first, then its annexes in name order.
    return sorted(files, key=lambda p: (p.stem.lower() not in MAIN_STEMS, p.name))


def find_notice_sources(path: Path) -> list[tuple[str, Path, list[Path]]]:
    """Resolve an ingest PATH to notices: (id, folder, source files).

    PATH may be a single file, one notice folder, or a folder of notice folders (the corpus).
    """
    path = Path(path)
    if not path.exists():
        raise LoadError(f"{path}: 文件或文件夹不存在")
    if path.is_file():
        if path.name in METADATA_FILES:
            raise LoadError(f"{path}: 这是元数据文件，不是通知；请导入它所在的文件夹")
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise unsupported(path)
        if (path.parent / "notice.yaml").exists():  # a file of a notice folder: ingest that notice
            return [(notice_id_for(path.parent.name), path.parent, _source_files(path.parent))]
        return [(notice_id_for(path.stem), path.parent, [path])]
    subfolders = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    own_files = _source_files(path)
    if own_files:
        return [(notice_id_for(path.name), path, own_files)]
    notices = []
    for folder in subfolders:
        files = _source_files(folder)
        if files:
            notices.append((notice_id_for(folder.name), folder, files))
    if not notices:
        raise LoadError(f"{path}: 没有找到通知文件（支持 {'、'.join(sorted(SUPPORTED_SUFFIXES))}）")
    return notices


def _hash(files: list[Path], folder: Path, extra: str) -> str:
    digest = hashlib.sha256(f"{PIPELINE_VERSION}|{extra}".encode())
    for path in [*files, folder / "notice.yaml"]:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load_notice(notice_id: str, folder: Path, files: list[Path], extra_hash: str = "") -> Notice:
    """Load, clean and describe one notice. Raises LoadError for any unreadable file."""
    parts: list[str] = []
    reports: list[FileReport] = []
    for path in files:
        raw = load_file(path)
        prepared = prepare(raw)
        result: CleanResult = clean_text(prepared.text)
        if not result.text.strip():
            raise LoadError(f"{path}: 清洗后没有剩下文字（文件里只有噪声）")
        parts.append(result.text.rstrip("\n"))
        reports.append(
            FileReport(
                file=path.name,
                raw_chars=len(raw),
                clean_chars=len(result.text),
                removals=result.removals,
                normalised={**prepared.normalised, **result.normalised},
                warnings=prepared.warnings,
            )
        )
    text = "\n\n".join(parts) + "\n"
    meta = load_notice_meta(folder, text) if folder.is_dir() and len(files) > 0 else None
    if meta is None:  # pragma: no cover - defensive
        raise ShenbaoError(f"{folder}: cannot read notice metadata")
    meta = meta.model_copy(update={"id": notice_id})
    return Notice(
        id=notice_id,
        folder=str(folder),
        files=[p.name for p in files],
        text=text,
        meta=meta,
        content_hash=_hash(files, folder, extra_hash),
        reports=reports,
        clauses=build_clauses(text),
    )


def chunks_for(notice: Notice, max_chars: int = 420, min_chars: int = 60) -> list[Chunk]:
    return chunk_notice(
        notice.id,
        notice.text,
        title=notice.meta.title,
        doc_no=notice.meta.doc_no,
        max_chars=max_chars,
        min_chars=min_chars,
    )


def load_corpus_notice(corpus_dir: Path, notice_id: str) -> Notice:
    """Load a notice of the project corpus by id (used by rules and drafting)."""
    folder = Path(corpus_dir) / notice_id
    if not folder.is_dir():
        raise UnknownNoticeError(f"unknown notice '{notice_id}' (no folder {folder})")
    return load_notice(notice_id, folder, _source_files(folder))
