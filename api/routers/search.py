"""`GET /api/search`: the hybrid index, as `shenbao search --json` returns it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from assistant.retrieval import hit_rows

from ..conversations import check_notice_ids
from ..deps import State
from ..errors import ApiError

router = APIRouter(tags=["search"])


@router.get("/search")
def search(
    state: State,
    q: Annotated[str, Query(description="检索问题", max_length=2000)],
    k: Annotated[int, Query(ge=1, le=50)] = 5,
    notice: Annotated[list[str] | None, Query(description="只检索这些通知")] = None,
    mode: Literal["hybrid", "bm25", "dense"] = "hybrid",
) -> dict[str, object]:
    """检索通知条款（BM25 + 向量混合）。"""
    if not q.strip():
        raise ApiError(422, "检索问题为空", "the query is empty")
    notices = check_notice_ids(state, notice) or []
    with state.engine_lock:
        hits = state.services.retriever.search(q, k=k, filters={"notice_id": notices}, mode=mode)
    return {"query": q, "hits": hit_rows(hits)}
