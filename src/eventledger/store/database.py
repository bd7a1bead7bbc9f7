"""``Database``: an engine on a migrated ledger, the one handle the rest of the code passes around."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import SQLAlchemyError

from eventledger.errors import StoreError
from eventledger.settings import Settings
from eventledger.store import schema
from eventledger.store.engine import SQLITE_BEGIN_OPTION, create_db_engine, redacted, resolve_db_url
from eventledger.store.migrate import ensure_current

log = logging.getLogger(__name__)

# SQLite limits bound parameters per statement; stay well below it when matching many keys.
_IN_CHUNK = 500


class Database:
    """An open ledger. ``Database.open`` creates or upgrades the schema on first use."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True, busy_timeout_ms: int = 30_000) -> Database:
        engine = create_db_engine(url, busy_timeout_ms=busy_timeout_ms)
        if upgrade:
            ensure_current(engine)
        log.info("database: %s", redacted(url))
        return cls(engine, url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return redacted(self.url)

    @contextmanager
    def begin_write(self) -> Iterator[Connection]:
        """A write transaction; on SQLite it takes the write lock at once (no upgrade deadlocks)."""
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {_one_line(exc)}") from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only use of one connection (one transaction, so a streamed query sees one snapshot)."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database read failed: {_one_line(exc)}") from exc

    def existing_keys(self, hashes: Iterable[str], urls: Iterable[str]) -> tuple[set[str], set[str]]:
        """Which content hashes and URLs are already stored (to skip work before extraction)."""
        art = schema.articles
        found_hashes: set[str] = set()
        found_urls: set[str] = set()
        with self.read() as conn:
            for chunk in _chunks(sorted(set(hashes))):
                found_hashes.update(conn.scalars(select(art.c.content_hash).where(art.c.content_hash.in_(chunk))))
            for chunk in _chunks(sorted(set(urls))):
                found_urls.update(u for u in conn.scalars(select(art.c.url).where(art.c.url.in_(chunk))) if u)
        return found_hashes, found_urls

    def close(self) -> None:
        self.engine.dispose()


def open_database(settings: Settings, url: str | None = None, *, upgrade: bool = True) -> Database:
    """The database named by ``url`` (``--db``), else the ``db`` setting, else the default file."""
    return Database.open(resolve_db_url(settings, url), upgrade=upgrade,
                         busy_timeout_ms=settings.db_busy_timeout_ms)


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), _IN_CHUNK):
        yield values[i:i + _IN_CHUNK]


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {text[0] if text else ''}"
