"""Run the packaged Alembic migrations: ``eventledger db upgrade`` and automatically on first use."""

from __future__ import annotations

import logging

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from eventledger.errors import StoreError

log = logging.getLogger(__name__)

SCRIPT_LOCATION = "eventledger.store:migrations"
# Any constant works: two processes upgrading one PostgreSQL database wait for each other.
_PG_LOCK_KEY = 0x6576_6C65


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the database's schema version: {exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0]}") from exc


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Bring the database to ``revision``; returns the revision it is at afterwards."""
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except SQLAlchemyError as exc:
        raise StoreError(f"database migration failed: {exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0]}") from exc
    return current_revision(engine)


def ensure_current(engine: Engine) -> None:
    """Upgrade when the database is behind the packaged migrations (first use creates the schema)."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    log.info("upgrading database schema %s -> %s", current or "(empty)", head)
    upgrade(engine)
