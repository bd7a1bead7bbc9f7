"""Reviewers' corrections to duplicate merging: merge two incidents, split an event out of one.

The web app calls these; each runs in one transaction, writes every changed row to ``audit_log``
(who, when, which row, and the changed fields before and after, as JSON) and *locks* the events it
places (``events.incident_locked``), so neither later resolves nor ``resolve --rebuild`` undo a
reviewer's decision. The incidents' derived fields are recomputed from their new members.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, update

from eventledger.errors import NotFoundError, ReviewError
from eventledger.extract.rules import Taxonomy
from eventledger.resolve import store
from eventledger.resolve.resolver import lock_incidents, refresh_incidents
from eventledger.store import schema
from eventledger.store.database import Database

ev = schema.events
inc = schema.incidents
# Incident columns worth showing in the audit trail (timestamps change on every write).
_AUDIT_SKIP = ("created_at", "updated_at")


def merge_incidents(db: Database, keep_id: int, other_id: int, *, who: str, user_id: int | None = None) -> int:
    """Move every report of incident ``other_id`` into ``keep_id`` and delete ``other_id``; returns ``keep_id``."""
    if keep_id == other_id:
        raise ReviewError(f"incident {keep_id} cannot be merged with itself")
    rank = Taxonomy.load().rank
    with db.begin_write() as conn:
        lock_incidents(conn)
        now = datetime.now(UTC)
        keep, other = _incident(conn, keep_id), _incident(conn, other_id)
        _place_events(conn, store.member_event_ids(conn, keep_id), keep_id, who, user_id, now)
        _place_events(conn, store.member_event_ids(conn, other_id), keep_id, who, user_id, now)
        refresh_incidents(conn, [keep_id], rank, now)
        _audit(conn, who, user_id, "update", "incidents", keep_id, *_changed(keep, _incident(conn, keep_id)), now)
        conn.execute(delete(inc).where(inc.c.id == other_id))
        _audit(conn, who, user_id, "merge", "incidents", other_id, _shown(other), {"merged_into": keep_id}, now)
    return keep_id


def split_event(db: Database, event_id: int, *, who: str, user_id: int | None = None) -> int:
    """Take event ``event_id`` out of its incident into an incident of its own; returns that incident's id.

    The event is locked there, so resolving never links it back; the incident it left is
    recomputed, and deleted when it has no report left.
    """
    rank = Taxonomy.load().rank
    with db.begin_write() as conn:
        lock_incidents(conn)
        now = datetime.now(UTC)
        rows = store.event_rows(conn, [event_id])
        if not rows:
            raise NotFoundError(f"no event {event_id}")
        old_id = rows[0]["incident_id"]
        if old_id is not None and store.member_event_ids(conn, old_id) == [event_id]:
            _place_events(conn, [event_id], old_id, who, user_id, now)  # alone already: just keep it so
            return int(old_id)
        new_id = store.new_incidents(conn, 1, now)[0]
        before_old = _incident(conn, old_id) if old_id is not None else None
        _place_events(conn, [event_id], new_id, who, user_id, now)
        refresh_incidents(conn, [new_id] + ([old_id] if old_id is not None else []), rank, now)
        _audit(conn, who, user_id, "insert", "incidents", new_id, None, _shown(_incident(conn, new_id)), now)
        if old_id is not None and before_old is not None:
            _after_split(conn, old_id, before_old, who, user_id, now)
    return new_id


def _after_split(conn: Connection, old_id: int, before: dict[str, Any], who: str, user_id: int | None,
                 now: datetime) -> None:
    if store.member_event_ids(conn, old_id):
        _audit(conn, who, user_id, "update", "incidents", old_id, *_changed(before, _incident(conn, old_id)), now)
    else:
        conn.execute(delete(inc).where(inc.c.id == old_id))
        _audit(conn, who, user_id, "delete", "incidents", old_id, _shown(before), None, now)


def _incident(conn: Connection, incident_id: int) -> dict[str, Any]:
    row = store.incident_row(conn, incident_id)
    if row is None:
        raise NotFoundError(f"no incident {incident_id}")
    return row


def _place_events(conn: Connection, event_ids: Sequence[int], incident_id: int, who: str, user_id: int | None,
                  now: datetime) -> None:
    """Put events in ``incident_id`` and lock them there, auditing each one that changes."""
    for row in store.event_rows(conn, event_ids):
        before = {"incident_id": row["incident_id"], "incident_locked": bool(row["incident_locked"])}
        after = {"incident_id": incident_id, "incident_locked": True}
        if before == after:
            continue
        conn.execute(update(ev).where(ev.c.id == row["id"]).values(incident_id=incident_id, incident_locked=True,
                                                                    updated_at=now))
        _audit(conn, who, user_id, "update", "events", int(row["id"]), before, after, now)


def _changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that changed, before and after (the audit trail's "field, before, after")."""
    keys = [k for k in after if k not in _AUDIT_SKIP and before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _shown(row: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if row is None else {k: v for k, v in row.items() if k not in _AUDIT_SKIP}


def _audit(conn: Connection, who: str, user_id: int | None, action: str, table: str, row_id: int,
           before: dict[str, Any] | None, after: dict[str, Any] | None, now: datetime) -> None:
    conn.execute(insert(schema.audit_log).values(
        at=now, user_id=user_id, who=who, action=action, table_name=table, row_id=row_id,
        before=None if before is None else json.dumps(before, default=str, sort_keys=True),
        after=None if after is None else json.dumps(after, default=str, sort_keys=True)))
