"""Reviewers' merge and split: audited, locked, and respected by later resolving."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from eventledger.errors import NotFoundError, ReviewError
from eventledger.resolve import Resolver, merge_incidents, split_event
from eventledger.store import Database, DocumentWriter, schema
from tests.resolve.doubles import TURBAT, claim, document, event
from tests.resolve.test_resolver import BOMB_A, BOMB_B, BOMB_C, OTHER, bomb


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    DocumentWriter(database).write_batch([
        document("reuters-1", BOMB_A, [bomb(BOMB_A, 5, "five policemen")], source="Reuters"),
        document("dawn-1", BOMB_B, [bomb(BOMB_B, 6, "Six police officers")], source="Dawn"),
        document("turbat-1", OTHER, [event(text=OTHER, place=TURBAT, claims=(claim(1, OTHER, "a shopkeeper"),))],
                 source="Express"),
    ])
    Resolver(database).resolve_new()
    yield database
    database.close()


def incident_of(db: Database, external_id: str) -> int:
    ev, art = schema.events, schema.articles
    with db.read() as conn:
        return int(conn.scalar(select(ev.c.incident_id).join(art, art.c.id == ev.c.article_id)
                               .where(art.c.external_id == external_id)))


def event_of(db: Database, external_id: str) -> int:
    ev, art = schema.events, schema.articles
    with db.read() as conn:
        return int(conn.scalar(select(ev.c.id).join(art, art.c.id == ev.c.article_id)
                               .where(art.c.external_id == external_id)))


def audit(db: Database) -> list[dict[str, Any]]:
    with db.read() as conn:
        return [dict(r._mapping) for r in conn.execute(select(schema.audit_log).order_by(schema.audit_log.c.id))]


def incident(db: Database, incident_id: int) -> dict[str, Any] | None:
    with db.read() as conn:
        row = conn.execute(select(schema.incidents).where(schema.incidents.c.id == incident_id)).first()
    return dict(row._mapping) if row else None


def test_merge_moves_the_reports_recomputes_and_audits(db: Database) -> None:
    keep, other = incident_of(db, "reuters-1"), incident_of(db, "turbat-1")
    assert merge_incidents(db, keep, other, who="amina") == keep
    assert incident_of(db, "turbat-1") == keep
    assert incident(db, other) is None
    row = incident(db, keep)
    assert row is not None and (row["n_reports"], row["n_sources"]) == (3, 3)
    entries = audit(db)
    assert {e["who"] for e in entries} == {"amina"}
    moved = [e for e in entries if e["table_name"] == "events" and json.loads(e["after"])["incident_id"] == keep
             and json.loads(e["before"])["incident_id"] == other]
    assert len(moved) == 1 and moved[0]["row_id"] == event_of(db, "turbat-1")
    assert any(e["action"] == "merge" and e["row_id"] == other and json.loads(e["after"]) == {"merged_into": keep}
               for e in entries)
    updated = next(e for e in entries if e["action"] == "update" and e["table_name"] == "incidents")
    assert json.loads(updated["before"])["n_reports"] == 2 and json.loads(updated["after"])["n_reports"] == 3


def test_split_takes_an_event_out_and_resolving_never_puts_it_back(db: Database) -> None:
    old = incident_of(db, "dawn-1")
    assert old == incident_of(db, "reuters-1")
    new = split_event(db, event_of(db, "dawn-1"), who="amina", user_id=None)
    assert new != old and incident_of(db, "dawn-1") == new
    assert incident(db, old)["n_reports"] == 1  # type: ignore[index]
    actions = [(e["action"], e["table_name"]) for e in audit(db)]
    assert ("update", "events") in actions and ("insert", "incidents") in actions and ("update", "incidents") in actions
    resolver = Resolver(db)
    resolver.rebuild()
    assert incident_of(db, "dawn-1") != incident_of(db, "reuters-1")
    # A new report of the event joins the machine's incident, not the one the reviewer settled.
    DocumentWriter(db).write_batch([document("app-1", BOMB_C, [bomb(BOMB_C, 5, "five officers")], source="APP")])
    resolver.resolve_new()
    assert incident_of(db, "app-1") == incident_of(db, "reuters-1")


def test_splitting_the_last_report_keeps_it_alone_and_errors_are_clear(db: Database) -> None:
    alone = incident_of(db, "turbat-1")
    assert split_event(db, event_of(db, "turbat-1"), who="amina") == alone
    with pytest.raises(NotFoundError):
        split_event(db, 9999, who="amina")
    with pytest.raises(ReviewError):
        merge_incidents(db, alone, alone, who="amina")
    with pytest.raises(NotFoundError):
        merge_incidents(db, alone, 9999, who="amina")
