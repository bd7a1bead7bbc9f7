"""Fixtures: a local server, a ledger, settings with short timeouts, a watcher factory."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventledger.settings import Settings
from eventledger.store import Database
from eventledger.watch import HttpxFetcher, Source, Watcher
from tests.watch.doubles import FakeClock, FakeExtract
from tests.watch.server import LocalServer, serving


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as srv:
        yield srv


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(env={}, data_dir=tmp_path, watch_timeout_s=0.5, watch_host_interval_s=2,
                         watch_backoff_base_s=60, watch_backoff_max_s=1800, watch_item_attempts=3,
                         alert_backoff_base_s=10, alert_backoff_max_s=60, alert_timeout_s=2)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    yield db
    db.close()


WatcherFactory = Callable[..., Watcher]


@pytest.fixture
def make_watcher(ledger: Database, settings: Settings) -> Iterator[WatcherFactory]:
    fetchers: list[HttpxFetcher] = []

    def make(sources: list[Source], clock: FakeClock, extract: FakeExtract | None = None, **kw: object) -> Watcher:
        fetcher = HttpxFetcher(settings.watch_user_agent, settings.watch_timeout_s, settings.watch_max_bytes)
        fetchers.append(fetcher)
        return Watcher(ledger, sources, settings, extract or FakeExtract(), fetcher, clock, random.Random(7),
                       **kw)  # type: ignore[arg-type]

    yield make
    for fetcher in fetchers:
        fetcher.close()
