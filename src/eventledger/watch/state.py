"""Per-source state and per-item memory in the ledger database, so a restart resumes where the last
run stopped: when each source is next due, its validators (ETag, Last-Modified), its failure
streak, and which listed items were already ingested (or found to be duplicates) and need no fetch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from eventledger.store import Database, schema
from eventledger.watch.clock import as_utc
from eventledger.watch.sources import Source

ws, wi = schema.watch_sources, schema.watch_items
DONE_STATUSES = ("new", "duplicate")


@dataclass(frozen=True)
class SourceState:
    id: int
    name: str
    url: str
    kind: str | None
    last_poll_at: datetime | None
    last_ok_at: datetime | None
    last_new_at: datetime | None
    next_poll_at: datetime | None
    failures: int
    total_failures: int
    polls: int
    not_modified: int
    items_new: int
    items_duplicate: int
    items_failed: int
    last_error: str | None
    etag: str | None
    last_modified: str | None

    @classmethod
    def from_row(cls, row: Any) -> SourceState:
        values = dict(row._mapping)
        for key in ("last_poll_at", "last_ok_at", "last_new_at", "next_poll_at"):
            values[key] = as_utc(values[key])
        return cls(**values)


@dataclass(frozen=True)
class ItemMemory:
    status: str
    attempts: int


class WatchState:
    """Reads and writes ``watch_sources`` and ``watch_items``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def sync(self, sources: Sequence[Source]) -> dict[str, int]:
        """Rows for the configured sources (created or their URL updated): name → id."""
        ids: dict[str, int] = {}
        with self.db.begin_write() as conn:
            existing = {r.name: (r.id, r.url) for r in conn.execute(select(ws.c.id, ws.c.name, ws.c.url))}
            for source in sources:
                found = existing.get(source.name)
                if found is None:
                    ids[source.name] = int(conn.execute(insert(ws).values(name=source.name, url=source.url)
                                                        .returning(ws.c.id)).scalar_one())
                    continue
                ids[source.name] = found[0]
                if found[1] != source.url:  # a moved feed starts afresh: old validators mean nothing there
                    conn.execute(update(ws).where(ws.c.id == found[0]).values(url=source.url, etag=None,
                                                                                last_modified=None))
        return ids

    def get(self, source_id: int) -> SourceState:
        with self.db.read() as conn:
            return SourceState.from_row(conn.execute(select(ws).where(ws.c.id == source_id)).one())

    def all(self, names: Iterable[str] | None = None) -> list[SourceState]:
        query = select(ws).order_by(ws.c.name)
        if names is not None:
            query = query.where(ws.c.name.in_(list(names)))
        with self.db.read() as conn:
            return [SourceState.from_row(r) for r in conn.execute(query)]

    def save(self, source_id: int, **values: Any) -> None:
        with self.db.begin_write() as conn:
            conn.execute(update(ws).where(ws.c.id == source_id).values(**values))

    def add_counts(self, conn: Connection, source_id: int, **deltas: int) -> None:
        conn.execute(update(ws).where(ws.c.id == source_id).values(
            **{name: getattr(ws.c, name) + n for name, n in deltas.items() if n}))

    def memory(self, source_id: int, keys: Sequence[str]) -> dict[str, ItemMemory]:
        out: dict[str, ItemMemory] = {}
        with self.db.read() as conn:
            for i in range(0, len(keys), 500):
                rows = conn.execute(select(wi.c.item_key, wi.c.status, wi.c.attempts)
                                    .where(wi.c.source_id == source_id, wi.c.item_key.in_(keys[i:i + 500])))
                out.update({r.item_key: ItemMemory(r.status, r.attempts) for r in rows})
        return out

    def stored_urls(self, urls: Sequence[str]) -> set[str]:
        return self.db.existing_keys((), urls)[1]

    def record_item(self, source_id: int, key: str, url: str | None, title: str | None, status: str, now: datetime,
                    *, article_id: int | None = None, error: str | None = None, attempted: bool = True) -> None:
        """Upsert the item's outcome and count it on the source, in one transaction."""
        with self.db.begin_write() as conn:
            row = conn.execute(select(wi.c.id, wi.c.attempts).where(wi.c.source_id == source_id,
                                                                      wi.c.item_key == key)).one_or_none()
            values = {"status": status, "article_id": article_id, "last_error": error, "updated_at": now}
            if row is None:
                conn.execute(insert(wi).values(source_id=source_id, item_key=key, url=url, title=title,
                                               first_seen_at=now, attempts=int(attempted), **values))
            else:
                conn.execute(update(wi).where(wi.c.id == row.id).values(attempts=row.attempts + int(attempted),
                                                                        **values))
            counter = {"new": "items_new", "duplicate": "items_duplicate", "failed": "items_failed"}.get(status)
            if counter:
                self.add_counts(conn, source_id, **{counter: 1})
                if status == "new":
                    conn.execute(update(ws).where(ws.c.id == source_id).values(last_new_at=now))

    def article_id_for(self, content_hash: str) -> int | None:
        art = schema.articles
        with self.db.read() as conn:
            found = conn.execute(select(art.c.id).where(art.c.content_hash == content_hash)).scalar_one_or_none()
        return int(found) if found is not None else None

    def item_counts(self) -> dict[str, int]:
        with self.db.read() as conn:
            return {r.status: int(r.n) for r in conn.execute(select(wi.c.status, func.count().label("n"))
                                                             .group_by(wi.c.status))}
