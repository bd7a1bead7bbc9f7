"""Resolving stored events: incremental, full rebuild, incident rows, never two events of one article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from eventledger.errors import NotFoundError
from eventledger.resolve import Resolver
from eventledger.store import Database, DocumentWriter, schema
from tests.resolve.doubles import MASTUNG, TURBAT, claim, document, event

BOMB_A = ("QUETTA, March 11 - A roadside bomb struck a police van on Sariab road in Quetta on Tuesday, "
          "killing five policemen, officials said.")
BOMB_B = ("Six police officers were killed when an explosive device hit their vehicle on Sariab road in "
          "Quetta, the provincial home department said on Tuesday.")
BOMB_C = ("Police said a bomb planted near a police van on Sariab road, Quetta, killed five officers; the "
          "Baloch Liberation Army said it carried out the attack.")
OTHER = ("MASTUNG, March 11 - Gunmen shot dead a shopkeeper in Mastung bazaar on Tuesday, police said.")


def bomb(text: str, n: int, needle: str, claimant: str | None = None, **kw: Any) -> dict[str, Any]:
    return event(text=text, claims=(claim(n, text, needle, claimant),), loc_start=text.index("Quetta"), **kw)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    yield database
    database.close()


def write(db: Database, *docs: dict[str, Any]) -> None:
    results = DocumentWriter(db).write_batch(list(docs))
    assert all(r.outcome == "new" for r in results), results


def incidents_by_article(db: Database) -> dict[str, set[int]]:
    ev, art = schema.events, schema.articles
    with db.read() as conn:
        rows = conn.execute(select(art.c.external_id, ev.c.incident_id).join(art, art.c.id == ev.c.article_id))
        out: dict[str, set[int]] = {}
        for ext, inc in rows:
            out.setdefault(str(ext), set()).add(inc)
    return out


def test_two_reports_of_one_event_share_an_incident_with_figures_by_the_claims_rules(db: Database) -> None:
    write(db, document("reuters-1", BOMB_A, [bomb(BOMB_A, 5, "five policemen")], source="Reuters"),
          document("dawn-1", BOMB_B, [bomb(BOMB_B, 6, "Six police officers", "provincial home department")],
                   source="Dawn"),
          document("local-1", OTHER, [event(text=OTHER, sub="Attack", etype="Violence against civilians",
                                            place=MASTUNG, loc_start=OTHER.index("Mastung"))]))
    summary = Resolver(db).resolve_new()
    assert (summary.events, summary.linked, summary.incidents_created) == (3, 1, 2)
    by_article = incidents_by_article(db)
    assert by_article["reuters-1"] == by_article["dawn-1"] != by_article["local-1"]
    with db.read() as conn:
        row = conn.execute(select(schema.incidents).where(
            schema.incidents.c.id == next(iter(by_article["reuters-1"])))).one()._mapping
    assert (row["n_reports"], row["n_sources"], row["location_name"]) == (2, 2, "Quetta")
    assert (row["fatalities_best"], row["fatalities_low"], row["fatalities_high"]) == (5, 5, 6)
    assert row["fatalities_disputed"] is True


def test_resolving_is_incremental_and_a_later_report_joins_the_incident(db: Database) -> None:
    resolver = Resolver(db)
    write(db, document("reuters-1", BOMB_A, [bomb(BOMB_A, 5, "five policemen")], source="Reuters"))
    assert resolver.resolve_new().events == 1
    assert resolver.resolve_new().events == 0  # nothing new: nothing compared again
    write(db, document("app-1", BOMB_C, [bomb(BOMB_C, 5, "five officers", "Police")], source="APP"))
    summary = resolver.resolve_new()
    assert (summary.events, summary.linked, summary.incidents_created) == (1, 1, 0)
    by_article = incidents_by_article(db)
    assert by_article["reuters-1"] == by_article["app-1"]


def test_two_events_of_one_article_are_never_merged(db: Database) -> None:
    write(db, document("reuters-1", BOMB_A, [bomb(BOMB_A, 5, "five policemen"), bomb(BOMB_A, 5, "five policemen")]))
    Resolver(db).resolve_new()
    assert len(incidents_by_article(db)["reuters-1"]) == 2


def test_rebuild_gives_the_same_incidents(db: Database) -> None:
    write(db, document("reuters-1", BOMB_A, [bomb(BOMB_A, 5, "five policemen")], source="Reuters"),
          document("dawn-1", BOMB_B, [bomb(BOMB_B, 6, "Six police officers")], source="Dawn"),
          document("turbat-1", OTHER, [event(text=OTHER, place=TURBAT)]))
    resolver = Resolver(db)
    resolver.resolve_new()
    before = {k: len(v) for k, v in incidents_by_article(db).items()}
    groups_before = _groups(db)
    summary = resolver.rebuild()
    assert summary.events == 3
    assert {k: len(v) for k, v in incidents_by_article(db).items()} == before
    assert _groups(db) == groups_before
    with db.read() as conn:
        assert conn.scalar(select(schema.incidents.c.id).where(schema.incidents.c.n_reports == 0)) is None


def _groups(db: Database) -> set[frozenset[str]]:
    members: dict[int, set[str]] = {}
    for ext, incs in incidents_by_article(db).items():
        for inc in incs:
            members.setdefault(inc, set()).add(ext)
    return {frozenset(v) for v in members.values()}


def test_explain_gives_every_part_of_the_score(db: Database) -> None:
    write(db, document("reuters-1", BOMB_A, [bomb(BOMB_A, 5, "five policemen")]),
          document("dawn-1", BOMB_B, [bomb(BOMB_B, 6, "Six police officers")]))
    resolver = Resolver(db)
    resolver.resolve_new()
    with db.read() as conn:
        a, b = conn.scalars(select(schema.events.c.id).order_by(schema.events.c.id)).all()
    score = resolver.explain(a, b)
    assert score.matches(resolver.rules)
    assert {"type", "date", "place", "figures", "text"} <= set(score.parts)
    with pytest.raises(NotFoundError):
        resolver.explain(a, 999)


def test_stored_event_json_is_untouched_by_resolving(db: Database) -> None:
    doc = document("reuters-1", BOMB_A, [bomb(BOMB_A, 5, "five policemen")])
    write(db, doc)
    Resolver(db).resolve_new()
    with db.read() as conn:
        stored = json.loads(conn.scalar(select(schema.events.c.event_json)))
    assert stored == doc["events"][0]


def test_events_dated_only_to_a_year_keep_their_own_incidents(db: Database) -> None:
    year = {"day": "2024-01-01", "precision": "year"}
    write(db, document("reuters-1", BOMB_A, [bomb(BOMB_A, 5, "five policemen", **year)], source="Reuters"),
          document("dawn-1", BOMB_B, [bomb(BOMB_B, 6, "Six police officers", **year)], source="Dawn"))
    summary = Resolver(db).resolve_new()
    assert (summary.events, summary.linked) == (2, 0)


def test_two_districts_do_not_meet_through_a_report_naming_only_the_city(db: Database) -> None:
    """A joins an incident only when its place agrees with every member's: "Police District 4" and
    "Police District 2" stay apart even though a city-only report fits both."""
    city = "A bomb hit a police van in Quetta on Tuesday, killing five policemen, officials said."
    four = "A bomb hit a police van in Police District 4, Quetta on Tuesday, killing five policemen."
    two = "A bomb hit a police van in Police District 2, Quetta on Tuesday, killing five policemen."
    write(db, document("city", city, [bomb(city, 5, "five policemen")], source="AFP"),
          document("pd4", four, [bomb(four, 5, "five policemen")], source="Reuters"),
          document("pd2", two, [bomb(two, 5, "five policemen")], source="Dawn"))
    Resolver(db).resolve_new()
    by_article = incidents_by_article(db)
    assert by_article["pd4"] != by_article["pd2"]
