"""A simulated newsroom of 20 feeds and a watcher following it, on the injectable clock.

Shared by the two-hour test (tests/watch/test_simulated_run.py) and the long memory run
(benchmarks/watch_memory.py), so both exercise exactly the same traffic. Every ten simulated
minutes each feed publishes a new report; faults are switched on and off on a two-hour schedule
that repeats for longer runs: a feed answering 500, a feed that times out, an item page that times
out, a malformed entry, a garbage body, a feed gone (404), a cut feed, a duplicate report under a
new URL, a webhook receiver failing twice, and a watcher restart.
"""

from __future__ import annotations

import json
import random
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from eventledger.alerts import Alerts, ChannelSpec, WatchLists
from eventledger.alerts.watchlists import WatchList
from eventledger.resolve import Resolver
from eventledger.settings import Settings
from eventledger.store import Database
from eventledger.watch import HttpxFetcher, Source, Watcher
from eventledger.watch.followup import AfterCycle
from eventledger.web.audit import Actor
from tests.watch.doubles import FakeClock, FakeExtract, article_page, report_text, rss
from tests.watch.server import LocalServer, Seen

FEEDS = 20
STEP_MIN = 5
PUBLISH_EVERY_MIN = 10
CYCLE_MIN = 120  # the fault schedule repeats every two simulated hours
RESTART_AT_MIN = 65  # in each cycle: the watcher process restarts, only the database remembers
PLACES = ("Gwoza", "Bama", "Dikwa", "Monguno", "Damboa")
FAULTS = {"feed 500 x3": 2, "feed timeout 15 min": 4, "item page timeout 20 min": 5, "malformed entry": 6,
          "garbage body 15 min": 7, "duplicate under new URL": 9, "feed 404 10 min": 10, "cut-off feed": 12}
FAILING_SOURCES = ["feed-02", "feed-04", "feed-07", "feed-10"]


def not_the_watcher() -> tuple[tracemalloc.Filter, ...]:
    """tracemalloc filters for what is not the watcher's memory: module code loaded lazily on first
    use, tracemalloc's own snapshots, and the simulation's fixtures (pages the local server holds)."""
    return (tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
            tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>"),
            tracemalloc.Filter(False, tracemalloc.__file__),
            tracemalloc.Filter(False, str(Path(__file__).resolve().parent / "*")))


def simulation_settings(data_dir: Path) -> Settings:
    return Settings.load(env={}, data_dir=data_dir, watch_timeout_s=0.5, watch_host_interval_s=1,
                         watch_backoff_base_s=60, watch_backoff_max_s=600, watch_item_attempts=3,
                         alert_backoff_base_s=30, alert_backoff_max_s=300, alert_base_url="https://ledger.example",
                         # Simulated minutes pass in real milliseconds: a real-time overlap window
                         # would cover the whole run at every scan.
                         alert_scan_overlap_s=0)


class Newsroom:
    """The 20 feeds: what each lists, and the faults the schedule switches on and off."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.items: dict[int, list[dict[str, str]]] = {f: [] for f in range(FEEDS)}
        self.published: set[str] = set()  # unique reports (URLs) that must be ingested once
        self.copies = 0  # duplicate reports under a new URL
        self.version = 0
        self.malformed = False
        self.cut = False
        self.slow_path = ""

    def feed_path(self, feed: int) -> str:
        return f"/feeds/{feed:02d}.xml"

    def publish(self) -> None:
        for feed in range(FEEDS):
            n = len(self.items[feed]) + 1
            path = f"/n/{feed:02d}/{n}.html"
            place = PLACES[(feed + n) % len(PLACES)]
            self.server.set(path, article_page(f"Report {feed}-{n}", report_text(feed * 100 + n, place)))
            self.items[feed].append({"guid": f"urn:sim:{feed}:{n}", "link": self.server.url(path),
                                     "title": f"Report {feed}-{n} from {place}",
                                     # Reports about different days, as real news is.
                                     "pubDate": f"{(feed * 12 + n) % 28 + 1:02d} Feb 2026 06:00:00 GMT"})
            self.published.add(self.server.url(path))
            self.render(feed)

    def render(self, feed: int, body: str | None = None, **route: object) -> None:
        self.version += 1
        entries = self.items[feed][-20:]
        if body is None:
            body = rss(f"Desk {feed}", entries)
            if feed == 6 and self.malformed:
                body = body.replace("</channel>", "<item><title>no id, no link</title></item></channel>")
            if feed == 12 and self.cut:
                body = body[:body.rindex("<item>")] + "<item><title>cut off"
        self.server.set(self.feed_path(feed), body, "application/rss+xml", etag=f'"{self.version}"', **route)

    def slow_latest(self, feed: int, delay_s: float) -> None:
        """Make the item page published last on ``feed`` (at the time of the first call) slow."""
        if delay_s:
            self.slow_path = self.items[feed][-1]["link"].split(str(self.server.port), 1)[1]
        self.server.routes[self.slow_path].delay_s = delay_s

    def republish_elsewhere(self, from_feed: int, to_feed: int) -> str:
        """A second outlet runs the first one's latest report word for word under its own URL."""
        original = self.items[from_feed][-1]
        self.copies += 1
        path = f"/mirror/{to_feed:02d}/copy-{self.copies}.html"
        self.server.set(path, self.server.routes[original["link"].split(str(self.server.port), 1)[1]].body)
        self.items[to_feed].append({"guid": f"urn:sim:mirror:{self.copies}", "link": self.server.url(path),
                                    "title": "Copy"})
        self.render(to_feed)
        return self.server.url(path)


def fault_schedule(room: Newsroom, hooks: list[int]) -> dict[int, Callable[[], object]]:
    """Minute within a two-hour cycle → the fault switched on (or off) then."""
    s = room.server
    return {
        15: lambda: setattr(s.routes[room.feed_path(2)], "fail_next", 3),  # 500 three times
        20: lambda: (setattr(room, "malformed", True), room.render(6)),
        25: lambda: hooks.extend([500, 502]),  # the webhook receiver fails twice
        30: lambda: room.render(4, delay_s=1.0),  # the feed times out (client gives up at 0.5 s)
        35: lambda: room.republish_elsewhere(8, 9),
        40: lambda: room.render(7, body="<<<not a feed at all>>>"),
        45: lambda: room.render(4),
        50: lambda: room.slow_latest(5, 1.0),
        55: lambda: room.render(7),
        60: lambda: room.slow_latest(5, 0.0),  # two attempts timed out; the third gets the page
        65: lambda: room.render(10, status=404),
        75: lambda: room.render(10),
        80: lambda: (setattr(room, "cut", True), room.render(12)),
        90: lambda: (setattr(room, "cut", False), room.render(12)),
        100: lambda: (setattr(room, "malformed", False), room.render(6)),
    }


class Simulation:
    """The newsroom, a webhook receiver, one watch list and the watcher (restarted on schedule)."""

    def __init__(self, server: LocalServer, ledger: Database, settings: Settings) -> None:
        self.server, self.ledger, self.settings = server, ledger, settings
        self.clock, self.extract, self.room = FakeClock(), FakeExtract(), Newsroom(server)
        self.hooks: list[int] = []  # statuses the receiver answers next (then 204)
        self.posted: list[int] = []  # event ids of the webhook posts accepted
        self.refused = 0
        self.requests = 0  # HTTP requests the server answered
        self.restarts = 0
        server.on_post = self._on_post
        self.lists = WatchLists(ledger)
        self.watchlist: WatchList = self.lists.create(
            "all Borno", "place=Borno", [ChannelSpec("webhook", server.url("/hook"), "k"), ChannelSpec("atom")],
            Actor("test"), self.clock.now(), True)
        self.sources = [Source(f"feed-{f:02d}", server.url(self.room.feed_path(f)), STEP_MIN * 60)
                        for f in range(FEEDS)]
        self.schedule = fault_schedule(self.room, self.hooks)
        self.start = self.clock.now()
        self.fetcher: HttpxFetcher | None = None
        self.watcher = self._start_watcher(1)

    def _on_post(self, seen: Seen) -> int:
        status = self.hooks.pop(0) if self.hooks else 204
        if status < 300:  # only the id is kept: the post's headers would count as the watcher's memory
            self.posted.append(int(json.loads(seen.body)["event"]["id"]))
        else:
            self.refused += 1
        return status

    def _start_watcher(self, seed: int) -> Watcher:
        """A fresh watcher, as a restarted process would build it (the old one's client closed)."""
        if self.fetcher is not None:
            self.fetcher.close()
        s = self.settings
        self.fetcher = HttpxFetcher(s.watch_user_agent, s.watch_timeout_s, s.watch_max_bytes)
        followup = AfterCycle(Resolver(self.ledger, s).resolve_new,
                              Alerts(self.ledger, s, self.fetcher, None, self.clock, random.Random(seed)))
        return Watcher(self.ledger, self.sources, s, self.extract, self.fetcher, self.clock, random.Random(seed),
                       after_cycle=followup)

    def now_min(self) -> int:
        return int((self.clock.now() - self.start).total_seconds() // 60)

    def step(self, minute: int, publishing: bool) -> None:
        """Simulated minutes ``minute`` to ``minute + STEP_MIN``: publish, inject, poll."""
        in_cycle = minute % CYCLE_MIN
        if publishing and minute % PUBLISH_EVERY_MIN == 0:
            self.room.publish()
        if in_cycle in self.schedule:
            self.schedule[in_cycle]()
        if in_cycle == RESTART_AT_MIN:
            self.restarts += 1
            self.watcher = self._start_watcher(self.restarts + 1)
        self.watcher.run(until=self.start + timedelta(minutes=minute + STEP_MIN))
        with self.server.lock:  # the test server's own request log is not the watcher's memory
            self.requests += len(self.server.requests)
            self.server.requests.clear()

    def run(self, minutes: int, checkpoint: Callable[[int], None] | None = None,
            every_min: int = 30) -> None:
        """Run ``minutes`` simulated minutes (publishing stops ten minutes before the end, so the
        last reports are taken in), calling ``checkpoint(minute)`` every ``every_min``."""
        for minute in range(0, minutes, STEP_MIN):
            self.step(minute, publishing=minute < minutes - PUBLISH_EVERY_MIN)
            if checkpoint is not None and (minute + STEP_MIN) % every_min == 0:
                checkpoint(minute + STEP_MIN)

    def elapsed(self) -> timedelta:
        return self.clock.now() - self.start

    def close(self) -> None:
        if self.fetcher is not None:
            self.fetcher.close()
            self.fetcher = None
