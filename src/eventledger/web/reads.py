"""What the pages and the API read: event pages, table pages, map points, timeline counts.

Queries return plain dicts (column name → value) so templates and JSON share them. Children
(actors, claims, evidence) are fetched per page of events with one ``IN`` query each.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Select, func, select

from eventledger.errors import NotFoundError
from eventledger.store import schema
from eventledger.web.filters import Sorting, ViewFilter

TABLE_COLUMNS = ("id", "article_id", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
                 "location_name", "lat", "lon", "country_code", "admin1", "admin2", "geo_precision",
                 "fatalities_best", "fatalities_low", "fatalities_high", "fatalities_disputed", "injuries_best",
                 "background", "confidence", "status", "incident_id", "tags", "updated_at")
BUCKETS = ("day", "week", "month")


def _filtered(flt: ViewFilter, *columns: Any) -> Select[Any]:
    return select(*columns).select_from(schema.events).where(*flt.clauses())


def count(conn: Connection, flt: ViewFilter) -> int:
    return int(conn.execute(_filtered(flt, func.count())).scalar_one())


def _rows(result: Any) -> list[dict[str, Any]]:
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


# Built once: composing a 25-column SELECT costs more than running it on a page of events.
_TABLE_SELECT = select(*(schema.events.c[c] for c in TABLE_COLUMNS))
_ACTORS_SQL = ("SELECT event_id, name, role, kind FROM event_actors WHERE event_id IN ({marks}) "
               "ORDER BY event_id, seq")
_MARK = {"qmark": "?", "format": "%s", "pyformat": "%s", "numeric": ":{n}", "named": ":p{n}"}


def _actors_rows(conn: Connection, ids: list[int]) -> Any:
    """The actors of ``ids`` with one bound parameter per id, sent to the driver as it is: SQLAlchemy's
    expanding IN re-renders the statement on every call, which cost more than the query itself."""
    style = conn.dialect.paramstyle
    marks = ", ".join(_MARK.get(style, "?").format(n=n + 1) for n in range(len(ids)))
    params: Any = {f"p{n + 1}": i for n, i in enumerate(ids)} if style == "named" else tuple(ids)
    return conn.exec_driver_sql(_ACTORS_SQL.format(marks=marks), params)


def attach_actors(conn: Connection, events: list[dict[str, Any]]) -> None:
    """Each event dict gets ``actors``: [{name, role, kind}] in the coder's order."""
    by_id: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ids = [int(e["id"]) for e in events]
    if ids:
        for event_id, name, role, kind in _actors_rows(conn, ids):
            by_id[event_id].append({"name": name, "role": role, "kind": kind})
    for event in events:
        event["actors"] = by_id.get(event["id"], [])


def table_page(conn: Connection, flt: ViewFilter, sorting: Sorting, page: int, size: int
               ) -> tuple[list[dict[str, Any]], int]:
    """One page of the event table (with article titles and actors) and the total that match."""
    ev, art = schema.events, schema.articles
    column = ev.c[sorting.column]
    order: list[Any] = [column.desc() if sorting.descending else column.asc(), ev.c.id.desc() if sorting.descending
             else ev.c.id.asc()]
    if sorting.column in ("date_start", "fatalities_best", "confidence"):
        order.insert(0, column.is_(None))  # unknown values last on both dialects
    query = (select(*(ev.c[c] for c in TABLE_COLUMNS), art.c.title.label("article_title"),
                    art.c.source.label("article_source"))
             .join(art, art.c.id == ev.c.article_id).where(*flt.clauses())
             .order_by(*order).limit(size).offset((page - 1) * size))
    events = _rows(conn.execute(query))
    attach_actors(conn, events)
    return events, count(conn, flt)


def api_page(conn: Connection, flt: ViewFilter, after_id: int | None, limit: int
             ) -> tuple[list[dict[str, Any]], int | None]:
    """Events in id order after ``after_id`` (keyset pagination) and the next cursor, if any."""
    ev = schema.events
    query = _TABLE_SELECT.where(*flt.clauses()).order_by(ev.c.id).limit(limit + 1)
    if after_id is not None:
        query = query.where(ev.c.id > after_id)
    events = _rows(conn.execute(query))
    more = len(events) > limit
    events = events[:limit]
    for event in events:  # ISO strings now: cheaper than the JSON encoder's fallback per value
        for key in ("date_start", "date_end", "updated_at"):
            value = event[key]
            if value is not None:
                event[key] = value.isoformat()
    attach_actors(conn, events)
    return events, (events[-1]["id"] if more and events else None)


def map_points(conn: Connection, flt: ViewFilter, limit: int) -> tuple[list[list[Any]], int]:
    """Compact map rows ``[id, lat, lon, type, sub_type, fatalities, date, place, status]``, newest first,
    and how many located events match in all."""
    ev = schema.events
    located = [ev.c.lat.is_not(None), ev.c.lon.is_not(None)]
    query = (_filtered(flt, ev.c.id, ev.c.lat, ev.c.lon, ev.c.event_type, ev.c.sub_event_type, ev.c.fatalities_best,
                       ev.c.date_start, ev.c.location_name, ev.c.status)
             .where(*located).order_by(ev.c.date_start.is_(None), ev.c.date_start.desc(), ev.c.id.desc())
             .limit(limit))
    points = [[r.id, round(r.lat, 5), round(r.lon, 5), r.event_type, r.sub_event_type, r.fatalities_best,
               r.date_start.isoformat() if r.date_start else None, r.location_name, r.status]
              for r in conn.execute(query)]
    total = int(conn.execute(_filtered(flt, func.count()).where(*located)).scalar_one())
    return points, total


def bucket_start(day: date, bucket: str) -> date:
    if bucket == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    if bucket == "month":
        return day.replace(day=1)
    return day


@dataclass(frozen=True)
class Timeline:
    bucket: str
    types: list[str]
    series: list[dict[str, Any]]  # [{"start": "2025-01-06", "counts": {type: n}}], in date order
    undated: int


def timeline(conn: Connection, flt: ViewFilter, bucket: str = "auto") -> Timeline:
    """Events per day/week/month by event type (``auto``: the finest bucket giving ≤ 120 bars)."""
    ev = schema.events
    per_day: list[tuple[date | None, str, int]] = [
        (r.date_start, r.event_type, int(r.n)) for r in conn.execute(
            _filtered(flt, ev.c.date_start, ev.c.event_type, func.count().label("n"))
            .group_by(ev.c.date_start, ev.c.event_type))]
    dated = [d for d, _, _ in per_day if d is not None]
    if bucket == "auto":
        span = (max(dated) - min(dated)).days if dated else 0
        bucket = "day" if span <= 120 else "week" if span <= 7 * 120 else "month"
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    undated = 0
    types: set[str] = set()
    for day, event_type, n in per_day:
        if day is None:
            undated += n
            continue
        counts[bucket_start(day, bucket)][event_type] += n
        types.add(event_type)
    starts = _all_buckets(sorted(counts), bucket)
    series = [{"start": start.isoformat(), "counts": dict(counts.get(start, {}))} for start in starts]
    return Timeline(bucket, sorted(types), series, undated)


MAX_FILLED_BUCKETS = 400


def next_bucket(start: date, bucket: str) -> date:
    if bucket == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7 if bucket == "week" else 1)


def _all_buckets(present: list[date], bucket: str) -> list[date]:
    """Every bucket from the first to the last (empty ones too, so the time axis is linear), unless
    that would be more than ``MAX_FILLED_BUCKETS``: then only the buckets that have events."""
    if not present:
        return []
    out = [present[0]]
    while out[-1] < present[-1] and len(out) <= MAX_FILLED_BUCKETS:
        out.append(next_bucket(out[-1], bucket))
    return out if len(out) <= MAX_FILLED_BUCKETS else present


# -- one event ---------------------------------------------------------------------------------------
def event_row(conn: Connection, event_id: int) -> dict[str, Any]:
    row = conn.execute(select(schema.events).where(schema.events.c.id == event_id)).first()
    if row is None:
        raise NotFoundError(f"no event {event_id}")
    return dict(row._mapping)


def article_row(conn: Connection, article_id: int) -> dict[str, Any]:
    art = schema.articles
    columns = [c for c in art.c if c.name != "search_vector"]
    row = conn.execute(select(*columns).where(art.c.id == article_id)).first()
    if row is None:
        raise NotFoundError(f"no article {article_id}")
    return dict(row._mapping)


def event_detail(conn: Connection, event_id: int) -> dict[str, Any]:
    """The event row, its JSON, actors, claims, evidence, article, incident and sibling reports."""
    event = event_row(conn, event_id)
    event["json"] = json.loads(event.pop("event_json") or "{}")
    act, cl, evi = schema.event_actors, schema.claims, schema.evidence
    event["actors"] = _rows(conn.execute(select(act).where(act.c.event_id == event_id).order_by(act.c.seq)))
    event["claims"] = _rows(conn.execute(select(cl).where(cl.c.event_id == event_id)
                                         .order_by(cl.c.measure, cl.c.seq)))
    event["evidence"] = _rows(conn.execute(select(evi.c.field, evi.c.span_start, evi.c.span_end, evi.c.text)
                                           .where(evi.c.event_id == event_id).order_by(evi.c.seq)))
    event["article"] = article_row(conn, event["article_id"])
    event["incident"] = incident_row(conn, event["incident_id"]) if event["incident_id"] else None
    event["siblings"] = incident_reports(conn, event["incident_id"], exclude=event_id) if event["incident_id"] else []
    return event


def incident_row(conn: Connection, incident_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(schema.incidents).where(schema.incidents.c.id == incident_id)).first()
    return dict(row._mapping) if row else None


def incident_reports(conn: Connection, incident_id: int, exclude: int | None = None) -> list[dict[str, Any]]:
    ev, art = schema.events, schema.articles
    query = (select(ev.c.id, ev.c.event_type, ev.c.sub_event_type, ev.c.date_start, ev.c.location_name,
                    ev.c.fatalities_best, ev.c.status, art.c.id.label("article_id"), art.c.title, art.c.source,
                    art.c.published)
             .join(art, art.c.id == ev.c.article_id).where(ev.c.incident_id == incident_id).order_by(ev.c.id))
    if exclude is not None:
        query = query.where(ev.c.id != exclude)
    return _rows(conn.execute(query))


def incidents_page(conn: Connection, page: int, size: int) -> tuple[list[dict[str, Any]], int]:
    inc = schema.incidents
    rows = _rows(conn.execute(select(inc).order_by(inc.c.date_start.is_(None), inc.c.date_start.desc(),
                                                   inc.c.id.desc()).limit(size).offset((page - 1) * size)))
    total = int(conn.execute(select(func.count()).select_from(inc)).scalar_one())
    return rows, total


# -- articles ----------------------------------------------------------------------------------------
def articles_page(conn: Connection, page: int, size: int) -> tuple[list[dict[str, Any]], int]:
    art = schema.articles
    cols = [art.c.id, art.c.external_id, art.c.title, art.c.source, art.c.published, art.c.url, art.c.n_events,
            art.c.ingested_at]
    query = select(*cols).order_by(art.c.published.is_(None), art.c.published.desc(), art.c.id.desc())
    total_query = select(func.count()).select_from(art)
    rows = _rows(conn.execute(query.limit(size).offset((page - 1) * size)))
    return rows, int(conn.execute(total_query).scalar_one())


def article_detail(conn: Connection, article_id: int) -> dict[str, Any]:
    """The article with its places and events (with actors, evidence and date/place spans)."""
    article = article_row(conn, article_id)
    pl, ev = schema.places, schema.events
    article["places"] = _rows(conn.execute(select(pl).where(pl.c.article_id == article_id).order_by(pl.c.seq)))
    events = _rows(conn.execute(select(*(ev.c[c] for c in TABLE_COLUMNS), ev.c.event_json)
                                .where(ev.c.article_id == article_id).order_by(ev.c.seq)))
    act = schema.event_actors
    spans: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ids = [e["id"] for e in events]
    if ids:
        for row in conn.execute(select(act).where(act.c.event_id.in_(ids)).order_by(act.c.event_id, act.c.seq)):
            spans[row.event_id].append(dict(row._mapping))
    for event in events:
        event["json"] = json.loads(event.pop("event_json") or "{}")
        event["actors"] = spans.get(event["id"], [])
    article["events"] = events
    return article
