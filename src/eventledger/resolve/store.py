"""Database access for duplicate merging: events → ``Report``s and ``Member``s, incident rows back.

All reads and writes take the caller's connection, so a resolve chunk is one transaction: the
events it reads are the events it links. Lists of ids are sent in chunks (SQLite's limit on bound
parameters).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from eventledger.resolve.report import Report, ReportActor, Toponym
from eventledger.resolve.summary import Member, MemberClaim
from eventledger.store import schema

CHUNK = 500
# Evidence spans shorter than this are single words (a date, a place, an actor's name), already
# inside the event's sentences: only the sentences are compared.
MIN_EVIDENCE_CHARS = 30
# Place-mention features (contract ``places[].feature``) that name a spot or an area smaller than a
# country; the dateline (a mention at offset 0) is where the reporter is, not the event.
FINE_FEATURES = ("city", "site", "admin2", "admin1", "other")
CHAIN_LOOKBACK = 80  # characters before an event's place searched for a more specific name
# "…in Mulla Killi, " / "…in Police District 11, " / "…in Myintant, Tabayin subdistrict, " at the end.
_CHAIN_HEAD = re.compile(r"((?:[A-Z0-9][\w'’.-]*\s+){0,4}[A-Z0-9][\w'’.-]*(?:\s+[a-z]+)?)\s*,\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s|\n")

ev = schema.events
art = schema.articles
inc = schema.incidents

_EVENT_COLUMNS = (ev.c.id, ev.c.article_id, ev.c.seq, ev.c.event_type, ev.c.sub_event_type, ev.c.date_start,
                  ev.c.date_end, ev.c.date_precision, ev.c.lat, ev.c.lon, ev.c.geo_precision, ev.c.country_code,
                  ev.c.admin1, ev.c.admin2, ev.c.location_name, ev.c.geonameid, ev.c.fatalities_best,
                  ev.c.incident_id, ev.c.incident_locked, ev.c.reported_by_source, art.c.source, art.c.content_hash)


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def _live() -> Any:
    return ev.c.status != "rejected"


def unresolved(conn: Connection, limit: int) -> list[dict[str, Any]]:
    """The next ``limit`` events without an incident, in a content-based order (same order on every
    database and for every ingest order: date, then the article's content hash, then position),
    completed with the rest of the last article's unresolved events (an article's events are
    resolved together: they tell which of them are mere context)."""
    base = (select(*_EVENT_COLUMNS).join(art, art.c.id == ev.c.article_id)
            .where(ev.c.incident_id.is_(None), _live()))
    rows = [dict(r._mapping) for r in conn.execute(
        base.order_by(ev.c.date_start, art.c.content_hash, ev.c.seq).limit(limit))]
    if len(rows) == limit:
        have = {int(r["id"]) for r in rows}
        rest = conn.execute(base.where(ev.c.article_id == rows[-1]["article_id"]).order_by(ev.c.seq))
        rows += [dict(r._mapping) for r in rest if int(r.id) not in have]
    return rows


def resolved_in_window(conn: Connection, lo: date, hi: date, precisions: Iterable[str]) -> list[dict[str, Any]]:
    """Events already in an incident, dated with one of ``precisions``, whose dates overlap [lo, hi]."""
    stmt = (select(*_EVENT_COLUMNS).join(art, art.c.id == ev.c.article_id)
            .where(ev.c.incident_id.is_not(None), _live(), ev.c.date_start <= hi,
                   func.coalesce(ev.c.date_end, ev.c.date_start) >= lo,
                   ev.c.date_precision.in_(sorted(precisions))))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def incident_sizes(conn: Connection, incident_ids: Iterable[int]) -> dict[int, int]:
    ids = sorted(set(incident_ids))
    out: dict[int, int] = {}
    for part in chunks(ids):
        stmt = (select(ev.c.incident_id, func.count()).where(ev.c.incident_id.in_(part), _live())
                .group_by(ev.c.incident_id))
        out.update({int(i): int(n) for i, n in conn.execute(stmt)})
    return out


def reports(conn: Connection, rows: list[dict[str, Any]], family: dict[str, str],
            area_words: frozenset[str] = frozenset()) -> list[Report]:
    """``Report``s for event rows, with their actors, evidence text, unsplit fatality figure and the
    places their sentences name."""
    ids = [int(r["id"]) for r in rows]
    actors = _actors(conn, ids)
    texts = _evidence(conn, ids)
    totals = _unsplit_fatalities(conn, ids)
    starts = _location_starts(conn, ids)
    toponyms = _toponyms(conn, ids)
    heads = _chain_heads(conn, rows, starts, area_words)
    out = []
    for r in rows:
        event_id = int(r["id"])
        report = _report(r, actors.get(event_id, ()), texts.get(event_id, ""), family)
        report.fatalities = totals.get(event_id, report.fatalities)
        report.location_start = starts.get(event_id)
        report.toponyms = toponyms.get(event_id, ())
        if event_id in heads and not any(t.text == heads[event_id] for t in report.toponyms):
            report.toponyms += (Toponym(None, heads[event_id]),)
        out.append(report)
    return out


def _chain_heads(conn: Connection, rows: list[dict[str, Any]], starts: dict[int, int],
                 area_words: frozenset[str]) -> dict[int, str]:
    """The words naming a more specific place just before the event's place in a comma chain: "in
    Police District 11, Kabul" → "Police District 11"; "into Mulla Killi, Bajaur district" → "Mulla
    Killi". The geoparser codes the place it can resolve; the head still tells two events apart."""
    wanted = {int(r["id"]): int(r["article_id"]) for r in rows if starts.get(int(r["id"]))}
    texts: dict[int, str] = {}
    for part in chunks(sorted(set(wanted.values()))):
        texts.update({int(i): t for i, t in conn.execute(select(art.c.id, art.c.text).where(art.c.id.in_(part)))})
    out: dict[int, str] = {}
    for event_id, article_id in wanted.items():
        start = starts[event_id]
        head = chain_head(texts.get(article_id, "")[max(0, start - CHAIN_LOOKBACK):start], area_words)
        if head:
            out[event_id] = head
    return out


def chain_head(before: str, area_words: frozenset[str]) -> str | None:
    """The capitalised name ending right before ", <place>" (an area word like "district" may follow it)."""
    m = _CHAIN_HEAD.search(before)
    if not m:
        return None
    words = m.group(1).split()
    if words and words[-1][0].islower():
        if words[-1].casefold() not in area_words:
            return None  # "near the market," ends in a common noun, not a place
        words.pop()
    name = " ".join(words)
    return name if name and (name[0].isupper() or name[0].isdigit()) else None


def _toponyms(conn: Connection, ids: list[int]) -> dict[int, tuple[Toponym, ...]]:
    """The fine place mentions (towns, sites, districts) inside each event's own sentences."""
    evid, pl = schema.evidence, schema.places
    out: dict[int, list[Toponym]] = defaultdict(list)
    for part in chunks(ids):
        stmt = (select(evid.c.event_id, pl.c.geonameid, pl.c.text)
                .join(ev, ev.c.id == evid.c.event_id)
                .join(pl, pl.c.article_id == ev.c.article_id)
                .where(evid.c.event_id.in_(part), func.length(evid.c.text) >= MIN_EVIDENCE_CHARS,
                       pl.c.span_start >= evid.c.span_start, pl.c.span_end <= evid.c.span_end,
                       pl.c.span_start > 0, pl.c.feature.in_(FINE_FEATURES))
                .order_by(evid.c.event_id, pl.c.span_start))
        for event_id, geonameid, text in conn.execute(stmt):
            topo = Toponym(None if geonameid is None else int(geonameid), str(text))
            if topo not in out[int(event_id)]:
                out[int(event_id)].append(topo)
    return {k: tuple(v) for k, v in out.items()}


def _location_starts(conn: Connection, ids: list[int]) -> dict[int, int]:
    """Where the text first names each event's place (its "location" evidence span)."""
    evid = schema.evidence
    out: dict[int, int] = {}
    for part in chunks(ids):
        stmt = (select(evid.c.event_id, func.min(evid.c.span_start))
                .where(evid.c.event_id.in_(part), evid.c.field == "location").group_by(evid.c.event_id))
        out.update({int(e): int(v) for e, v in conn.execute(stmt) if v is not None})
    return out


def _unsplit_fatalities(conn: Connection, ids: list[int]) -> dict[int, int]:
    """For events whose fatality claims were split over several places (DESIGN.md: "a total given for
    several places is split evenly"), the lowest total as given: what another report would state."""
    cl = schema.claims
    out: dict[int, int] = {}
    for part in chunks(ids):
        stmt = (select(cl.c.event_id, func.min(func.coalesce(cl.c.share_of, cl.c.value_low)))
                .where(cl.c.event_id.in_(part), cl.c.measure == "fatalities", cl.c.value_low.is_not(None))
                .group_by(cl.c.event_id).having(func.max(cl.c.share_of).is_not(None)))
        out.update({int(e): int(v) for e, v in conn.execute(stmt) if v is not None})
    return out


def _report(row: dict[str, Any], actors: tuple[ReportActor, ...], text: str, family: dict[str, str]) -> Report:
    start, end = row["date_start"], row["date_end"]
    return Report(
        event_id=int(row["id"]), article_id=int(row["article_id"]), family=family.get(row["event_type"], "other"),
        event_type=row["event_type"], sub_event_type=row["sub_event_type"], first_day=start,
        last_day=end or start, date_precision=row["date_precision"] or "unknown", lat=row["lat"], lon=row["lon"],
        geo_precision=row["geo_precision"] or "unknown", country_code=row["country_code"], admin1=row["admin1"],
        admin2=row["admin2"], location_name=row["location_name"], geonameid=row["geonameid"], actors=actors,
        evidence=text, fatalities=row["fatalities_best"], source=row["source"] or row["reported_by_source"],
        incident_id=row["incident_id"], locked=bool(row["incident_locked"]),
        sort_key=(str(row["content_hash"]), int(row["seq"])))


def _actors(conn: Connection, ids: list[int]) -> dict[int, tuple[ReportActor, ...]]:
    act = schema.event_actors
    out: dict[int, list[ReportActor]] = defaultdict(list)
    for part in chunks(ids):
        stmt = select(act.c.event_id, act.c.name, act.c.role, act.c.kind).where(act.c.event_id.in_(part)) \
            .order_by(act.c.event_id, act.c.seq)
        for event_id, name, role, kind in conn.execute(stmt):
            out[int(event_id)].append(ReportActor(name, role, kind))
    return {k: tuple(v) for k, v in out.items()}


def _evidence(conn: Connection, ids: list[int]) -> dict[int, str]:
    evid = schema.evidence
    out: dict[int, list[str]] = defaultdict(list)
    for part in chunks(ids):
        stmt = select(evid.c.event_id, evid.c.text).where(evid.c.event_id.in_(part),
                                                          func.length(evid.c.text) >= MIN_EVIDENCE_CHARS) \
            .order_by(evid.c.event_id, evid.c.seq)
        for event_id, text in conn.execute(stmt):
            if text not in out[int(event_id)]:
                out[int(event_id)].append(text)
    return {k: " ".join(v) for k, v in out.items()}


def new_incidents(conn: Connection, count: int, now: datetime) -> list[int]:
    """Insert ``count`` placeholder incident rows (filled by ``write_summaries``); their ids in order."""
    if count == 0:
        return []
    rows = [{"n_reports": 0, "n_sources": 0, "created_at": now, "updated_at": now} for _ in range(count)]
    stmt = insert(inc).returning(inc.c.id, sort_by_parameter_order=True)
    return [int(i) for i in conn.execute(stmt, rows).scalars().all()]


def link(conn: Connection, assignments: dict[int, int], now: datetime) -> None:
    """Set ``events.incident_id`` for event id → incident id."""
    if not assignments:
        return
    stmt = update(ev).where(ev.c.id == bindparam("b_id")).values(incident_id=bindparam("b_incident"),
                                                                 updated_at=now)
    conn.execute(stmt, [{"b_id": e, "b_incident": i} for e, i in assignments.items()])


def members(conn: Connection, incident_ids: Iterable[int]) -> dict[int, list[Member]]:
    """The live member events of incidents, with their claims grouped by sentence."""
    ids = sorted(set(incident_ids))
    out: dict[int, list[Member]] = defaultdict(list)
    for part in chunks(ids):
        stmt = (select(*_EVENT_COLUMNS).join(art, art.c.id == ev.c.article_id)
                .where(ev.c.incident_id.in_(part), _live()))
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        claims = _claims(conn, [int(r["id"]) for r in rows])
        for r in rows:
            out[int(r["incident_id"])].append(_member(r, claims.get(int(r["id"]), [])))
    return out


def _member(r: dict[str, Any], claims: list[MemberClaim]) -> Member:
    place_keys = ("location_name", "lat", "lon", "country_code", "admin1", "admin2", "geo_precision", "geonameid")
    return Member(event_id=int(r["id"]), article_id=int(r["article_id"]), source=r["source"] or r["reported_by_source"],
                  sort_key=(str(r["content_hash"]), int(r["seq"])), event_type=r["event_type"],
                  sub_event_type=r["sub_event_type"], date_start=r["date_start"], date_end=r["date_end"],
                  date_precision=r["date_precision"] or "unknown", place={k: r[k] for k in place_keys},
                  claims=claims)


def _claims(conn: Connection, event_ids: list[int]) -> dict[int, list[MemberClaim]]:
    """Claims per event; ``sentence`` tells which claims one source gives in one sentence (they add up).

    The contract does not carry the coder's sentence groups, so they are recovered from the article
    text: two claims are in one sentence when no sentence end lies between their spans.
    """
    cl = schema.claims
    rows: dict[int, list[Any]] = defaultdict(list)
    for part in chunks(event_ids):
        stmt = (select(cl.c.event_id, cl.c.measure, cl.c.value_low, cl.c.value_high, cl.c.claimant,
                       cl.c.span_start, cl.c.span_end, ev.c.article_id)
                .join(ev, ev.c.id == cl.c.event_id).where(cl.c.event_id.in_(part))
                .order_by(cl.c.event_id, cl.c.span_start, cl.c.seq))
        for row in conn.execute(stmt):
            rows[int(row.event_id)].append(row)
    return {event_id: _sentences(conn, claim_rows) for event_id, claim_rows in rows.items()}


def _sentences(conn: Connection, claim_rows: list[Any]) -> list[MemberClaim]:
    spans = [(r.span_start, r.span_end) for r in claim_rows if r.span_start is not None and r.span_end is not None]
    ends: list[int] = []
    if len(spans) > 1:
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        text = conn.scalar(select(func.substr(art.c.text, lo + 1, hi - lo))
                           .where(art.c.id == claim_rows[0].article_id)) or ""
        ends = [lo + m.end() for m in _SENTENCE_END.finditer(text)]
    out: list[MemberClaim] = []
    for r in claim_rows:
        sentence = 0 if r.span_start is None else sum(1 for e in ends if e <= r.span_start)
        out.append(MemberClaim(r.measure, r.value_low, r.value_high, r.claimant, sentence))
    return out


def write_summaries(conn: Connection, summaries: dict[int, dict[str, Any]], now: datetime) -> None:
    if not summaries:
        return
    columns = sorted(next(iter(summaries.values())))
    stmt = update(inc).where(inc.c.id == bindparam("b_id")).values(
        **{c: bindparam(f"b_{c}") for c in columns}, updated_at=now)
    conn.execute(stmt, [{"b_id": i, **{f"b_{c}": s[c] for c in columns}} for i, s in summaries.items()])


def drop_empty_incidents(conn: Connection) -> int:
    """Delete incidents no live event points to any more; returns how many."""
    has_member = select(ev.c.id).where(ev.c.incident_id == inc.c.id, _live()).exists()
    return int(conn.execute(delete(inc).where(~has_member)).rowcount or 0)


def unlink_unlocked(conn: Connection, now: datetime) -> int:
    """Detach every event a reviewer has not placed (the start of a full rebuild)."""
    stmt = update(ev).where(ev.c.incident_id.is_not(None), ev.c.incident_locked.is_(False)) \
        .values(incident_id=None, updated_at=now)
    return int(conn.execute(stmt).rowcount or 0)


def incidents_with_members(conn: Connection) -> list[int]:
    return [int(i) for i in conn.scalars(select(ev.c.incident_id).where(ev.c.incident_id.is_not(None), _live())
                                         .distinct())]


def event_rows(conn: Connection, event_ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = sorted(set(event_ids))
    out: list[dict[str, Any]] = []
    for part in chunks(ids):
        stmt = select(*_EVENT_COLUMNS).join(art, art.c.id == ev.c.article_id).where(ev.c.id.in_(part))
        out += [dict(r._mapping) for r in conn.execute(stmt)]
    return out


def incident_row(conn: Connection, incident_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(inc).where(inc.c.id == incident_id)).first()
    return dict(row._mapping) if row else None


def member_event_ids(conn: Connection, incident_id: int) -> list[int]:
    return [int(i) for i in conn.scalars(select(ev.c.id).where(ev.c.incident_id == incident_id).order_by(ev.c.id))]

