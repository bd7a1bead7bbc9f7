"""Reading events back: filters and a streaming iterator of ``EventRecord``s for exports.

Streaming: events are read with a server-side cursor (``stream_results``/``yield_per``) and their
actors and evidence fetched a chunk of events at a time, so memory is flat in the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, or_, select

from eventledger.store import schema
from eventledger.store.schema import EVENT_STATUSES

CHUNK = 500
VICTIM_ROLES = ("victim", "target")


@dataclass(frozen=True)
class EventFilter:
    """Which events to read; ``None`` means no restriction. Dates select events whose span overlaps."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    status: tuple[str, ...] = ()
    include_background: bool = True

    def __post_init__(self) -> None:
        unknown = [s for s in self.status if s not in EVENT_STATUSES]
        if unknown:
            raise ValueError(f"unknown status {', '.join(unknown)} (use {', '.join(EVENT_STATUSES)})")

    def clauses(self) -> list[ColumnElement[bool]]:
        ev = schema.events
        out: list[ColumnElement[bool]] = []
        if self.date_from:
            out.append(func.coalesce(ev.c.date_end, ev.c.date_start) >= self.date_from)
        if self.date_to:
            out.append(ev.c.date_start <= self.date_to)
        if self.country:
            out.append(func.upper(ev.c.country_code) == self.country.strip().upper())
        if self.admin1:
            out.append(func.lower(ev.c.admin1) == self.admin1.strip().lower())
        if self.event_type:
            wanted = self.event_type.strip().lower()
            out.append(or_(func.lower(ev.c.event_type) == wanted, func.lower(ev.c.sub_event_type) == wanted))
        if self.actor:
            act = schema.event_actors
            out.append(exists().where(and_(act.c.event_id == ev.c.id,
                                           func.lower(act.c.name).contains(self.actor.strip().lower(),
                                                                            autoescape=True))))
        if self.status:
            out.append(ev.c.status.in_(self.status))
        if not self.include_background:
            out.append(ev.c.background.is_(False))
        return out


@dataclass
class EventRecord:
    """An event row joined with its article, actors and evidence, ready for an export writer."""

    event: dict[str, Any]
    article: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    # Named people who are victims or targets in any event of the same article (for redaction:
    # the article's text around this event may name them too).
    article_victims: list[str] = field(default_factory=list)


_ARTICLE_COLUMNS = ("id", "external_id", "source", "url", "title", "published")


def events_query(flt: EventFilter) -> Select[Any]:
    ev, art = schema.events, schema.articles
    cols = [*ev.c, *(art.c[name].label(f"a__{name}") for name in _ARTICLE_COLUMNS)]
    return select(*cols).join(art, art.c.id == ev.c.article_id).where(*flt.clauses()).order_by(ev.c.id)


def count_events(conn: Connection, flt: EventFilter) -> int:
    return int(conn.execute(select(func.count()).select_from(events_query(flt).subquery())).scalar_one())


def iter_event_records(conn: Connection, flt: EventFilter, chunk: int = CHUNK) -> Iterator[EventRecord]:
    """Matching events in id order, streamed; actors and evidence are loaded per chunk of events."""
    result = conn.execution_options(stream_results=True, yield_per=chunk).execute(events_query(flt))
    for part in result.mappings().partitions(chunk):
        records = [_record(dict(row)) for row in part]
        _attach_children(conn, records)
        yield from records


def _record(row: dict[str, Any]) -> EventRecord:
    article = {name: row.pop(f"a__{name}") for name in _ARTICLE_COLUMNS}
    return EventRecord(event=row, article=article)


def _attach_children(conn: Connection, records: list[EventRecord]) -> None:
    by_id = {r.event["id"]: r for r in records}
    act, evi = schema.event_actors, schema.evidence
    actors: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(select(act).where(act.c.event_id.in_(by_id)).order_by(act.c.event_id, act.c.seq)):
        actors[row.event_id].append(dict(row._mapping))
    spans: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(select(evi.c.event_id, evi.c.field, evi.c.span_start, evi.c.span_end, evi.c.text)
                            .where(evi.c.event_id.in_(by_id)).order_by(evi.c.event_id, evi.c.seq)):
        spans[row.event_id].append(dict(row._mapping))
    victims: dict[int, list[str]] = defaultdict(list)
    ev = schema.events
    for row in conn.execute(select(ev.c.article_id, act.c.name).join(ev, ev.c.id == act.c.event_id)
                            .where(ev.c.article_id.in_({r.article["id"] for r in records}),
                                   act.c.kind == "person", act.c.role.in_(VICTIM_ROLES))
                            .order_by(ev.c.article_id, act.c.id)):
        if row.name not in victims[row.article_id]:
            victims[row.article_id].append(row.name)
    for event_id, record in by_id.items():
        record.actors = actors.get(event_id, [])
        record.evidence = spans.get(event_id, [])
        record.article_victims = victims.get(record.article["id"], [])
