"""Errors as JSON with a Chinese and an English message; bad input is a 4xx, never a 500."""

from __future__ import annotations

import logging

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


def _validation_detail(exc: RequestValidationError) -> list[str]:
    out = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        out.append(f"{where or '请求'}: {err.get('msg', '')}")
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(body(exc.status, exc.message, exc.message_en), status_code=exc.status)

    @app.exception_handler(UnknownNoticeError)
    async def unknown_notice(_: Request, exc: UnknownNoticeError) -> JSONResponse:
        return JSONResponse(body(404, f"没有这个通知：{exc}", str(exc)), status_code=404)

    @app.exception_handler(IndexMissingError)
    async def no_index(_: Request, exc: IndexMissingError) -> JSONResponse:
        return JSONResponse(body(503, f"索引不可用：{exc}", "the index is not built: run `shenbao ingest`"),
                            status_code=503)

    @app.exception_handler(ShenbaoError)
    async def shenbao_error(_: Request, exc: ShenbaoError) -> JSONResponse:
        return JSONResponse(body(400, str(exc), "the request could not be served as given"), status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return JSONResponse(body(400, "请求体不是合法的 JSON", "malformed JSON body"), status_code=400)
        detail = _validation_detail(exc)
        return JSONResponse(
            body(422, "请求格式不正确：" + "；".join(detail), "invalid request: " + "; ".join(detail)), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {404: ("找不到该地址", "not found"), 405: ("不支持该请求方法", "method not allowed")}
        zh, en = messages.get(exc.status_code, (str(exc.detail), str(exc.detail)))
        return JSONResponse(body(exc.status_code, zh, en), status_code=exc.status_code)
