"""``DocumentWriter``: every part of an article lands, once, or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from eventledger.store import Database, DocumentWriter
from eventledger.store import schema as s
from tests.store.factories import TEXT, make_document, variant, with_event


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    yield database
    database.close()


def count(db: Database, table: object) -> int:
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_one_document_becomes_rows_in_every_table(db: Database) -> None:
    [result] = DocumentWriter(db).write_batch([make_document()])
    assert result.outcome == "new" and result.n_events == 1
    assert (count(db, s.articles), count(db, s.events), count(db, s.event_actors), count(db, s.claims),
            count(db, s.places)) == (1, 1, 3, 2, 2)
    assert count(db, s.evidence) == 3  # the sentence, the date words, the place name
    with db.read() as conn:
        ev = conn.execute(select(s.events)).mappings().one()
        art = conn.execute(select(s.articles)).mappings().one()
        spans = conn.execute(select(s.evidence.c.field, s.evidence.c.text).order_by(s.evidence.c.seq)).all()
    assert (ev["event_type"], ev["sub_event_type"], ev["date_precision"]) == ("Violence against civilians", "Attack",
                                                                             "day")
    assert (ev["location_name"], ev["admin1"], ev["country_code"], ev["geo_precision"]) == ("Kawuri", "Borno", "NG",
                                                                                          "point")
    assert (ev["fatalities_best"], ev["fatalities_low"], ev["fatalities_high"], ev["fatalities_disputed"]) == (
        6, 6, 9, True)
    assert ev["status"] == "machine" and ev["incident_id"] is None and ev["tags"] == "mass_casualty"
    assert json.loads(ev["event_json"]) == make_document()["events"][0]
    assert art["text"] == TEXT and art["n_events"] == 1 and art["published"].isoformat() == "2025-04-08"
    assert [tuple(r) for r in spans] == [("trigger", TEXT.split(". ")[0] + "."), ("date", "Monday night"),
                                         ("location", "Kawuri")]


def test_same_text_or_same_url_is_a_duplicate(db: Database) -> None:
    writer = DocumentWriter(db)
    first = make_document()
    reworded = make_document("other-id", TEXT + " More later.", url=first["article"]["url"])
    respaced = make_document("third", TEXT.replace("stormed the", "stormed\n  the") + "\n", url=None)
    results = writer.write_batch([first, first, reworded, respaced])
    assert [r.outcome for r in results] == ["new", "duplicate", "duplicate", "duplicate"]
    assert [r.outcome for r in writer.write_batch([first])] == ["duplicate"]
    assert count(db, s.articles) == 1 and count(db, s.events) == 1


def test_articles_without_url_do_not_clash(db: Database) -> None:
    docs = [variant(1), variant(2)]
    for d in docs:
        d["article"]["url"] = None
    assert [r.outcome for r in DocumentWriter(db).write_batch(docs)] == ["new", "new"]


def test_a_malformed_document_fails_alone(db: Database) -> None:
    bad_date = with_event(variant(2), date={"start": "yesterday", "end": None, "precision": "day"})
    no_type = variant(3)
    del no_type["events"][0]["event_type"]
    results = DocumentWriter(db).write_batch([variant(1), bad_date, no_type, variant(4)])
    assert [r.outcome for r in results] == ["new", "failed", "failed", "new"]
    assert results[1].reason and "malformed" in results[1].reason
    assert count(db, s.articles) == 2 and count(db, s.events) == 2


def test_database_refusal_rolls_back_only_that_article(db: Database) -> None:
    too_long = with_event(variant(2), date_precision="x")
    too_long["events"][0]["location"] = {**too_long["events"][0]["location"], "country_code": "NGA-TOO-LONG"}
    results = DocumentWriter(db).write_batch([variant(1), too_long, variant(3)])
    outcomes = [r.outcome for r in results]
    # SQLite does not enforce VARCHAR lengths; PostgreSQL does, and only that article is lost.
    if db.dialect == "postgresql":
        assert outcomes == ["new", "failed", "new"]
        assert count(db, s.articles) == 2 and count(db, s.events) == 2 and count(db, s.claims) == 4
    else:
        assert outcomes == ["new", "new", "new"]


def test_nul_characters_are_stored_safely(db: Database) -> None:
    doc = make_document(text=TEXT + " \x00tail")
    assert DocumentWriter(db).write_batch([doc])[0].outcome == "new"


def test_article_without_events_is_stored(db: Database) -> None:
    doc = make_document()
    doc["events"] = []
    assert DocumentWriter(db).write_batch([doc])[0].outcome == "new"
    assert count(db, s.articles) == 1 and count(db, s.events) == 0
