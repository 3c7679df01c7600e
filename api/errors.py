"""Errors as JSON with a Chinese and an English message; bad input is a 4xx, never a 500."""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import IndexMissingError, ShenbaoError, UnknownNoticeError

log = logging.getLogger("shenbao.api")


class ApiError(Exception):
    def __init__(self, status: int, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.status, self.message, self.message_en = status, message, message_en


def body(status: int, message: str, message_en: str, **extra: object) -> dict[str, object]:
    return {"error": {"status": status, "message": message, "message_en": message_en, **extra}}


# Pydantic's error types in Chinese (the English `msg` goes to message_en); {name} is filled from ctx.
VALIDATION_ZH = {
    "missing": "缺少此项",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "literal_error": "取值应为以下之一：{expected}",
    "enum": "取值应为以下之一：{expected}",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}",
    "less_than": "应小于 {lt}",
    "string_too_long": "过长（上限 {max_length} 字）",
    "string_too_short": "过短",
    "too_long": "项数过多",
    "too_short": "项数过少",
    "extra_forbidden": "不是可用的字段",
}
LOCATIONS = {"body", "query", "path", "header", "cookie"}


def _listing(text: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" as "a、b、c"."""
    return "、".join(part.strip().strip("'\"") for part in re.split(r",\s*|\s+or\s+", text) if part.strip())


def _zh(err: dict[str, object]) -> str:
    template = VALIDATION_ZH.get(str(err.get("type")), "取值不合法")
    ctx = {k: _listing(str(v)) for k, v in dict(err.get("ctx") or {}).items()}  # type: ignore[call-overload]
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):  # a placeholder pydantic did not fill: the text before it
        return template.split("{")[0].rstrip("：: ") or "取值不合法"


def _validation_detail(exc: RequestValidationError) -> tuple[list[str], list[str]]:
    zh, en = [], []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in LOCATIONS)
        zh.append(f"{where or '请求体'}：{_zh(err)}")
        en.append(f"{where or 'body'}: {err.get('msg', '')}")
    return zh, en


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(body(exc.status, exc.message, exc.message_en), status_code=exc.status)

    @app.exception_handler(UnknownNoticeError)
    async def unknown_notice(_: Request, exc: UnknownNoticeError) -> JSONResponse:
        # the library's text may be English (it is written for the CLI): the Chinese message stands alone
        return JSONResponse(body(404, "没有这个通知", str(exc)), status_code=404)

    @app.exception_handler(IndexMissingError)
    async def no_index(_: Request, exc: IndexMissingError) -> JSONResponse:
        return JSONResponse(body(503, "索引尚未建立，请先运行 shenbao ingest", f"the index is not available: {exc}"),
                            status_code=503)

    @app.exception_handler(ShenbaoError)
    async def shenbao_error(_: Request, exc: ShenbaoError) -> JSONResponse:
        return JSONResponse(body(400, str(exc), "the request could not be served as given"), status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return JSONResponse(body(400, "请求体不是合法的 JSON", "malformed JSON body"), status_code=400)
        zh, en = _validation_detail(exc)
        return JSONResponse(
            body(422, "请求格式不正确：" + "；".join(zh), "invalid request: " + "; ".join(en)), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {404: ("找不到该地址", "not found"), 405: ("不支持该请求方法", "method not allowed")}
        zh, en = messages.get(exc.status_code, (f"请求无法处理（HTTP {exc.status_code}）", str(exc.detail)))
        return JSONResponse(body(exc.status_code, zh, en), status_code=exc.status_code)
