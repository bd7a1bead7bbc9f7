"""Which events a watch list has to deliver: new or changed events that match its filter.

A scan reads the events changed since the list's mark (``scanned_to``, minus
``alert_scan_overlap_s`` so a slow writer's commit is not missed), keeps those its filter matches,
and writes one delivery-ledger row per enabled channel and event version. The ledger's unique key
(watch list, channel, event, version) makes a repeated scan, an overlapping window or a restarted
watcher add nothing twice: a row is inserted only when it is not there yet.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from eventledger.alerts.payload import summaries, version
from eventledger.alerts.watchlists import Channel, WatchList
from eventledger.store import Database, schema
from eventledger.watch.clock import as_utc

log = logging.getLogger(__name__)
ev, dl, wl = schema.events, schema.watch_deliveries, schema.watchlists
SCAN_CHUNK = 500


@dataclass
class ScanResult:
    matched: int = 0  # events matching the filter in the window
    queued: int = 0  # new ledger rows (one per channel and new event version)
    superseded: int = 0  # pending rows replaced by a newer version of their event


def _insert_ignoring_duplicates(dialect: str) -> Any:
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(dl).on_conflict_do_nothing(
        index_elements=["watchlist_id", "channel_id", "event_id", "event_version"])


class Matcher:
    """Scans one watch list at a time; ``base_url`` makes the event links in the summaries."""

    def __init__(self, db: Database, base_url: str, overlap_s: float) -> None:
        self.db = db
        self.base_url = base_url
        self.overlap = timedelta(seconds=overlap_s)

    def scan(self, watchlist: WatchList, now: datetime) -> ScanResult:
        result = ScanResult()
        channels = [c for c in watchlist.channels if c.enabled]
        flt = watchlist.view_filter(self.db.dialect)
        mark = watchlist.scanned_to or watchlist.since
        with self.db.begin_write() as conn:
            query = select(ev.c.id, ev.c.updated_at).where(*flt.clauses()).order_by(ev.c.updated_at, ev.c.id)
            if mark is not None:
                query = query.where(ev.c.updated_at > mark - self.overlap)
            if watchlist.since is not None:
                query = query.where(ev.c.updated_at > watchlist.since)
            rows = list(conn.execute(query))
            newest = as_utc(max((r.updated_at for r in rows), default=None))
            for start in range(0, len(rows), SCAN_CHUNK):
                ids = [int(r.id) for r in rows[start:start + SCAN_CHUNK]]
                self._queue(conn, watchlist, channels, ids, now, result)
            if newest is not None and (watchlist.scanned_to is None or newest > watchlist.scanned_to):
                conn.execute(update(wl).where(wl.c.id == watchlist.id).values(scanned_to=newest))
        return result

    def _queue(self, conn: Connection, watchlist: WatchList, channels: Sequence[Channel], ids: list[int],
               now: datetime, result: ScanResult) -> None:
        current = {event_id: version(s) for event_id, s in summaries(conn, ids, self.base_url).items()}
        result.matched += len(current)
        if not channels or not current:
            return
        rows = [{"watchlist_id": watchlist.id, "channel_id": c.id, "event_id": event_id, "event_version": v,
                 "status": "delivered" if c.kind == "atom" else "pending", "attempts": 0, "created_at": now,
                 "delivered_at": now if c.kind == "atom" else None, "next_attempt_at": None}
                for c in channels for event_id, v in current.items()]
        before = self._count(conn, watchlist.id)
        conn.execute(_insert_ignoring_duplicates(self.db.dialect), rows)
        result.queued += self._count(conn, watchlist.id) - before
        # An older version still waiting is not worth sending once a newer one is queued.
        waiting = conn.execute(select(dl.c.id, dl.c.event_id, dl.c.event_version).where(
            dl.c.watchlist_id == watchlist.id, dl.c.status == "pending", dl.c.event_id.in_(list(current))))
        stale = [int(r.id) for r in waiting if r.event_version != current[int(r.event_id)]]
        if stale:
            conn.execute(update(dl).where(dl.c.id.in_(stale)).values(status="superseded"))
            result.superseded += len(stale)

    @staticmethod
    def _count(conn: Connection, watchlist_id: int) -> int:
        return int(conn.scalar(select(func.count()).select_from(dl).where(dl.c.watchlist_id == watchlist_id)) or 0)
