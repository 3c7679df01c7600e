"""Chat sessions in SQLite under the data dir: the conversation state (history, scope, the applicant
facts gathered so far) per session id. One connection per thread; writes are short transactions."""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

SCHEMA = """
create table if not exists sessions (
    id text primary key,
    created real not null,
    updated real not null,
    state text not null
);
create table if not exists messages (
    session_id text not null references sessions(id) on delete cascade,
    seq integer not null,
    body text not null,
    primary key (session_id, seq)
);
"""
MAX_TRANSCRIPT = 200  # messages returned per session for display; the state keeps what the logic needs


class SessionStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connect() as db:
            db.execute("pragma journal_mode=wal")
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("pragma busy_timeout=30000")
            db.execute("pragma foreign_keys=on")
            db.execute("pragma synchronous=normal")  # with WAL: durable across app crashes, one fsync per checkpoint
            self._local.db = db
        return db

    @staticmethod
    def new_id() -> str:
        return secrets.token_urlsafe(12)

    def load(self, session_id: str) -> dict[str, Any] | None:
        db = self._connect()
        row = db.execute("select state, created, updated from sessions where id = ?", (session_id,)).fetchone()
        if row is None:
            return None
        bodies = db.execute(
            "select body from (select seq, body from messages where session_id = ? order by seq desc limit ?) "
            "order by seq", (session_id, MAX_TRANSCRIPT)).fetchall()
        return {"id": session_id, "state": json.loads(row[0]), "messages": [json.loads(b) for (b,) in bodies],
                "created": row[1], "updated": row[2]}

    def save(self, session_id: str, state: dict[str, Any], new_messages: list[dict[str, Any]]) -> None:
        """Store the new state and append the new messages, in one transaction."""
        db = self._connect()
        now = time.time()
        db.execute("begin immediate")
        try:
            db.execute(
                "insert into sessions values (?, ?, ?, ?) on conflict(id) do update set state = excluded.state, "
                "updated = excluded.updated", (session_id, now, now, json.dumps(state, ensure_ascii=False)))
            last = db.execute("select coalesce(max(seq), 0) from messages where session_id = ?", (session_id,)).fetchone()[0]
            db.executemany("insert into messages values (?, ?, ?)", [
                (session_id, last + i, json.dumps(m, ensure_ascii=False)) for i, m in enumerate(new_messages, start=1)
            ])
            db.execute("commit")
        except BaseException:
            db.execute("rollback")
            raise

    def delete(self, session_id: str) -> bool:
        db = self._connect()
        db.execute("delete from messages where session_id = ?", (session_id,))
        return db.execute("delete from sessions where id = ?", (session_id,)).rowcount > 0

    def count(self) -> int:
        return int(self._connect().execute("select count(*) from sessions").fetchone()[0])
