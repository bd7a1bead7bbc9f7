"""``eventledger stats``: counts by event type, month and admin1, plus table totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, String, cast, func, select

from eventledger.store import schema


@dataclass
class LedgerStats:
    totals: dict[str, int] = field(default_factory=dict)
    by_type: list[tuple[str, int]] = field(default_factory=list)
    by_month: list[tuple[str, int]] = field(default_factory=list)
    by_admin1: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)


_COUNTED = ("articles", "events", "event_actors", "claims", "evidence", "places", "incidents")


def ledger_stats(conn: Connection, top: int = 20) -> LedgerStats:
    """Totals per table; events by type, by month (of ``date_start``), by admin1 (top ``top``)."""
    ev = schema.events
    out = LedgerStats()
    for name in _COUNTED:
        table = schema.metadata.tables[name]
        out.totals[name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    n = func.count().label("n")
    out.by_type = [(f"{t} / {s}", int(c)) for t, s, c in conn.execute(
        select(ev.c.event_type, ev.c.sub_event_type, n).group_by(ev.c.event_type, ev.c.sub_event_type)
        .order_by(n.desc(), ev.c.event_type, ev.c.sub_event_type))]
    # Dates are ISO text on SQLite and DATE on PostgreSQL; both cast to 'YYYY-MM-DD'.
    month = func.substr(cast(ev.c.date_start, String), 1, 7).label("month")
    out.by_month = [(m or "unknown", int(c)) for m, c in conn.execute(
        select(month, n).group_by(month).order_by(month))]
    place = func.coalesce(ev.c.country_code + " / " + ev.c.admin1, ev.c.country_code, "unknown").label("place")
    out.by_admin1 = [(p, int(c)) for p, c in conn.execute(
        select(place, n).group_by(place).order_by(n.desc(), place).limit(top))]
    out.by_status = [(s, int(c)) for s, c in conn.execute(select(ev.c.status, n).group_by(ev.c.status)
                                                          .order_by(ev.c.status))]
    return out
