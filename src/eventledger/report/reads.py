"""The database reads behind the report's lists: each unit's reports and their articles, evidence
quotes, claims, and the outlets of the period. Lists of ids go in chunks (SQLite's parameter limit)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Connection, distinct, func, select

from eventledger.report.period import Period
from eventledger.report.units import Unit, scoped
from eventledger.store import EventFilter, schema

CHUNK = 500
NO_OUTLET = "outlet not recorded"
QUOTE_FIELDS = ("trigger", "fatalities", "injuries")


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def safe_url(url: str | None) -> str | None:
    """An article's URL only when it is http(s): a ``javascript:`` or ``file:`` URL never becomes a link."""
    if not url:
        return None
    url = url.strip()
    return url if urlparse(url).scheme in ("http", "https") else None


@dataclass(frozen=True)
class SourceRef:
    """The article a report comes from: outlet, link (http(s) only), publish date, title."""

    article_id: int
    outlet: str
    url: str | None
    published: date | None
    title: str | None


@dataclass(frozen=True)
class MemberReport:
    """One event of a unit with the article it was coded from."""

    event_id: int
    fatalities_best: int | None
    source: SourceRef


def _source(row: Any) -> SourceRef:
    outlet = (row.source or "").strip() or NO_OUTLET
    return SourceRef(int(row.article_id), outlet, safe_url(row.url), row.published, row.title)


def member_reports(conn: Connection, units: Sequence[Unit]) -> dict[tuple[str, int], list[MemberReport]]:
    """Every live report of each unit (all of an incident's reports, not only those in the period)."""
    ev, art = schema.events, schema.articles
    columns = (ev.c.id, ev.c.incident_id, ev.c.fatalities_best, art.c.id.label("article_id"), art.c.source,
               art.c.url, art.c.published, art.c.title)
    base = select(*columns).join(art, art.c.id == ev.c.article_id).where(ev.c.status != "rejected")
    out: dict[tuple[str, int], list[MemberReport]] = defaultdict(list)
    incident_ids = sorted({u.incident_id for u in units if u.incident_id is not None})
    for part in chunks(incident_ids):
        for row in conn.execute(base.where(ev.c.incident_id.in_(part)).order_by(ev.c.id)):
            out[("incident", int(row.incident_id))].append(MemberReport(int(row.id), row.fatalities_best,
                                                                        _source(row)))
    event_ids = sorted(u.event_ids[0] for u in units if u.incident_id is None)
    for part in chunks(event_ids):
        for row in conn.execute(base.where(ev.c.id.in_(part)).order_by(ev.c.id)):
            out[("event", int(row.id))].append(MemberReport(int(row.id), row.fatalities_best, _source(row)))
    return dict(out)


def evidence_quotes(conn: Connection, event_ids: Sequence[int], max_chars: int) -> dict[int, str]:
    """Each event's supporting sentences (the trigger's, then the figures' when elsewhere), cut at a word
    near ``max_chars``."""
    evi = schema.evidence
    spans: dict[int, dict[tuple[int, int], str]] = defaultdict(dict)
    for part in chunks(sorted(set(event_ids))):
        query = (select(evi.c.event_id, evi.c.field, evi.c.span_start, evi.c.span_end, evi.c.text)
                 .where(evi.c.event_id.in_(part), evi.c.field.in_(QUOTE_FIELDS)).order_by(evi.c.event_id, evi.c.seq))
        for row in conn.execute(query):
            if row.text and row.text.strip():
                spans[int(row.event_id)].setdefault((int(row.span_start), int(row.span_end)), row.text.strip())
    return {event_id: shorten(" ".join(_outermost(found)), max_chars) for event_id, found in spans.items()}


def _outermost(spans: dict[tuple[int, int], str]) -> list[str]:
    """The spans in text order without those inside another (a figure's clause inside its sentence)."""
    keys = sorted(spans)
    return [spans[k] for k in keys if not any(o != k and o[0] <= k[0] and k[1] <= o[1] for o in keys)]


def shorten(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def claims_by_event(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    cl = schema.claims
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for part in chunks(sorted(set(event_ids))):
        query = select(cl).where(cl.c.event_id.in_(part)).order_by(cl.c.event_id, cl.c.measure, cl.c.seq)
        for row in conn.execute(query):
            out[int(row.event_id)].append(dict(row._mapping))
    return dict(out)


@dataclass(frozen=True)
class OutletRow:
    outlet: str
    articles: int
    events: int
    first: date | None
    last: date | None


def outlets(conn: Connection, flt: EventFilter, period: Period) -> list[OutletRow]:
    """The outlets whose articles gave the period's counted events, most events first."""
    ev, art = schema.events, schema.articles
    query = (select(art.c.source, func.count(distinct(art.c.id)).label("articles"), func.count().label("events"),
                    func.min(art.c.published).label("first"), func.max(art.c.published).label("last"))
             .select_from(ev.join(art, art.c.id == ev.c.article_id)).where(*scoped(flt, period).clauses())
             .group_by(art.c.source))
    rows = [OutletRow((r.source or "").strip() or NO_OUTLET, int(r.articles), int(r.events), r.first, r.last)
            for r in conn.execute(query)]
    return sorted(rows, key=lambda r: (-r.events, r.outlet))
