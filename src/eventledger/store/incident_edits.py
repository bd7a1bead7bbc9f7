"""Reviewers' corrections to duplicate merging: merge two incidents, split an event out of one.

A minimal version for the web app until ``eventledger.resolve`` provides its own: each action runs
in one transaction, moves ``events.incident_id``, recomputes the incidents' fatality figures from
their reports' claims by the claims rules (``extract.claims.figures``), deletes an incident left
without reports, and writes every change to ``audit_log``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from eventledger.errors import NotFoundError, ReviewError
from eventledger.store import schema
from eventledger.store.database import Database

ev, inc, cl = schema.events, schema.incidents, schema.claims
_SHOWN = ("event_type", "sub_event_type", "date_start", "date_end", "location_name", "fatalities_best",
          "fatalities_low", "fatalities_high", "fatalities_disputed", "n_reports")


def _audit(conn: Connection, who: str, user_id: int | None, action: str, table: str, row_id: int,
           before: Any, after: Any, now: datetime) -> None:
    def dump(value: Any) -> str | None:
        return None if value is None else json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)

    conn.execute(insert(schema.audit_log).values(at=now, user_id=user_id, who=who, action=action, table_name=table,
                                                 row_id=row_id, before=dump(before), after=dump(after)))


def _incident(conn: Connection, incident_id: int) -> dict[str, Any]:
    row = conn.execute(select(inc).where(inc.c.id == incident_id)).first()
    if row is None:
        raise NotFoundError(f"no incident {incident_id}")
    return dict(row._mapping)


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in _SHOWN}


def _figures(conn: Connection, incident_id: int) -> dict[str, Any]:
    from eventledger.extract.claims import figures
    from eventledger.extract.event import Claim

    rows = conn.execute(select(cl).join(ev, ev.c.id == cl.c.event_id)
                        .where(ev.c.incident_id == incident_id, cl.c.measure == "fatalities"))
    claims = [Claim(r.value_low, r.value_high, r.value_text or "", r.claimant, r.about, "killed",
                    r.span_start or 0, r.span_end or 0, r.kind or "report", r.qualifier, r.share_of, r.event_id)
              for r in rows]
    fig = figures(claims)
    return {"fatalities_best": fig.best, "fatalities_low": fig.low, "fatalities_high": fig.high,
            "fatalities_disputed": fig.disputed}


def refresh(conn: Connection, incident_id: int, now: datetime) -> bool:
    """Recompute an incident from its reports; delete it when none is left (returns False then)."""
    members = conn.execute(select(ev).where(ev.c.incident_id == incident_id).order_by(ev.c.id)).all()
    if not members:
        conn.execute(delete(inc).where(inc.c.id == incident_id))
        return False
    first = members[0]
    starts = [m.date_start for m in members if m.date_start]
    ends = [m.date_end or m.date_start for m in members if m.date_end or m.date_start]
    conn.execute(update(inc).where(inc.c.id == incident_id).values(
        event_type=first.event_type, sub_event_type=first.sub_event_type,
        date_start=min(starts) if starts else None, date_end=max(ends) if ends else None,
        location_name=first.location_name, lat=first.lat, lon=first.lon, country_code=first.country_code,
        admin1=first.admin1, n_reports=len(members), updated_at=now, **_figures(conn, incident_id)))
    return True


def merge_incidents(db: Database, keep_id: int, other_id: int, *, who: str, user_id: int | None = None) -> int:
    """Move every report of ``other_id`` into ``keep_id`` and delete ``other_id``; returns ``keep_id``."""
    if keep_id == other_id:
        raise ReviewError(f"incident {keep_id} cannot be merged with itself")
    with db.begin_write() as conn:
        now = datetime.now(UTC)
        keep, other = _incident(conn, keep_id), _incident(conn, other_id)
        moved = list(conn.scalars(select(ev.c.id).where(ev.c.incident_id == other_id)))
        conn.execute(update(ev).where(ev.c.incident_id == other_id).values(incident_id=keep_id, updated_at=now))
        for event_id in moved:
            _audit(conn, who, user_id, "merge", "events", event_id, {"incident_id": other_id},
                   {"incident_id": keep_id}, now)
        conn.execute(delete(inc).where(inc.c.id == other_id))
        refresh(conn, keep_id, now)
        _audit(conn, who, user_id, "merge", "incidents", other_id, _shown(other), {"merged_into": keep_id}, now)
        _audit(conn, who, user_id, "update", "incidents", keep_id, _shown(keep), _shown(_incident(conn, keep_id)),
               now)
    return keep_id


def split_event(db: Database, event_id: int, *, who: str, user_id: int | None = None) -> int:
    """Give ``event_id`` an incident of its own; returns that incident's id."""
    with db.begin_write() as conn:
        now = datetime.now(UTC)
        row = conn.execute(select(ev.c.id, ev.c.incident_id).where(ev.c.id == event_id)).first()
        if row is None:
            raise NotFoundError(f"no event {event_id}")
        old_id = row.incident_id
        if old_id is not None and conn.execute(select(func.count()).where(ev.c.incident_id == old_id)
                                               ).scalar_one() == 1:
            return int(old_id)  # alone already
        new_id = int(conn.execute(insert(inc).values(n_reports=0, created_at=now, updated_at=now)
                                  .returning(inc.c.id)).scalar_one())
        conn.execute(update(ev).where(ev.c.id == event_id).values(incident_id=new_id, updated_at=now))
        _audit(conn, who, user_id, "split", "events", event_id, {"incident_id": old_id}, {"incident_id": new_id}, now)
        refresh(conn, new_id, now)
        _audit(conn, who, user_id, "insert", "incidents", new_id, None, _shown(_incident(conn, new_id)), now)
        if old_id is not None:
            before = _shown(_incident(conn, old_id))
            if refresh(conn, old_id, now):
                _audit(conn, who, user_id, "update", "incidents", old_id, before, _shown(_incident(conn, old_id)), now)
            else:
                _audit(conn, who, user_id, "delete", "incidents", old_id, before, None, now)
    return new_id
