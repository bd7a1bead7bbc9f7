"""``Watcher``: polls the due sources, takes their new items into the ledger, keeps per-source state.

One poll of a source: robots.txt check, a polite pause for the host, a conditional GET (ETag /
Last-Modified), then each item not seen before is fetched, its text extracted and stored through
the store's ingest path (``store.Ingest``: idempotent by URL and content hash). Failed polls back
off exponentially with jitter; an item whose page failed is retried on later polls
(``watch_item_attempts``), then taken from the feed entry's own text when it has some. While any
item is left for later, the feed's validators are not kept, so the next poll reads the full feed
instead of a 304 that would hide the waiting item.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from eventledger.errors import EventLedgerError, FetchError, InputError
from eventledger.ingest.article import Article
from eventledger.settings import Settings
from eventledger.store import Database, DocumentWriter, Ingest
from eventledger.store.documents import ExtractBatch
from eventledger.watch.clock import Clock
from eventledger.watch.fetch import Fetcher, Response
from eventledger.watch.listing import Item, Listing, read_listing
from eventledger.watch.pages import entry_article, load_date_vocabulary, page_article
from eventledger.watch.politeness import HostPacer, RobotsPolicy, backoff_delay
from eventledger.watch.sources import Source
from eventledger.watch.state import ItemMemory, SourceState, WatchState

log = logging.getLogger(__name__)
MIN_LOOP_WAIT_S = 1.0
MAX_LOOP_WAIT_S = 60.0


class _Refused(Exception):
    """robots.txt forbids the URL, or the answer is a client error: retrying will not help."""


@dataclass
class PollOutcome:
    """What one poll of one source did."""

    source: str
    status: str  # ok, not_modified, failed
    new: int = 0
    duplicate: int = 0
    pending: int = 0
    failed_items: int = 0
    malformed: int = 0
    error: str | None = None

    def count(self, item_status: str) -> None:
        if item_status == "new":
            self.new += 1
        elif item_status == "duplicate":
            self.duplicate += 1
        elif item_status == "pending":
            self.pending += 1
        else:
            self.failed_items += 1


class Watcher:
    """Follows ``sources``, writing into ``db`` with ``extract`` doing the NLP (or a double in tests)."""

    def __init__(self, db: Database, sources: Sequence[Source], settings: Settings, extract: ExtractBatch,
                 fetcher: Fetcher, clock: Clock, rng: random.Random | None = None,
                 after_cycle: Callable[[list[PollOutcome]], object] | None = None) -> None:
        self.sources = list(sources)
        self.settings = settings
        self.extract = extract
        self.fetcher = fetcher
        self.clock = clock
        self.rng = rng or random.Random()
        self.after_cycle = after_cycle
        self.state = WatchState(db)
        self.writer = DocumentWriter(db)
        self.robots = RobotsPolicy(fetcher, clock, settings.watch_user_agent, settings.watch_robots_ttl_s)
        self.pacer = HostPacer(clock, settings.watch_host_interval_s)
        self.ids = self.state.sync(self.sources)

    # --- scheduling -------------------------------------------------------------------------------

    def due(self, now: datetime) -> list[Source]:
        states = {s.name: s for s in self.state.all(self.ids)}
        return [src for src in self.sources
                if states[src.name].next_poll_at is None or states[src.name].next_poll_at <= now]  # type: ignore[operator]

    def run_once(self) -> list[PollOutcome]:
        """Poll every due source once, then run the after-cycle hook (duplicate merging, alerts)."""
        outcomes = [self.poll(source) for source in self.due(self.clock.now())]
        if self.after_cycle is not None:
            try:
                self.after_cycle(outcomes)
            except EventLedgerError as exc:
                log.error("after the poll cycle: %s", exc)
        return outcomes

    def seconds_to_next_due(self) -> float:
        now = self.clock.now()
        pending = [s.next_poll_at for s in self.state.all(self.ids) if s.next_poll_at is not None]
        if len(pending) < len(self.ids):
            return MIN_LOOP_WAIT_S
        wait = (min(pending) - now).total_seconds() if pending else MAX_LOOP_WAIT_S
        return min(max(wait, MIN_LOOP_WAIT_S), MAX_LOOP_WAIT_S)

    def run(self, until: datetime | None = None, stop: threading.Event | None = None) -> int:
        """Poll until ``stop`` is set (or the clock reaches ``until``); returns the cycles run.

        A database outage fails the cycle, not the process: it is logged and the next cycle tries again.
        The page extraction's one-time date vocabulary is loaded first (not at a moment some page's
        text decides), so the process's memory is at its working level from the start.
        """
        load_date_vocabulary()
        cycles = 0
        while not (stop is not None and stop.is_set()):
            if until is not None and self.clock.now() >= until:
                break
            try:
                self.run_once()
            except EventLedgerError as exc:
                log.error("poll cycle failed: %s", exc)
            cycles += 1
            wait = self.seconds_to_next_due()
            if until is not None:
                wait = min(wait, max((until - self.clock.now()).total_seconds(), 0.0))
            self.clock.sleep(max(wait, 0.001))
        return cycles

    # --- one source -------------------------------------------------------------------------------

    def poll(self, source: Source) -> PollOutcome:
        source_id = self.ids[source.name]
        state = self.state.get(source_id)
        started = self.clock.now()
        try:
            response = self._get(source.url, _conditional(state))
            if response.status == 304:
                return self._succeeded(source, state, started, PollOutcome(source.name, "not_modified"), response)
            if not response.ok:
                raise FetchError(f"HTTP {response.status}")
            listing = read_listing(response.body, source.url, source.links)
        except (FetchError, InputError, _Refused) as exc:
            return self._failed(source, state, started, str(exc))
        outcome = PollOutcome(source.name, "ok", malformed=listing.malformed)
        complete = self._take_items(source, source_id, listing, outcome)
        return self._succeeded(source, state, started, outcome, response if complete else None, listing.kind)

    def _get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        if not self.robots.allowed(url):
            raise _Refused(f"robots.txt disallows {url}")
        self.pacer.wait(url, self.robots.crawl_delay(url))
        return self.fetcher.get(url, headers)

    def _failed(self, source: Source, state: SourceState, started: datetime, error: str) -> PollOutcome:
        failures = state.failures + 1
        delay = backoff_delay(failures, self.settings.watch_backoff_base_s, self.settings.watch_backoff_max_s,
                              self.rng)
        log.warning("%s: poll failed (%d in a row; next try in %.0f s): %s", source.name, failures, delay, error)
        self.state.save(state.id, last_poll_at=started, failures=failures, total_failures=state.total_failures + 1,
                        polls=state.polls + 1, last_error=error[:2000],
                        next_poll_at=self.clock.now() + timedelta(seconds=delay))
        return PollOutcome(source.name, "failed", error=error)

    def _succeeded(self, source: Source, state: SourceState, started: datetime, outcome: PollOutcome,
                   validators: Response | None, kind: str | None = None) -> PollOutcome:
        now = self.clock.now()
        next_poll = max(started + timedelta(seconds=source.interval_s), now)
        values: dict[str, object] = {
            "last_poll_at": started, "last_ok_at": now, "failures": 0, "polls": state.polls + 1,
            "last_error": None, "next_poll_at": next_poll,
            "not_modified": state.not_modified + (outcome.status == "not_modified")}
        if kind is not None:
            values["kind"] = kind
        if outcome.status != "not_modified":  # a 304 keeps the validators it was answered for
            values["etag"] = validators.etag[:500] if validators and validators.etag else None
            values["last_modified"] = (validators.last_modified[:100]
                                       if validators and validators.last_modified else None)
        self.state.save(state.id, **values)
        return outcome

    # --- items --------------------------------------------------------------------------------------

    def _take_items(self, source: Source, source_id: int, listing: Listing, outcome: PollOutcome) -> bool:
        """Ingest the listing's unseen items; False when some are left for a later poll."""
        unique: dict[str, Item] = {}
        for item in listing.items:
            unique.setdefault(item.key, item)
        memory = self.state.memory(source_id, list(unique))
        todo = [i for i in unique.values() if i.key not in memory or memory[i.key].status == "pending"]
        complete = len(todo) <= self.settings.watch_max_items_per_poll
        todo = todo[:self.settings.watch_max_items_per_poll]
        stored = self.state.stored_urls([i.url for i in todo if i.url])
        for item in todo:
            if item.url in stored:  # another source (or a file ingest) already brought this page
                self.state.record_item(source_id, item.key, item.url, item.title, "duplicate", self.clock.now(),
                                       attempted=False)
                outcome.duplicate += 1
                continue
            status = self._take(source, source_id, item, memory.get(item.key))
            outcome.count(status)
            complete = complete and status != "pending"
        return complete

    def _take(self, source: Source, source_id: int, item: Item, memory: ItemMemory | None) -> str:
        attempts = (memory.attempts if memory else 0) + 1
        try:
            article = self._item_article(source, item)
        except (FetchError, InputError, _Refused) as exc:
            error = str(exc)
            retry = isinstance(exc, FetchError) and attempts < self.settings.watch_item_attempts
            if retry:
                log.info("%s: item %s failed (attempt %d), retrying later: %s", source.name, item.url, attempts, error)
                self.state.record_item(source_id, item.key, item.url, item.title, "pending", self.clock.now(),
                                       error=error[:2000])
                return "pending"
            try:
                article = entry_article(item, source, self.settings.max_text_chars)
            except InputError:
                log.warning("%s: item %s failed: %s", source.name, item.url, error)
                self.state.record_item(source_id, item.key, item.url, item.title, "failed", self.clock.now(),
                                       error=error[:2000])
                return "failed"
        status, article_id, reason = self._ingest(article)
        self.state.record_item(source_id, item.key, item.url, item.title, status, self.clock.now(),
                               article_id=article_id, error=reason)
        return status

    def _item_article(self, source: Source, item: Item) -> Article:
        if item.url is None:
            return entry_article(item, source, self.settings.max_text_chars)
        response = self._get(item.url)
        if 400 <= response.status < 500 and response.status not in (408, 429):
            raise _Refused(f"HTTP {response.status} for {item.url}")
        if not response.ok:
            raise FetchError(f"HTTP {response.status} for {item.url}")
        return page_article(response.body, item.url, item, source, self.settings.max_text_chars)

    def _ingest(self, article: Article) -> tuple[str, int | None, str | None]:
        summary = Ingest(self.writer, self.extract, 1).run([article])
        if summary.new:
            return "new", self.state.article_id_for(article.content_hash), None
        if summary.duplicate:
            return "duplicate", self.state.article_id_for(article.content_hash), None
        return "failed", None, (summary.failures[0][1] if summary.failures else "not stored")[:2000]


def _conditional(state: SourceState) -> dict[str, str]:
    headers: dict[str, str] = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers
