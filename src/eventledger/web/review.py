"""Review actions on one event: accept, reject, correct fields (DESIGN.md: every edit is audited).

A correction updates both the event's columns and its stored contract JSON (``events.event_json``:
the exports read it), replaces its actors when they changed, sets the status to ``edited`` and
writes one audit entry per changed field (who, when, field, before, after) in the same
transaction. The client may send the ``version`` it read (the row's ``updated_at``): when the row
changed meanwhile the action is refused with ``ConflictError`` instead of silently overwriting.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from eventledger.errors import ConflictError, NotFoundError, ReviewError
from eventledger.store import Database, schema
from eventledger.web import audit
from eventledger.web.audit import Actor
from eventledger.web.corrections import parse_changes
from eventledger.web.vocabulary import Vocabulary

ACTIONS = ("accept", "reject", "correct")
_STATUS_AFTER = {"accept": "accepted", "reject": "rejected", "correct": "edited"}
_JSON_PATH = {  # column → where the same value lives in the contract JSON
    "event_type": ("event_type",), "sub_event_type": ("sub_event_type",),
    "date_start": ("date", "start"), "date_end": ("date", "end"), "date_precision": ("date", "precision"),
    "location_name": ("location", "name"), "lat": ("location", "lat"), "lon": ("location", "lon"),
    "country_code": ("location", "country_code"), "admin1": ("location", "admin1"),
    "admin2": ("location", "admin2"), "geo_precision": ("location", "geo_precision"),
    "geonameid": ("location", "geonameid"), "background": ("background",),
    **{f"{m}_{k}": (m, k) for m in ("fatalities", "injuries") for k in ("best", "low", "high", "disputed")},
}
# When these change, the machine's evidence span for them no longer supports the value.
_EVIDENCE_OF = {"location_name": "location", "date_start": "date", "date_end": "date"}


def version_of(row: Mapping[str, Any]) -> str:
    """The token a client sends back to prove it saw the current row."""
    return str(row["updated_at"])


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class Reviewer:
    def __init__(self, db: Database, vocabulary: Vocabulary) -> None:
        self.db = db
        self.vocabulary = vocabulary

    def review(self, event_id: int, action: str, who: Actor, changes: Mapping[str, Any] | None = None,
               version: str | None = None) -> list[str]:
        """Apply ``action`` to the event; returns the fields that changed (``status`` included)."""
        if action not in ACTIONS:
            raise ReviewError(f"unknown review action {action!r} (use {', '.join(ACTIONS)})")
        with self.db.begin_write() as conn:
            row = self._locked_row(conn, event_id)
            if version and version != version_of(row):
                raise ConflictError(f"event {event_id} was changed by someone else since you opened it; "
                                    "reload it and review again")
            values: dict[str, Any] = {}
            actors: list[dict[str, Any]] | None = None
            if action == "correct":
                values, actors = parse_changes(changes or {}, row, self.vocabulary)
                if not values and actors is None:
                    raise ReviewError("the correction changes nothing")
            values["status"] = _STATUS_AFTER[action]
            return self._apply(conn, row, action, values, actors, who)

    @staticmethod
    def _locked_row(conn: Connection, event_id: int) -> dict[str, Any]:
        query = select(schema.events).where(schema.events.c.id == event_id)
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise NotFoundError(f"no event {event_id}")
        return dict(row._mapping)

    def _apply(self, conn: Connection, row: dict[str, Any], action: str, values: dict[str, Any],
               actors: list[dict[str, Any]] | None, who: Actor) -> list[str]:
        event_id = int(row["id"])
        changed = {k: v for k, v in values.items() if (row.get(k) or None if k == "tags" else row.get(k)) != v}
        body = json.loads(row["event_json"] or "{}")
        for column, value in changed.items():
            path = _JSON_PATH.get(column)
            if path:
                target = body
                for key in path[:-1]:
                    target = _reset(target, key)
                target[path[-1]] = _json_value(value)
        if "tags" in changed:
            body["tags"] = [t for t in (changed["tags"] or "").split("; ") if t]
        stale = {_EVIDENCE_OF[c] for c in changed if c in _EVIDENCE_OF}
        for key in stale:
            if isinstance(body.get(key), dict):
                body[key].pop("evidence", None)
        now = datetime.now(UTC)
        if actors is not None:
            old_actors = body.get("actors") or []
            body["actors"] = _merge_actor_evidence(actors, old_actors)
        conn.execute(update(schema.events).where(schema.events.c.id == event_id)
                     .values(**changed, event_json=json.dumps(body, ensure_ascii=False), updated_at=now))
        if stale:
            conn.execute(delete(schema.evidence).where(schema.evidence.c.event_id == event_id,
                                                       schema.evidence.c.field.in_(stale)))
        fields = list(changed)
        if actors is not None:
            self._replace_actors(conn, event_id, body["actors"])
            audit.record(conn, who, action, "events", event_id,
                         {"actors": [_actor_text(a) for a in old_actors]},
                         {"actors": [_actor_text(a) for a in body["actors"]]}, at=now)
            fields.append("actors")
        for column, value in changed.items():
            audit.record(conn, who, action, "events", event_id, {column: row.get(column)}, {column: value}, at=now)
        return fields

    @staticmethod
    def _replace_actors(conn: Connection, event_id: int, actors: list[dict[str, Any]]) -> None:
        act = schema.event_actors
        conn.execute(delete(act).where(act.c.event_id == event_id))
        rows = [{"event_id": event_id, "seq": i, "name": a["name"], "role": a["role"], "kind": a.get("kind"),
                 "span_start": (a.get("evidence") or {}).get("start"), "span_end": (a.get("evidence") or {}).get("end")}
                for i, a in enumerate(actors)]
        if rows:
            conn.execute(insert(act), rows)


def _reset(target: dict[str, Any], key: str) -> dict[str, Any]:
    """``target[key]`` as a dict (a null location becomes an empty object before a field is set)."""
    if not isinstance(target.get(key), dict):
        target[key] = {}
    value: dict[str, Any] = target[key]
    return value


def _actor_text(actor: Mapping[str, Any]) -> str:
    return f"{actor.get('role')}: {actor.get('name')} ({actor.get('kind') or '?'})"


def _merge_actor_evidence(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Corrected actors keep the evidence span of an unchanged (name, role) pair."""
    spans = {(a.get("name"), a.get("role")): a.get("evidence") for a in old if a.get("evidence")}
    out = []
    for actor in new:
        item = {"name": actor["name"], "role": actor["role"], "kind": actor.get("kind")}
        span = spans.get((actor["name"], actor["role"]))
        if span:
            item["evidence"] = span
        out.append(item)
    return out
