"""Ingest on a real Dask ``LocalCluster`` (two worker processes) with a fake extraction step.

A worker that dies mid-batch loses nothing and duplicates nothing: Dask's nanny restarts it and
the scheduler reruns the batch. With PostgreSQL the workers write their articles themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventledger.bulk import PipelinedIngest, dask_pool
from eventledger.errors import ClusterError
from eventledger.ingest.article import Article
from eventledger.settings import Settings
from eventledger.store import Database, DocumentWriter, schema
from tests.bulk.fakes import crashing_extract, fake_extract
from tests.store.consistency import ledger_problems
from tests.store.factories import TEXT

SETTINGS = Settings.load(env={})


def articles(n: int, marker: Path | None = None) -> list[Article]:
    out = [Article(id=f"a{i}", text=f"{TEXT} Item {i}.") for i in range(n)]
    if marker is not None:
        out[n // 2] = Article(id="crasher", text=f"{TEXT} CRASH here.", extra={"crash_marker": str(marker)})
    return out


def stored(db: Database) -> int:
    with db.read() as conn:
        return int(conn.scalar(select(func.count()).select_from(schema.articles)) or 0)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    yield db
    db.close()


def test_a_worker_dying_mid_batch_loses_and_duplicates_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    marker = tmp_path / "crashed"
    with dask_pool(SETTINGS, workers=2, factory=crashing_extract) as pool:
        assert pool.workers == 2
        run = PipelinedIngest(DocumentWriter(sqlite_db), pool, batch_size=3, in_flight=4)
        summary = run.run(articles(24, marker))
    assert marker.exists(), "the worker was meant to crash once"
    assert (summary.new, summary.failed, summary.duplicate) == (24, 0, 0)
    assert stored(sqlite_db) == 24 and ledger_problems(sqlite_db) == []


def test_workers_write_directly_into_postgresql(pg_url: str) -> None:
    db = Database.open(pg_url)
    try:
        with dask_pool(SETTINGS, workers=2, write_url=pg_url, factory=fake_extract) as pool:
            summary = PipelinedIngest(DocumentWriter(db), pool, batch_size=4, in_flight=4,
                                      workers_write=True).run(articles(20))
        assert (summary.new, summary.failed) == (20, 0)
        assert stored(db) == 20 and ledger_problems(db) == []
    finally:
        db.close()


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ClusterError, match="Dask cluster"), \
            dask_pool(SETTINGS, scheduler="tcp://127.0.0.1:9", factory=fake_extract, connect_timeout="2s"):
        pass
