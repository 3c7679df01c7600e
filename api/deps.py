"""What routers get injected: the app's services (built once), the session store, the engine lock,
and the optional bearer-token checks."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.services import Services

from .errors import ApiError
from .sessions import SessionStore


@dataclass
class AppState:
    services: Services
    sessions: SessionStore
    # The models and the index are shared by all requests; one computation at a time keeps the
    # embedding engine and Chroma's local client safe without relying on their thread safety.
    engine_lock: threading.Lock


def app_state(request: Request) -> AppState:
    return request.app.state.shenbao  # type: ignore[no-any-return]


State = Annotated[AppState, Depends(app_state)]
bearer = HTTPBearer(auto_error=False)


def _token_ok(given: HTTPAuthorizationCredentials | None, expected: str) -> bool:
    return given is not None and secrets.compare_digest(given.credentials.encode(), expected.encode())


def require_api_token(
    state: State, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    expected = state.services.settings.api_token
    if expected and not _token_ok(credentials, expected):
        raise ApiError(401, "需要有效的访问令牌", "a valid bearer token is required")


def require_admin_token(
    state: State, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    expected = state.services.settings.admin_token
    if not expected:
        raise ApiError(403, "未配置管理令牌（SHENBAO_ADMIN_TOKEN），管理接口已关闭",
                       "admin endpoints are disabled until SHENBAO_ADMIN_TOKEN is set")
    if not _token_ok(credentials, expected):
        raise ApiError(401, "需要有效的管理令牌", "a valid admin bearer token is required")


def require_notice(state: AppState, notice_id: str) -> None:
    """404 for an id the index does not hold, naming the ids it does hold."""
    known = state.services.index.notice_ids
    if notice_id not in known:
        shown = notice_id if len(notice_id) <= 40 else notice_id[:40] + "…"
        raise ApiError(404, f"没有这个通知：{shown}（现有：{'、'.join(known)}）",
                       f"unknown notice {shown!r} (indexed: {', '.join(known)})")
