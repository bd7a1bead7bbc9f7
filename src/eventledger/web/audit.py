"""The audit log: who changed what, when, with the value before and after (DESIGN.md, security model).

One entry per changed field for event corrections (``before``/``after`` are ``{field: value}``
JSON objects), one per action otherwise. Entries are written inside the caller's transaction, so
a change and its audit entry commit or vanish together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from eventledger.store import schema


@dataclass(frozen=True)
class Actor:
    """Who made a change: a web user (``user_id``) or a command (``user_id`` None)."""

    name: str
    user_id: int | None = None


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=_plain, sort_keys=True)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def record(conn: Connection, who: Actor, action: str, table: str, row_id: int | None,
           before: Any = None, after: Any = None, at: datetime | None = None) -> None:
    conn.execute(insert(schema.audit_log).values(
        at=at or datetime.now(UTC), user_id=who.user_id, who=who.name, action=action, table_name=table,
        row_id=row_id, before=_json(before), after=_json(after)))


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    who: str
    action: str
    table_name: str
    row_id: int | None
    before: Any
    after: Any

    @property
    def field(self) -> str | None:
        """The field an entry changed, when it changed one (corrections store ``{field: value}``)."""
        for side in (self.after, self.before):
            if isinstance(side, dict) and len(side) == 1:
                return str(next(iter(side)))
        return None

    def value(self, side: str) -> Any:
        data = self.before if side == "before" else self.after
        if isinstance(data, dict) and len(data) == 1:
            return next(iter(data.values()))
        return data


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(row.id, row.at, row.who, row.action, row.table_name, row.row_id,
                      json.loads(row.before) if row.before else None, json.loads(row.after) if row.after else None)


def entries(conn: Connection, *, table: str | None = None, row_id: int | None = None, who: str | None = None,
            limit: int = 100, offset: int = 0) -> tuple[list[AuditEntry], int]:
    """Newest first, with the total count for paging."""
    log = schema.audit_log
    clauses = []
    if table:
        clauses.append(log.c.table_name == table)
    if row_id is not None:
        clauses.append(log.c.row_id == row_id)
    if who:
        clauses.append(log.c.who == who)
    rows = conn.execute(select(log).where(*clauses).order_by(log.c.id.desc()).limit(limit).offset(offset))
    total = conn.execute(select(func.count()).select_from(log).where(*clauses)).scalar_one()
    return [_entry(r) for r in rows], int(total)


def for_events(conn: Connection, event_ids: list[int]) -> list[AuditEntry]:
    """The review history of some events, oldest first."""
    if not event_ids:
        return []
    log = schema.audit_log
    rows = conn.execute(select(log).where(log.c.table_name == "events", log.c.row_id.in_(event_ids))
                        .order_by(log.c.id))
    return [_entry(r) for r in rows]
