"""The migrations create exactly ``schema.py`` (plus full-text search), on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from eventledger.store import Database
from eventledger.store.fulltext import is_fulltext_object
from eventledger.store.migrate import current_revision, head_revision, upgrade
from eventledger.store.schema import metadata

TABLES = {"articles", "events", "event_actors", "claims", "evidence", "incidents", "audit_log", "users",
          "api_tokens", "places"}


def _include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not is_fulltext_object(name) and name != "alembic_version"


def test_first_use_creates_the_schema_and_it_matches_the_models(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        names = set(inspect(db.engine).get_table_names())
        assert names >= TABLES
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"include_object": _include, "compare_type": True})
            assert compare_metadata(ctx, metadata) == []
    finally:
        db.close()


def test_upgrade_is_idempotent(db_url: str) -> None:
    db = Database.open(db_url, upgrade=False)
    try:
        assert current_revision(db.engine) is None
        assert upgrade(db.engine) == head_revision()
        assert upgrade(db.engine) == head_revision()
    finally:
        db.close()


def test_sqlite_is_wal_with_foreign_keys(tmp_path: object) -> None:
    db = Database.open(f"sqlite:///{tmp_path}/x.sqlite")
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            fts = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'")).scalar()
            assert 'content="articles"' in fts  # the form Datasette detects for its search box
    finally:
        db.close()
