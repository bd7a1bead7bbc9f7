"""``DocumentWriter``: stored documents → database, a batch per transaction, an article per savepoint.

Why this shape: committing per batch keeps SQLite and PostgreSQL fast (one fsync per batch, not
per article) while a savepoint per article keeps each article all-or-nothing, so one malformed
document fails alone. A crash (even ``kill -9``) loses only the uncommitted batch; nothing of it is
visible afterwards and a rerun writes it again. Duplicates are refused by the database itself
(``content_hash`` and ``url`` are unique; ``INSERT … ON CONFLICT DO NOTHING``), so two writers,
or a rerun racing a crashed run's leftovers, can never store an article twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Insert, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from eventledger.store import schema
from eventledger.store.database import Database
from eventledger.store.rows import ArticleRows, document_rows

log = logging.getLogger(__name__)

Outcome = Literal["new", "duplicate", "failed"]


@dataclass(frozen=True)
class WriteResult:
    """What happened to one document: ``article_id`` is the database id of a new article."""

    outcome: Outcome
    external_id: str
    article_id: int | None = None
    n_events: int = 0
    reason: str | None = None


class DocumentWriter:
    """Writes stored documents (``documents.stored_document``) into a ``Database``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def write_batch(self, documents: Sequence[dict[str, Any]]) -> list[WriteResult]:
        """Write ``documents`` in one transaction; results are in input order."""
        if not documents:
            return []
        now = datetime.now(UTC)
        results: list[WriteResult] = []
        with self.db.begin_write() as conn:
            for doc in documents:
                results.append(self._write_one(conn, doc, now))
        return results

    def _write_one(self, conn: Connection, doc: dict[str, Any], now: datetime) -> WriteResult:
        external_id = str((doc.get("article") or {}).get("id") or "?")
        try:
            rows = document_rows(doc, now)
        except (KeyError, ValueError, TypeError) as exc:
            return WriteResult("failed", external_id, reason=f"malformed document: {exc.__class__.__name__}: {exc}")
        try:
            with conn.begin_nested():
                article_id = self._insert_article(conn, rows)
                if article_id is None:
                    return WriteResult("duplicate", external_id)
                self._insert_children(conn, article_id, rows)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            log.warning("article %s not stored: %s", external_id, reason[0] if reason else exc)
            return WriteResult("failed", external_id, reason=f"database refused it: {reason[0] if reason else exc}")
        return WriteResult("new", external_id, article_id, len(rows.events))

    def _insert_ignoring_duplicates(self) -> Insert:
        if self.db.dialect == "postgresql":
            return postgresql.insert(schema.articles).on_conflict_do_nothing()
        if self.db.dialect == "sqlite":
            return sqlite.insert(schema.articles).on_conflict_do_nothing()
        return insert(schema.articles)

    def _insert_article(self, conn: Connection, rows: ArticleRows) -> int | None:
        stmt = self._insert_ignoring_duplicates().values(**rows.article).returning(schema.articles.c.id)
        return conn.execute(stmt).scalar_one_or_none()

    @staticmethod
    def _insert_children(conn: Connection, article_id: int, rows: ArticleRows) -> None:
        if rows.places:
            conn.execute(insert(schema.places), [{**p, "article_id": article_id} for p in rows.places])
        if not rows.events:
            return
        stmt = insert(schema.events).returning(schema.events.c.id, sort_by_parameter_order=True)
        event_ids = conn.execute(stmt, [{**e.event, "article_id": article_id} for e in rows.events]).scalars().all()
        children: dict[Any, list[dict[str, Any]]] = {schema.event_actors: [], schema.claims: [], schema.evidence: []}
        for event_id, ev in zip(event_ids, rows.events, strict=True):
            children[schema.event_actors] += [{**a, "event_id": event_id} for a in ev.actors]
            children[schema.claims] += [{**c, "event_id": event_id} for c in ev.claims]
            children[schema.evidence] += [{**s, "event_id": event_id} for s in ev.evidence]
        for table, table_rows in children.items():
            if table_rows:
                conn.execute(insert(table), table_rows)
