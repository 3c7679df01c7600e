"""The app factory: `create_app(settings, services)` wires routers, error handlers, the session store
and the web page; nothing is built at import time. `shenbao serve` runs it with uvicorn."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from assistant.services import Services
from assistant.settings import Settings, get_settings

from . import errors
from .deps import AppState, State, require_api_token
from .edge import RejectInvalidText
from .routers import admin, chat, drafting, eligibility, notices, openai_compat, search
from .sessions import SessionStore

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("shenbao.api")


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or (services.settings if services else get_settings())
    services = services or Services(settings)
    # FastAPIOffline serves Swagger UI and ReDoc from the package's own files: /docs works without a CDN
    app = FastAPIOffline(
        title="Shenbao 申报助手 API",
        version="0.1.0",
        description="服务型制造示范遴选问答、资格自查与申报书起草。Answers quote the notices; eligibility is "
        "decided by rules, never by a language model.",
        favicon_url="data:,",
    )
    app.state.shenbao = AppState(services, SessionStore(Path(settings.data_dir) / "sessions.sqlite3"), threading.Lock())
    errors.install(app)
    app.add_middleware(RejectInvalidText)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:  # the last resort: logged, never a traceback
        log.exception("unexpected error", exc_info=exc)
        return JSONResponse(errors.body(500, "服务器内部错误，请稍后重试", "internal error"), status_code=500)

    guarded = [Depends(require_api_token)]
    for router in (chat.router, search.router, eligibility.router, drafting.router, notices.router):
        app.include_router(router, prefix="/api", dependencies=guarded)
    app.include_router(openai_compat.router, prefix="/v1", dependencies=guarded)
    app.include_router(admin.router, prefix="/api/admin")

    @app.get("/healthz", tags=["meta"])
    def healthz(state: State) -> dict[str, object]:
        current = state.services
        index = current.index
        return {"status": "ok", "generation": index.generation, "notices": len(index.notice_ids),
                "chunks": len(index.chunks), "embedder": current.embedder.spec,
                "llm": bool(settings.llm_base_url and settings.llm_model)}

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
