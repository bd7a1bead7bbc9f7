"""Database URLs and engines: SQLite by default, PostgreSQL by URL (``--db`` / ``EVENTLEDGER_DB``).

SQLite is set up for a single-writer ledger that survives ``kill -9``: WAL journal (readers never
block the writer; a killed writer's uncommitted transaction is simply absent on reopen), foreign
keys on, a busy timeout instead of immediate "database is locked" errors, ``synchronous=NORMAL``
(durable against process crashes, which is what WAL needs). pysqlite's own implicit transaction
handling is switched off and SQLAlchemy issues ``BEGIN`` itself, as SQLAlchemy's documentation
recommends, so savepoints and transactional DDL behave.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from eventledger.errors import StoreError
from eventledger.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_DB_FILE = "eventledger.sqlite"
SQLITE_BEGIN_OPTION = "sqlite_begin"  # execution option: "IMMEDIATE" takes the write lock up front


def resolve_db_url(settings: Settings, override: str | None = None) -> str:
    """``--db`` beats the ``db`` setting (``EVENTLEDGER_DB``); else the SQLite file in ``data_dir``.

    A bare file path is taken as a SQLite file; ``postgresql://`` means the psycopg 3 driver.
    """
    raw = (override or settings.db or "").strip()
    if not raw:
        return f"sqlite:///{Path(settings.data_dir) / DEFAULT_DB_FILE}"
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if raw.startswith(plain):
            return "postgresql+psycopg://" + raw[len(plain):]
    return raw


def redacted(url: str) -> str:
    """The URL without its password, for logs and messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid database URL>"


def create_db_engine(url: str, busy_timeout_ms: int = 30_000) -> Engine:
    """An engine for ``url``; raises ``StoreError`` for malformed URLs or missing drivers."""
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
        if backend == "sqlite":
            return _sqlite_engine(url, parsed.database, busy_timeout_ms)
        if backend == "postgresql":
            return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot use database {redacted(url)}: {exc}") from exc
    raise StoreError(f"unsupported database {redacted(url)}: use sqlite:///FILE or postgresql+psycopg://…")


def _sqlite_engine(url: str, database: str | None, busy_timeout_ms: int) -> Engine:
    in_memory = not database or database == ":memory:" or database.startswith("file::memory:")
    if not in_memory:
        try:
            Path(database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {database}: {exc.strerror or exc}") from exc
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
        cur = dbapi_conn.cursor()
        if not in_memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(SQLITE_BEGIN_OPTION, "")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")

    return engine
