"""Ingest orchestration: articles → (skip known) → extract → write, in batches, streaming.

Memory stays flat in the number of articles: input is consumed a batch at a time and nothing but
counters and the failure list (capped) outlives a batch. Articles already stored (same normalised
content hash, or same URL) are skipped *before* extraction, so rerunning an interrupted ingest only
extracts what is missing. The writer still enforces uniqueness, for races with other writers.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventledger.errors import InputError
from eventledger.ingest.article import Article
from eventledger.store.documents import ExtractBatch, article_keys
from eventledger.store.writer import DocumentWriter, WriteResult

MAX_LISTED_FAILURES = 1000


@dataclass
class IngestSummary:
    """Counts for the end-of-run summary; ``failures`` holds (where, reason) pairs, capped."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, where: str, reason: str) -> None:
        self.failed += 1
        if len(self.failures) < MAX_LISTED_FAILURES:
            self.failures.append((where, reason))


Progress = Callable[[IngestSummary], None]


def _batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


class Ingest:
    """One ingest run into ``writer``'s database with ``extract`` doing the NLP."""

    def __init__(self, writer: DocumentWriter, extract: ExtractBatch, batch_size: int = 50,
                 on_progress: Progress | None = None, on_failure: Callable[[str, str], None] | None = None) -> None:
        self.writer = writer
        self.extract = extract
        self.batch_size = batch_size
        self.on_progress = on_progress
        self.on_failure = on_failure
        self.summary = IngestSummary()

    def run(self, items: Iterable[Article | InputError]) -> IngestSummary:
        for batch in _batches(items, self.batch_size):
            self._batch(batch)
            if self.on_progress:
                self.on_progress(self.summary)
        return self.summary

    def _fail(self, where: str, reason: str) -> None:
        self.summary.fail(where, reason)
        if self.on_failure:
            self.on_failure(where, reason)

    def _batch(self, batch: list[Article | InputError]) -> None:
        fresh = self.prepare(batch)
        if fresh:
            self.store(fresh, self.extract(fresh))

    def prepare(self, batch: list[Article | InputError]) -> list[Article]:
        """Count a batch as read, record its input errors and drop what is stored already: the
        articles left need extracting. (The Dask ingest calls the steps itself, see ``eventledger.bulk``.)"""
        articles: list[Article] = []
        for item in batch:
            self.summary.read += 1  # unreadable inputs count as read (they were found) and failed
            if isinstance(item, InputError):
                where = item.source or "<input>"
                self._fail(where if item.line is None else f"{where}:{item.line}", item.message)
            else:
                articles.append(item)
        return self._unseen(articles)

    def store(self, fresh: Sequence[Article], docs: Sequence[dict[str, Any] | InputError]) -> None:
        """Write the extracted documents of ``fresh`` (one transaction) and count the outcomes."""
        to_write = [d for d in docs if not isinstance(d, InputError)]
        results = iter(self.writer.write_batch(to_write))
        self.tally(fresh, [d if isinstance(d, InputError) else next(results) for d in docs])

    def tally(self, fresh: Sequence[Article], outcomes: Sequence[WriteResult | InputError]) -> None:
        """Count what became of each article of ``fresh``: stored, duplicate, or failed with a reason."""
        for article, outcome in zip(fresh, outcomes, strict=True):
            where = article.origin or article.id
            if isinstance(outcome, InputError):
                self._fail(where, outcome.message)
            elif outcome.outcome == "new":
                self.summary.new += 1
                self.summary.events += outcome.n_events
            elif outcome.outcome == "duplicate":
                self.summary.duplicate += 1
            else:
                self._fail(where, outcome.reason or "not stored")

    def _unseen(self, articles: list[Article]) -> list[Article]:
        """Articles not yet stored and not repeated earlier in this batch; the rest are duplicates."""
        keys = [article_keys(a) for a in articles]
        stored_hashes, stored_urls = self.writer.db.existing_keys((h for h, _ in keys), (u for _, u in keys if u))
        seen_hashes, seen_urls = set(stored_hashes), set(stored_urls)
        fresh: list[Article] = []
        for article, (content_hash, url) in zip(articles, keys, strict=True):
            if content_hash in seen_hashes or (url is not None and url in seen_urls):
                self.summary.duplicate += 1
                continue
            seen_hashes.add(content_hash)
            if url is not None:
                seen_urls.add(url)
            fresh.append(article)
        return fresh
