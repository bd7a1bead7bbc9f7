"""``PipelinedIngest`` with an in-process pool: bounded in-flight batches, failures per article."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import func, select

from eventledger.bulk import InlinePool, PipelinedIngest
from eventledger.bulk.worker import Outcome
from eventledger.errors import InputError
from eventledger.ingest.article import Article
from eventledger.store import Database, DocumentWriter, schema
from tests.bulk.fakes import fake_extract
from tests.store.consistency import ledger_problems
from tests.store.factories import TEXT

EXTRACT = fake_extract(None)  # type: ignore[arg-type]


def articles(n: int, start: int = 0) -> list[Article]:
    return [Article(id=f"a{i}", text=f"{TEXT} Item {i}.") for i in range(start, start + n)]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    yield database
    database.close()


class DeferredPool:
    """Holds submitted batches until asked, to observe back-pressure; runs them in order."""

    def __init__(self) -> None:
        self.workers = 2
        self.pending: dict[int, list[Article]] = {}
        self.max_pending = 0
        self.next = 0

    def submit(self, batch: list[Article]) -> int:
        self.next += 1
        self.pending[self.next] = batch
        self.max_pending = max(self.max_pending, len(self.pending))
        return self.next

    def wait_first(self, handles: Collection[Any]) -> list[Any]:
        return [max(handles)]  # the newest first: completion order differs from input order

    def result(self, handle: Any) -> list[Outcome]:
        return list(EXTRACT(self.pending.pop(handle)))

    def cancel(self, handles: Collection[Any]) -> None:
        for h in handles:
            self.pending.pop(h, None)


def count(db: Database, table: Any) -> int:
    with db.read() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def test_every_article_is_stored_once_whatever_the_completion_order(db: Database) -> None:
    pool = DeferredPool()
    items: list[Article | InputError] = [*articles(23), InputError("not UTF-8", source="bad.txt")]
    summary = PipelinedIngest(DocumentWriter(db), pool, batch_size=4, in_flight=3).run(items)
    assert (summary.read, summary.new, summary.failed) == (24, 23, 1)
    assert pool.max_pending <= 3
    assert count(db, schema.articles) == 23
    assert ledger_problems(db) == []
    again = PipelinedIngest(DocumentWriter(db), InlinePool(EXTRACT), batch_size=4, in_flight=3).run(articles(23))
    assert (again.new, again.duplicate) == (0, 23)


def test_a_lost_batch_fails_its_articles_and_a_rerun_finishes_the_job(db: Database) -> None:
    calls = {"n": 0}

    def flaky(batch: Sequence[Article]) -> list[Outcome]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("KilledWorker: the workers running this batch kept dying")
        return list(EXTRACT(batch))

    summary = PipelinedIngest(DocumentWriter(db), InlinePool(flaky), batch_size=5, in_flight=2).run(articles(15))
    assert (summary.new, summary.failed) == (10, 5)
    assert all("rerun to retry" in reason for _, reason in summary.failures)
    rerun = PipelinedIngest(DocumentWriter(db), InlinePool(EXTRACT), batch_size=5, in_flight=2).run(articles(15))
    assert (rerun.new, rerun.duplicate, rerun.failed) == (5, 10, 0)
    assert count(db, schema.articles) == 15 and ledger_problems(db) == []


def test_extraction_errors_are_reported_per_article(db: Database) -> None:
    items = [*articles(3), Article(id="broken", text=f"{TEXT} BROKEN")]
    summary = PipelinedIngest(DocumentWriter(db), InlinePool(EXTRACT), batch_size=2).run(items)
    assert (summary.new, summary.failed) == (3, 1)
    assert summary.failures[0][0] == "broken"
