"""Reading back: filters, streaming event records, stats and full-text search on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from eventledger.store import Database, DocumentWriter, EventFilter, count_events, iter_event_records, ledger_stats
from eventledger.store.search import fts5_query, search
from tests.store.factories import variant, with_event


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    protest = with_event(variant(3), event_type="Protests", sub_event_type="Peaceful protest",
                         date={"start": "2025-05-02", "end": "2025-05-02", "precision": "day"},
                         actors=[{"name": "Protesters (Nigeria)", "role": "actor1", "kind": "protesters"}])
    protest["events"][0]["location"] = {**protest["events"][0]["location"], "admin1": "Lagos", "name": "Ikeja"}
    ghana = with_event(variant(4), date={"start": "2025-03-01", "end": "2025-03-31", "precision": "month"})
    ghana["events"][0]["location"] = {"name": "Tamale", "lat": 9.4, "lon": -0.85, "country_code": "GH",
                                      "admin1": "Northern", "admin2": None, "geo_precision": "point",
                                      "geonameid": None}
    docs = [variant(1), variant(2), protest, ghana]
    docs[1]["article"]["title"] = "Herders clash with vigilantes"
    assert all(r.outcome == "new" for r in DocumentWriter(database).write_batch(docs))
    yield database
    database.close()


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(), 4),
    (EventFilter(country="ng"), 3),
    (EventFilter(admin1="borno"), 2),
    (EventFilter(event_type="Protests"), 1),
    (EventFilter(event_type="peaceful protest"), 1),
    (EventFilter(actor="jihad"), 3),
    (EventFilter(actor="100%_"), 0),
    (EventFilter(date_from=date(2025, 5, 1)), 1),
    (EventFilter(date_to=date(2025, 3, 15)), 1),  # the month-long Ghana event overlaps
    (EventFilter(date_from=date(2025, 3, 20), date_to=date(2025, 4, 7)), 3),
    (EventFilter(status=("machine",)), 4),
    (EventFilter(status=("accepted",)), 0),
])
def test_filters(db: Database, flt: EventFilter, expected: int) -> None:
    with db.read() as conn:
        assert count_events(conn, flt) == expected
        assert len(list(iter_event_records(conn, flt))) == expected


def test_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        EventFilter(status=("approved",))


def test_records_stream_in_chunks_with_their_children(db: Database) -> None:
    with db.read() as conn:
        records = list(iter_event_records(conn, EventFilter(), chunk=3))
    assert [r.event["id"] for r in records] == sorted(r.event["id"] for r in records)
    first = records[0]
    assert [a["role"] for a in first.actors] == ["actor1", "actor2", "victim"]
    assert first.evidence[0]["field"] == "trigger"
    assert first.article["source"] == "AFP" and first.article["external_id"] == "art-1"


def test_stats(db: Database) -> None:
    with db.read() as conn:
        st = ledger_stats(conn)
    assert st.totals["articles"] == 4 and st.totals["events"] == 4
    assert st.by_type[0] == ("Violence against civilians / Attack", 3)
    assert dict(st.by_month) == {"2025-03": 1, "2025-04": 2, "2025-05": 1}
    assert dict(st.by_admin1)["NG / Borno"] == 2
    assert st.by_status == [("machine", 4)]


def test_search_finds_titles_texts_and_evidence(db: Database) -> None:
    with db.read() as conn:
        hits = [h for h in search(conn, "schoolteacher abducted") if h.kind == "article"]
        assert len(hits) == 4 and all("[" in h.snippet for h in hits)  # "abducting" stems like "abducted"
        title_hits = search(conn, "vigilantes")
        assert [h.title for h in title_hits] == ["Herders clash with vigilantes"]
        evidence = [h for h in search(conn, "jihadists stormed") if h.kind == "evidence"]
        assert len(evidence) == 4 and all(h.event_id for h in evidence)
        assert search(conn, "nonexistentword") == []


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(a b", "a* OR -b", "col:umn", "'; DROP TABLE x; --", "   "])
def test_search_never_treats_user_text_as_syntax(db: Database, query: str) -> None:
    with db.read() as conn:
        search(conn, query)


def test_fts5_query_quotes_words() -> None:
    assert fts5_query('bomb "Quetta* NEAR') == '"bomb" "Quetta" "NEAR"'
