"""Fixtures for the alert tests: a ledger with a few events, a local webhook receiver, a clock."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from eventledger.alerts import Alerts, ChannelSpec, Mailer, WatchList, WatchLists
from eventledger.settings import Settings
from eventledger.store import Database, DocumentWriter, schema
from eventledger.watch import HttpxFetcher
from eventledger.web.audit import Actor
from tests.store.factories import variant
from tests.watch.doubles import FakeClock
from tests.watch.server import LocalServer, Seen, serving

WHO = Actor("test")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(env={}, data_dir=tmp_path, alert_backoff_base_s=10, alert_backoff_max_s=60,
                         alert_timeout_s=2, alert_attempts=4, alert_base_url="https://ledger.example")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    yield db
    db.close()


@dataclass
class Receiver:
    """The local webhook receiver: answers each POST with the next scripted status (then 204)."""

    server: LocalServer
    statuses: list[int]

    @property
    def url(self) -> str:
        return self.server.url("/hook")

    def posts(self) -> list[Seen]:
        with self.server.lock:
            return [r for r in self.server.requests if r.method == "POST"]

    def answer(self, seen: Seen) -> int:
        return self.statuses.pop(0) if self.statuses else 204


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serving() as server:
        rec = Receiver(server, [])
        server.on_post = rec.answer
        yield rec


@dataclass
class AlertEnv:
    db: Database
    settings: Settings
    clock: FakeClock
    fetchers: list[HttpxFetcher]
    mailer: Mailer | None = None

    def alerts(self, seed: int = 3) -> Alerts:
        """A fresh ``Alerts`` (a new one is what a restarted watcher builds)."""
        fetcher = HttpxFetcher("test", self.settings.alert_timeout_s, 1_000_000)
        self.fetchers.append(fetcher)
        return Alerts(self.db, self.settings, fetcher, self.mailer, self.clock, random.Random(seed))

    def add_events(self, *numbers: int, **overrides: Any) -> list[int]:
        DocumentWriter(self.db).write_batch([variant(n, **overrides) for n in numbers])
        with self.db.read() as conn:
            return list(conn.scalars(select(schema.events.c.id).order_by(schema.events.c.id.desc())
                                     .limit(len(numbers))))[::-1]

    def watchlist(self, query: str = "", *channels: ChannelSpec, backfill: bool = True,
                  name: str = "north") -> WatchList:
        return WatchLists(self.db).create(name, query, list(channels) or [ChannelSpec("atom")], WHO,
                                          self.clock.now(), backfill=backfill)

    def correct(self, event_id: int, **values: Any) -> None:
        """What a reviewer's correction does to the row: new values and a new ``updated_at``."""
        with self.db.begin_write() as conn:
            stamp = conn.scalar(select(schema.events.c.updated_at).where(schema.events.c.id == event_id))
            conn.execute(update(schema.events).where(schema.events.c.id == event_id)
                         .values(updated_at=stamp + timedelta(hours=1), **values))

    def deliveries(self) -> list[Any]:
        d = schema.watch_deliveries
        with self.db.read() as conn:
            return list(conn.execute(select(d).order_by(d.c.id)))


@pytest.fixture
def env(ledger: Database, settings: Settings) -> Iterator[AlertEnv]:
    alert_env = AlertEnv(ledger, settings, FakeClock(), [])
    yield alert_env
    for fetcher in alert_env.fetchers:
        fetcher.close()
