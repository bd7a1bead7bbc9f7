"""Watch lists: a named, saved event-table filter with delivery channels (Atom, webhook, email).

The filter is stored as the event table's own query string (``type=Battles&place=Borno``) and read
by the web layer's ``parse_filter``, so a watch list matches exactly what the analyst saw in the
table when saving it. New watch lists deliver events that change after their creation; pass
``backfill`` to also deliver what already matches.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import Connection, delete, func, insert, select

from eventledger.errors import FilterError, NotFoundError, WatchError
from eventledger.store import Database, schema
from eventledger.store.schema import CHANNEL_KINDS
from eventledger.watch.clock import as_utc
from eventledger.web.audit import Actor, record
from eventledger.web.filters import ViewFilter, parse_filter, query_string

wl, ch, dl = schema.watchlists, schema.watch_channels, schema.watch_deliveries
# The event table's query parameters (eventledger.web.filters.parse_filter reads them).
FILTER_PARAMS = ("from", "to", "type", "actor", "place", "status", "q", "background")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass(frozen=True)
class ChannelSpec:
    """A channel to add: ``kind`` atom (no target), webhook (URL, optional secret), email (address)."""

    kind: str
    target: str | None = None
    secret: str | None = None


@dataclass(frozen=True)
class Channel:
    id: int
    watchlist_id: int
    kind: str
    target: str | None
    secret: str | None
    enabled: bool
    last_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    delivered: int = 0
    pending: int = 0
    failed: int = 0


@dataclass(frozen=True)
class WatchList:
    id: int
    name: str
    query: str
    feed_key: str
    since: datetime | None
    scanned_to: datetime | None
    enabled: bool
    created_by: str
    created_at: datetime
    channels: list[Channel] = field(default_factory=list)

    def view_filter(self, dialect: str) -> ViewFilter:
        return filter_from_query(self.query, dialect)


def filter_from_query(query: str, dialect: str) -> ViewFilter:
    """The event-table filter a stored query string describes (``FilterError`` when it is bad)."""
    params = parse_qs(query.lstrip("?"), keep_blank_values=False)
    unknown = sorted(set(params) - set(FILTER_PARAMS))
    if unknown:
        raise FilterError(f"unknown filter(s) {', '.join(unknown)} (use {', '.join(FILTER_PARAMS)})")
    single = {k: v[-1] for k, v in params.items() if k != "status"}
    return parse_filter(single, params.get("status", []), dialect)


def normalise_query(query: str, dialect: str) -> str:
    """The query string in canonical order (what is stored and shown)."""
    return query_string(filter_from_query(query, dialect))


def check_channel(spec: ChannelSpec) -> ChannelSpec:
    if spec.kind not in CHANNEL_KINDS:
        raise WatchError(f"unknown channel {spec.kind!r} (use {', '.join(CHANNEL_KINDS)})")
    target = (spec.target or "").strip() or None
    if spec.kind == "webhook":
        parts = urlsplit(target or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise WatchError(f"a webhook needs an http(s) URL, got {target!r}")
        return ChannelSpec("webhook", target, spec.secret or secrets.token_urlsafe(32))
    if spec.kind == "email":
        if not target or not _EMAIL.match(target):
            raise WatchError(f"an email channel needs an address, got {target!r}")
        return ChannelSpec("email", target)
    return ChannelSpec("atom")


class WatchLists:
    """Create, read and delete watch lists and their channels (audited)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, name: str, query: str, channels: Sequence[ChannelSpec], who: Actor, now: datetime,
               backfill: bool = False) -> WatchList:
        name = name.strip()
        if not name or len(name) > 200:
            raise WatchError("a watch list needs a name of 1-200 characters")
        if not channels:
            raise WatchError("a watch list needs at least one channel (atom, webhook or email)")
        stored_query = normalise_query(query, self.db.dialect)
        specs = [check_channel(c) for c in channels]
        with self.db.begin_write() as conn:
            if conn.scalar(select(wl.c.id).where(wl.c.name == name)) is not None:
                raise WatchError(f"a watch list named {name!r} exists already")
            # The mark is the ledger's own latest change, not the clock: event times are the writers' times.
            since = None if backfill else as_utc(conn.scalar(select(func.max(schema.events.c.updated_at))))
            list_id = int(conn.execute(insert(wl).values(
                name=name, query=stored_query, feed_key=secrets.token_urlsafe(24), since=since, scanned_to=since,
                enabled=True, created_by=who.name, created_at=now).returning(wl.c.id)).scalar_one())
            for spec in specs:
                self._insert_channel(conn, list_id, spec, now)
            record(conn, who, "insert", "watchlists", list_id, after={"name": name, "query": stored_query,
                                                                     "channels": [s.kind for s in specs]}, at=now)
        return self.get(list_id)

    @staticmethod
    def _insert_channel(conn: Connection, list_id: int, spec: ChannelSpec, now: datetime) -> int:
        return int(conn.execute(insert(ch).values(watchlist_id=list_id, kind=spec.kind, target=spec.target,
                                                  secret=spec.secret, enabled=True, created_at=now)
                                .returning(ch.c.id)).scalar_one())

    def add_channel(self, list_id: int, spec: ChannelSpec, who: Actor, now: datetime) -> int:
        spec = check_channel(spec)
        with self.db.begin_write() as conn:
            self._require(conn, list_id)
            channel_id = self._insert_channel(conn, list_id, spec, now)
            record(conn, who, "insert", "watch_channels", channel_id, after={"watchlist_id": list_id,
                                                                            "kind": spec.kind, "target": spec.target},
                   at=now)
        return channel_id

    def delete(self, list_id: int, who: Actor, now: datetime) -> None:
        with self.db.begin_write() as conn:
            row = self._require(conn, list_id)
            conn.execute(delete(wl).where(wl.c.id == list_id))
            record(conn, who, "delete", "watchlists", list_id, before={"name": row.name, "query": row.query}, at=now)

    @staticmethod
    def _require(conn: Connection, list_id: int) -> Any:
        row = conn.execute(select(wl).where(wl.c.id == list_id)).first()
        if row is None:
            raise NotFoundError(f"no watch list {list_id}")
        return row

    def by_name(self, name: str) -> WatchList:
        with self.db.read() as conn:
            found = conn.scalar(select(wl.c.id).where(wl.c.name == name))
        if found is None:
            raise NotFoundError(f"no watch list named {name!r}")
        return self.get(int(found))

    def by_feed_key(self, key: str) -> WatchList:
        with self.db.read() as conn:
            found = conn.scalar(select(wl.c.id).where(wl.c.feed_key == key))
        if found is None:
            raise NotFoundError("no such feed")
        return self.get(int(found))

    def get(self, list_id: int) -> WatchList:
        with self.db.read() as conn:
            row = self._require(conn, list_id)
            return _watchlist(row, self._channels(conn, [list_id]).get(list_id, []))

    def all(self) -> list[WatchList]:
        with self.db.read() as conn:
            rows = list(conn.execute(select(wl).order_by(wl.c.name)))
            channels = self._channels(conn, [r.id for r in rows])
        return [_watchlist(r, channels.get(r.id, [])) for r in rows]

    @staticmethod
    def _channels(conn: Connection, list_ids: list[int]) -> dict[int, list[Channel]]:
        counts: dict[tuple[int, str], int] = {
            (r.channel_id, r.status): int(r.n) for r in conn.execute(
                select(dl.c.channel_id, dl.c.status, func.count().label("n"))
                .where(dl.c.watchlist_id.in_(list_ids)).group_by(dl.c.channel_id, dl.c.status))}
        out: dict[int, list[Channel]] = {}
        for r in conn.execute(select(ch).where(ch.c.watchlist_id.in_(list_ids)).order_by(ch.c.id)):
            out.setdefault(r.watchlist_id, []).append(Channel(
                r.id, r.watchlist_id, r.kind, r.target, r.secret, bool(r.enabled), as_utc(r.last_ok_at), r.last_error,
                as_utc(r.last_error_at), counts.get((r.id, "delivered"), 0), counts.get((r.id, "pending"), 0),
                counts.get((r.id, "failed"), 0)))
        return out


def _watchlist(row: Any, channels: list[Channel]) -> WatchList:
    return WatchList(row.id, row.name, row.query, row.feed_key, as_utc(row.since), as_utc(row.scanned_to),
                     bool(row.enabled), row.created_by, as_utc(row.created_at) or row.created_at, channels)


@dataclass(frozen=True)
class FailedDelivery:
    id: int
    event_id: int
    kind: str
    status: str  # failed, or pending after at least one failed attempt
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None


def recent_failures(db: Database, list_id: int, limit: int = 20) -> list[FailedDelivery]:
    """Deliveries that failed for good or are waiting after a failed attempt, newest first."""
    query = (select(dl.c.id, dl.c.event_id, ch.c.kind, dl.c.status, dl.c.attempts, dl.c.last_error,
                    dl.c.next_attempt_at).join(ch, ch.c.id == dl.c.channel_id)
             .where(dl.c.watchlist_id == list_id, dl.c.last_error.is_not(None),
                    dl.c.status.in_(("failed", "pending")))
             .order_by(dl.c.id.desc()).limit(limit))
    with db.read() as conn:
        return [FailedDelivery(r.id, r.event_id, r.kind, r.status, r.attempts, r.last_error,
                               as_utc(r.next_attempt_at)) for r in conn.execute(query)]
