"""Admin endpoints (bearer `SHENBAO_ADMIN_TOKEN`): re-ingest the corpus and serve the new index."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from assistant.ingest import ingest

from ..deps import State, require_admin_token

router = APIRouter(tags=["admin"], dependencies=[Depends(require_admin_token)])


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
