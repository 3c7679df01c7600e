"""All configuration, in one pydantic-settings class reached through `get_settings()`."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime settings; every field can be set as an environment variable `SHENBAO_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="SHENBAO_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="Folder of notice folders.")
    index_dir: Path = Field(default=PROJECT_ROOT / "index", description="Where `ingest` writes the index.")
    chroma_url: str | None = Field(default=None, description="Use a Chroma server instead of a local store.")
    embedder: str = Field(default="e5", description="e5 | use | st:<model or path> | fake")
    fusion: str = Field(default="rrf", description="How BM25 and dense ranks are fused: rrf | dense | bm25")
    rrf_k: int = Field(default=60, ge=1)
    bm25_weight: float = Field(default=1.0, ge=0)
    dense_weight: float = Field(default=1.0, ge=0)
    answer_type_weight: float = Field(default=1.0, ge=0, description="Weight of the answer-type list in fusion.")
    off_topic_similarity: float | None = Field(
        default=None,
        description="Below this best dense similarity, a question the clauses barely cover is out of scope. "
        "None: the value calibrated for the embedder (e5: 0.875); 0 disables.",
    )
    candidates: int = Field(default=50, ge=1, description="Candidates taken from each signal before fusion.")
    chunk_max_chars: int = Field(default=420, ge=80)
    chunk_min_chars: int = Field(default=60, ge=0)
    today: date | None = Field(default=None, description="Injectable clock for reproducible runs.")
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = Field(default=30.0, gt=0, description="Seconds before an LLM call gives up.")
    data_dir: Path = Field(default=PROJECT_ROOT / "data", description="Where the API keeps sessions (SQLite).")
    admin_token: str | None = Field(default=None, description="Bearer token for ingest/reindex endpoints.")
    api_token: str | None = Field(default=None, description="If set, every API call needs this bearer token.")
    max_message_chars: int = Field(default=2000, ge=10, description="Longest chat message accepted.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    def clock(self) -> date:
        return self.today or date.today()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process settings, built on first use (never at import time)."""
    return Settings()
