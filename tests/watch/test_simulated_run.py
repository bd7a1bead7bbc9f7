"""Two simulated hours with 20 feeds against the local server (the issue's "Done when").

The newsroom, its fault schedule and the watcher restart are in tests/watch/simulation.py (shared
with benchmarks/watch_memory.py, which runs the same traffic for many hours). Checked: every item
ingested exactly once, every fault recovered, each matching event delivered exactly once per
channel, and memory flat once warm: traced Python memory (tracemalloc, without lazily imported
module code and the test's own fixtures) and RSS. The figures are written to
build/watch-simulation.json for the closing note.
"""

from __future__ import annotations

import gc
import json
import resource
import tracemalloc
from pathlib import Path

from sqlalchemy import func, select

from eventledger.store import Database, schema
from tests.watch.server import LocalServer
from tests.watch.simulation import FAILING_SOURCES, FAULTS, FEEDS, Simulation, not_the_watcher, simulation_settings

RUN_MIN = 120
WARM_MIN = 60
BUILD = Path(__file__).resolve().parents[2] / "build"


def _rss_kib() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1024


def _traced_kib() -> float:
    snapshot = tracemalloc.take_snapshot().filter_traces(not_the_watcher())
    return sum(trace.size for trace in snapshot.traces) / 1024


def test_two_simulated_hours_with_20_feeds(server: LocalServer, ledger: Database, tmp_path: Path) -> None:
    sim = Simulation(server, ledger, simulation_settings(tmp_path))
    memory: dict[int, tuple[float, float]] = {}

    def measure(minute: int) -> None:
        gc.collect()
        memory[minute] = (_traced_kib(), _rss_kib())

    tracemalloc.start()
    try:
        sim.run(RUN_MIN, measure, every_min=30)
    finally:
        tracemalloc.stop()
        sim.close()

    # Every report ingested exactly once; the copy under a new URL recognised as a duplicate.
    with ledger.read() as conn:
        urls = list(conn.scalars(select(schema.articles.c.url)))
        statuses = dict(conn.execute(select(schema.watch_items.c.status, func.count())
                                     .group_by(schema.watch_items.c.status)).all())
        n_events = conn.scalar(select(func.count()).select_from(schema.events))
        unlinked = conn.scalar(select(func.count()).select_from(schema.events)
                               .where(schema.events.c.incident_id.is_(None)))
    assert sorted(urls) == sorted(sim.room.published)
    assert len(sim.extract.articles) == len(set(sim.extract.articles)) == len(sim.room.published)
    assert statuses.get("duplicate") == sim.room.copies == 1
    assert statuses.get("pending", 0) == 0 and statuses.get("failed", 0) == 0
    assert unlinked == 0  # duplicate merging ran after the cycles

    # Every fault recovered: each source's last poll succeeded, and the faulty ones did fail.
    states = {s.name: s for s in sim.watcher.state.all()}
    assert all(s.failures == 0 and s.last_error is None for s in states.values())
    failed_sources = sorted(name for name, s in states.items() if s.total_failures)
    assert failed_sources == FAILING_SOURCES
    assert sim.restarts == 1

    # Each matching event reached each channel exactly once, across the restart.
    channels = {c.kind: c for c in sim.lists.get(sim.watchlist.id).channels}
    posted = sim.posted
    assert len(posted) == len(set(posted)) == n_events
    assert channels["webhook"].delivered == channels["atom"].delivered == n_events
    assert channels["webhook"].pending == channels["webhook"].failed == 0

    growth_kib = memory[RUN_MIN][0] - memory[WARM_MIN][0]
    figures = {
        "feeds": FEEDS, "simulated_minutes": sim.elapsed().total_seconds() / 60,
        "items_published": len(sim.room.published), "articles_ingested": len(urls),
        "extractor_calls_per_item": len(sim.extract.articles) / len(sim.room.published), "item_statuses": statuses,
        "events": n_events, "http_requests_served": sim.requests,
        "polls": sum(s.polls for s in states.values()),
        "polls_not_modified": sum(s.not_modified for s in states.values()),
        "failed_polls": {n: states[n].total_failures for n in failed_sources}, "faults": FAULTS,
        "webhook_posts_accepted": len(posted), "webhook_posts_refused": sim.refused,
        "deliveries": {k: {"delivered": c.delivered, "pending": c.pending, "failed": c.failed}
                       for k, c in channels.items()},
        "memory_kib": {f"t+{m}min": {"tracemalloc": round(t), "rss": round(r)} for m, (t, r) in memory.items()},
        "tracemalloc_growth_after_warm_up_kib": round(growth_kib),
    }
    BUILD.mkdir(exist_ok=True)
    (BUILD / "watch-simulation.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    # Memory flat once warm (figures and reasons in docs/watch.md, "Memory"). Measured: +0.55 MiB
    # over the second hour, which holds the watcher restart and the library LRU caches still filling
    # (trafilatura's 1024-entry caches), and +0.12 MiB over the last half hour; the 8-hour run
    # (benchmarks/watch_memory.py) settles at ~55 KiB per hour (bounded library caches). The
    # bounds leave about twice that room; a leak of a few KiB per item (120 items an hour) breaks them.
    assert growth_kib < 1024, figures["memory_kib"]
    assert memory[RUN_MIN][0] - memory[RUN_MIN - 30][0] < 256, figures["memory_kib"]
    assert memory[RUN_MIN][1] - memory[WARM_MIN][1] < 16 * 1024, figures["memory_kib"]
