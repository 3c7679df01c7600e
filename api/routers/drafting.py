"""Drafting the declaration body: outlines and modes of a notice, `POST /api/draft` (JSON, Markdown or
Word) and `POST /api/draft/lint` (a pasted text or an uploaded .md/.txt/.docx, base64)."""

from __future__ import annotations

import base64
import binascii
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field

from assistant.drafting import OutlineMissingError

from ..deps import State, require_notice
from ..errors import ApiError

router = APIRouter(tags=["drafting"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class DraftRequest(BaseModel):
    notice_id: str
    category: Literal["enterprise", "platform", "project", "city"]
    modes: list[str] = Field(default_factory=list, description="所申报的模式（方向）")
    facts: dict[str, Any] | None = Field(default=None, description="申报主体信息 + business/platform/notes/figures…")
    format: Literal["json", "md", "docx"] = "json"
    notes: bool = Field(default=True, description="保留【编写提示】【对照要求】等说明")


class LintRequest(BaseModel):
    notice_id: str
    category: Literal["enterprise", "platform", "project", "city"]
    modes: list[str] = Field(default_factory=list)
    facts: dict[str, Any] | None = None
    text: str | None = Field(default=None, description="粘贴的申报书正文（Markdown 或纯文本）")
    filename: str | None = Field(default=None, description="上传文件名（.md/.txt/.docx）")
    file_base64: str | None = Field(default=None, description="上传文件内容（base64）")


def _outline_missing(exc: OutlineMissingError) -> ApiError:
    return ApiError(404, str(exc), "the notice's outline (参考提纲) is not in the corpus; use the official template")


@router.get("/notices/{notice_id}/outlines")
def outlines(notice_id: str, state: State) -> dict[str, Any]:
    """通知中的参考提纲（按申报类别）与模式目录；没有提纲的通知返回空并说明原因。"""
    require_notice(state, notice_id)
    drafter = state.services.drafter
    found = {c: o.model_dump(mode="json") for c, o in drafter.outlines(notice_id).items()}
    reason = None if found else drafter.missing_reason(notice_id)
    try:
        catalogue = drafter.catalogue(notice_id).model_dump(mode="json")["modes"]
    except OutlineMissingError:
        catalogue = {}
    return {"notice_id": notice_id, "outlines": found, "modes": catalogue, "missing_reason": reason}


@router.post("/draft", response_model=None)
def draft(request: DraftRequest, state: State) -> dict[str, Any] | Response:
    """按通知的参考提纲生成申报书正文草稿（JSON、Markdown 或 Word）。"""
    require_notice(state, request.notice_id)
    drafter = state.services.drafter
    try:
        result = drafter.draft(request.notice_id, request.category, request.modes, request.facts)
    except OutlineMissingError as exc:
        raise _outline_missing(exc) from None
    if request.format == "md":
        return PlainTextResponse(drafter.markdown(result, request.notes), media_type="text/markdown; charset=utf-8")
    if request.format == "docx":
        name = f"{request.notice_id}-{request.category}-申报书正文.docx"
        return Response(drafter.docx_bytes(result, request.notes), media_type=DOCX,
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
    return result.model_dump(mode="json")


@router.post("/draft/lint")
def lint(request: LintRequest, state: State) -> dict[str, Any]:
    """检查申报书正文：缺漏、顺序、编号、空节、待补充标记、未回应的要求、数字与事实不符、附件。"""
    require_notice(state, request.notice_id)
    drafter = state.services.drafter
    args = (request.notice_id, request.category, request.modes, request.facts)
    try:
        if request.file_base64 is not None:
            if not request.filename:
                raise ApiError(422, "上传文件须给出文件名（.md/.txt/.docx）", "filename is required with file_base64")
            try:
                data = base64.b64decode(request.file_base64, validate=True)
            except (binascii.Error, ValueError):
                raise ApiError(422, "file_base64 不是合法的 base64", "file_base64 is not valid base64") from None
            if len(data) > MAX_UPLOAD_BYTES:
                raise ApiError(413, "文件太大（上限 5 MB）", "file too large (5 MB max)")
            with state.engine_lock:
                report = drafter.lint_bytes(data, request.filename, *args)
        elif request.text is not None and request.text.strip():
            with state.engine_lock:
                report = drafter.lint(request.text, *args)
        else:
            raise ApiError(422, "请粘贴申报书正文（text）或上传文件（filename + file_base64）",
                           "give the draft as text, or as filename + file_base64")
    except OutlineMissingError as exc:
        raise _outline_missing(exc) from None
    return report.model_dump(mode="json")
