"""Admin endpoints (bearer `SHENBAO_ADMIN_TOKEN`): re-ingest the corpus, add a notice from an uploaded
file, review and correct its extracted metadata (saved as its `notice.yaml` overlay), replace or
delete it. Uploaded notices live in `data/uploads/<id>/` beside their overlay; every change is a new
index generation served at once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Body, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from assistant.errors import ShenbaoError
from assistant.ingest import check_notice_id, ingest, remove
from assistant.loaders import MAX_FILE_BYTES, SUPPORTED_SUFFIXES
from assistant.metadata import META_FILE, NoticeMeta

from ..deps import State, require_admin_token, require_notice
from ..errors import ApiError

router = APIRouter(tags=["admin"], dependencies=[Depends(require_admin_token)])
# Fields a reviewer may correct (the rest is computed: id, status).
EDITABLE = ("title", "issuer", "doc_no", "level", "region", "issued_on", "year", "batch", "genre", "categories",
            "deadlines", "contacts", "copies", "parent_doc_no", "notes")


@router.post("/reindex")
def reindex(state: State) -> dict[str, Any]:
    """重新处理语料目录并切换到新索引（内容未变时不做任何改动）。"""
    settings = state.services.settings
    with state.engine_lock:
        summary = ingest([settings.corpus_dir], settings, state.services.embedder)
        if summary.changed:
            # the old objects hold the old generation: rebuild them around the same embedder
            state.services = state.services.rebuilt()
    return summary.model_dump(mode="json")


def _uploads(state: State) -> Path:
    return Path(state.services.settings.data_dir) / "uploads"


def _notice_id(filename: str, given: str | None) -> str:
    if given:
        return given
    stem = re.sub(r"[^a-z0-9-]+", "-", Path(filename).stem.lower()).strip("-")
    return stem[:64] or "notice"


def _ingest_folder(state: State, folder: Path, notice_id: str) -> dict[str, Any]:
    settings = state.services.settings
    summary = ingest([folder], settings, state.services.embedder, notice_id=notice_id)
    state.services = state.services.rebuilt()
    meta = state.services.index.notice(notice_id).meta
    return {"summary": summary.model_dump(mode="json"), "meta": meta.model_dump(mode="json")}


@router.post("/notices")
async def upload_notice(
    state: State,
    request: Request,
    filename: str = Query(..., description="原文件名（决定格式：txt、md、docx、pdf、html）"),
    notice_id: str | None = Query(None, alias="id", description="通知编号；不填则取自文件名；已有编号则替换"),
) -> dict[str, Any]:
    """上传一个通知文件（请求体为文件内容，Content-Type: application/octet-stream），导入后立即可问答；
    返回导入报告和从原文读出的元数据，供人工核对。"""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ApiError(400, f"不支持的文件类型“{suffix or '无后缀'}”：请上传 txt、md、docx、pdf 或 html",
                       f"unsupported file type {suffix!r}")
    data = await request.body()
    if len(data) > MAX_FILE_BYTES:
        raise ApiError(400, "文件超过 50 MB，不像是一份通知", "file larger than 50 MB")
    nid = _notice_id(filename, notice_id)
    try:
        check_notice_id(nid)
    except ShenbaoError as exc:
        raise ApiError(400, str(exc), "invalid notice id") from None
    return await run_in_threadpool(_store_and_ingest, state, nid, Path(filename).name, data)


def _store_and_ingest(state: State, nid: str, name: str, data: bytes) -> dict[str, Any]:
    """Keep the file in data/uploads/<id>/ and ingest it; on failure the previous file (if any) and
    the index stay as they were."""
    folder = _uploads(state) / nid
    backup = folder.with_name(f".{nid}.old")
    with state.engine_lock:
        shutil.rmtree(backup, ignore_errors=True)
        if folder.exists():
            folder.rename(backup)  # a replacement: the old file comes back if the new one fails
        folder.mkdir(parents=True)
        (folder / name).write_bytes(data)
        if (backup / META_FILE).exists():
            shutil.copy(backup / META_FILE, folder / META_FILE)  # a reviewed overlay survives a replacement
        try:
            result = _ingest_folder(state, folder, nid)
        except ShenbaoError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            if backup.exists():
                backup.rename(folder)
            raise ApiError(400, str(exc), "the file could not be ingested; the index is unchanged") from None
        shutil.rmtree(backup, ignore_errors=True)
    return result


@router.put("/notices/{notice_id}/meta")
def correct_meta(state: State, notice_id: str, fields: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    """保存人工核对后的元数据（作为该通知的 notice.yaml 覆盖层，优先于自动提取的值），并立即生效。"""
    require_notice(state, notice_id)
    folder = _uploads(state) / notice_id
    if not folder.is_dir():
        raise ApiError(400, "只能修改通过上传导入的通知的元数据；语料目录中的通知请直接编辑其 notice.yaml",
                       "only uploaded notices can be corrected here")
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise ApiError(400, f"不能修改的字段：{'、'.join(unknown)}", f"fields not editable: {unknown}")
    current = state.services.index.notice(notice_id).meta.model_dump(mode="json")
    try:
        NoticeMeta.model_validate({**current, **fields})
    except ValueError as exc:
        raise ApiError(400, f"元数据不合法：{exc}", "invalid metadata") from None
    path = folder / META_FILE
    overlay = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    overlay = {**(overlay or {}), **fields, "id": notice_id}
    path.write_text(yaml.safe_dump(overlay, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with state.engine_lock:
        return _ingest_folder(state, folder, notice_id)


@router.delete("/notices/{notice_id}")
def delete_notice(state: State, notice_id: str) -> dict[str, Any]:
    """从索引中删除一个通知（上传的原文件一并删除）。"""
    require_notice(state, notice_id)
    with state.engine_lock:
        try:
            summary = remove(notice_id, state.services.settings, state.services.embedder)
        except ShenbaoError as exc:
            raise ApiError(400, str(exc), "the notice could not be removed") from None
        state.services = state.services.rebuilt()
    shutil.rmtree(_uploads(state) / notice_id, ignore_errors=True)
    return {"deleted": notice_id, "summary": summary.model_dump(mode="json")}
