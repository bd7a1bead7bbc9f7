"""``PipelinedIngest``: the ingest run with extraction on a ``TaskPool`` (a Dask cluster).

The main process reads the inputs, drops what is stored already, submits batches and stores the
results; the workers only extract (or, with PostgreSQL, also write). At most ``in_flight``
batches are out at once: input is read only as results come back, so memory stays flat however
large the corpus (back-pressure).

Results are stored in *completion* order, not input order. Order does not matter for
correctness: an article is identified by its normalised content hash (and URL), the writer's
unique keys refuse a second copy, and every article is written in one transaction. So:
- a worker that dies mid-batch loses nothing: Dask reruns the batch on another worker (a batch
  that keeps killing workers is reported as failed, not written, and a rerun retries it);
- a crash of the main process loses only the batches not yet committed; rerunning the command
  skips what was stored and finishes the job;
- with workers writing, a batch rerun after its worker died may find its articles stored already:
  they are counted as duplicates, never stored twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from eventledger.bulk.pool import TaskPool
from eventledger.errors import InputError
from eventledger.ingest.article import Article
from eventledger.store.load import Ingest, IngestSummary, Progress
from eventledger.store.writer import DocumentWriter, WriteResult


def _batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


class PipelinedIngest(Ingest):
    """An ``Ingest`` whose extraction runs on ``pool`` with at most ``in_flight`` batches out."""

    def __init__(self, writer: DocumentWriter, pool: TaskPool, batch_size: int = 16, in_flight: int = 4,
                 on_progress: Progress | None = None, on_failure: Callable[[str, str], None] | None = None,
                 workers_write: bool = False, per_worker: int | None = None) -> None:
        """At most ``in_flight`` batches are out, or ``per_worker`` times the pool's workers when given
        (the pool may learn its size only when it starts)."""
        super().__init__(writer, self._unused_extract, batch_size, on_progress, on_failure)
        self.pool = pool
        self._in_flight = max(1, in_flight)
        self.per_worker = per_worker
        self.workers_write = workers_write
        self._pending: dict[Any, list[Article]] = {}

    @property
    def in_flight(self) -> int:
        return max(1, self.per_worker * self.pool.workers) if self.per_worker else self._in_flight

    @staticmethod
    def _unused_extract(articles: Any) -> list[dict[str, Any] | InputError]:
        raise RuntimeError("PipelinedIngest extracts on its pool")

    def run(self, items: Iterable[Article | InputError]) -> IngestSummary:
        try:
            for batch in _batches(items, self.batch_size):
                fresh = self.prepare(batch)
                if fresh:
                    self._pending[self.pool.submit(fresh)] = fresh
                while len(self._pending) >= self.in_flight:
                    self._collect()
                self._progress()
            while self._pending:
                self._collect()
        finally:
            self.pool.cancel(list(self._pending))
            self._pending.clear()
        return self.summary

    def _progress(self) -> None:
        if self.on_progress:
            self.on_progress(self.summary)

    def _collect(self) -> None:
        """Store the results of the batches that are done (at least one; waits for it)."""
        for handle in self.pool.wait_first(list(self._pending)):
            fresh = self._pending.pop(handle)
            try:
                outcomes = self.pool.result(handle)
            except Exception as exc:  # noqa: BLE001 - a lost batch is reported per article, the run goes on
                reason = f"extraction lost on the cluster ({exc.__class__.__name__}: {exc}); rerun to retry"
                self.tally(fresh, [InputError(reason, source=a.origin or a.id) for a in fresh])
                continue
            if self.workers_write:
                self.tally(fresh, [o if isinstance(o, InputError | WriteResult) else
                                   InputError("worker returned a document instead of storing it")
                                   for o in outcomes])
            else:
                self.store(fresh, [o for o in outcomes if not isinstance(o, WriteResult)])
            self._progress()
