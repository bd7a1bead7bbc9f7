"""Small pieces without a database: highlighting, filters, rate limiting, sessions, corrections."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.errors import FilterError, ReviewError
from eventledger.web.corrections import actors_text, parse_actors, parse_changes
from eventledger.web.filters import parse_filter, parse_sorting, query_string
from eventledger.web.highlight import Mark, segments
from eventledger.web.ratelimit import LoginLimiter
from eventledger.web.reads import bucket_start, next_bucket
from eventledger.web.sessions import SessionCodec, SessionData
from eventledger.web.vocabulary import Vocabulary

TEXT = "Gunmen attacked a checkpoint in Bannu on Friday, police said."


def test_segments_cover_the_text_and_carry_overlapping_labels() -> None:
    sentence = Mark(0, len(TEXT), "evidence", "trigger")
    actor = Mark(0, 6, "actor", "actor1")
    place = Mark(TEXT.index("Bannu"), TEXT.index("Bannu") + 5, "evidence", "location")
    segs = segments(TEXT, [sentence, actor, place, Mark(50, 999, "evidence", "out of range")])
    assert "".join(s.text for s in segs) == TEXT
    assert segs[0].text == "Gunmen" and segs[0].kinds == "actor evidence" and segs[0].labels == "trigger, actor1"
    bannu = next(s for s in segs if s.text == "Bannu")
    assert bannu.labels == "trigger, location"


def test_filter_parsing_and_round_trip() -> None:
    flt = parse_filter({"from": "2025-01-01", "type": "Battles", "q": "ambush", "background": "exclude"},
                       ["machine,edited"], "sqlite")
    assert flt.date_from == date(2025, 1, 1) and flt.status == ("machine", "edited") and not flt.include_background
    again = parse_filter(dict(p.split("=") for p in query_string(flt).split("&")), ["machine", "edited"], "sqlite")
    assert again == flt
    for bad in ({"from": "2025-13-01"}, {"from": "2025-02-01", "to": "2025-01-01"}, {"background": "maybe"},
                {"type": "x" * 500}):
        with pytest.raises(FilterError):
            parse_filter(bad, [], "sqlite")
    with pytest.raises(FilterError):
        parse_filter({}, ["approved"], "sqlite")
    with pytest.raises(FilterError):
        parse_sorting({"sort": "password_hash"})


def test_empty_free_text_adds_no_clause() -> None:
    assert parse_filter({"q": "%%%"}, [], "sqlite").clauses() == []  # no words: no MATCH with an empty query
    assert len(parse_filter({"q": "ambush"}, [], "sqlite").clauses()) == 1


def test_week_and_month_buckets() -> None:
    assert bucket_start(date(2025, 3, 13), "week") == date(2025, 3, 10)
    assert bucket_start(date(2025, 3, 13), "month") == date(2025, 3, 1)
    assert next_bucket(date(2025, 12, 1), "month") == date(2026, 1, 1)
    assert next_bucket(date(2025, 3, 10), "week") == date(2025, 3, 17)


def test_limiter_blocks_after_attempts_and_forgets_after_window() -> None:
    now = [0.0]
    limiter = LoginLimiter(2, 60, clock=lambda: now[0])
    keys = ["ip:1", "user:ana"]
    limiter.failed(keys)
    assert not limiter.blocked(keys)
    limiter.failed(keys)
    assert limiter.blocked(["ip:1"]) and limiter.blocked(["user:ana"])
    now[0] = 61
    assert not limiter.blocked(keys)


def test_session_codec_rejects_tampering_and_expiry() -> None:
    codec = SessionCodec("k" * 40, 3600)
    data = SessionData.anonymous().logged_in(7, "$argon2id$hash")
    value = codec.dumps(data)
    assert codec.loads(value) == data
    assert codec.loads(value[:-2] + "xx") is None
    assert SessionCodec("other-key-" * 4, 3600).loads(value) is None
    assert SessionCodec("k" * 40, -1).loads(value) is None


def test_corrections_check_the_whole_event() -> None:
    vocabulary = Vocabulary.load()
    row = {"event_type": "Battles", "sub_event_type": "Armed clash", "lat": 1.0, "lon": 2.0, "tags": None,
           "fatalities_low": 3, "fatalities_best": 3, "fatalities_high": 5, "date_start": date(2025, 1, 2),
           "date_end": date(2025, 1, 2)}
    values, actors = parse_changes({"sub_event_type": "Suicide bomb", "tags": "mass_casualty, mass_casualty"},
                                   row, vocabulary)
    assert values == {"sub_event_type": "Suicide bomb", "event_type": "Explosions/Remote violence",
                      "tags": "mass_casualty"} and actors is None
    with pytest.raises(ReviewError):
        parse_changes({"fatalities_best": 7}, row, vocabulary)
    with pytest.raises(ReviewError):
        parse_changes({"fatalities_best": -1}, row, vocabulary)


def test_actor_lines_round_trip() -> None:
    actors = [{"name": "Police Forces of Pakistan", "role": "actor2", "kind": "state_forces"},
              {"name": "Unidentified gunmen", "role": "actor1", "kind": None}]
    assert parse_actors(actors_text(actors)) == actors
    with pytest.raises(ReviewError):
        parse_actors("actor1 | rebel_group")


def test_place_search_puts_ledger_places_first_and_drops_repeats() -> None:
    from eventledger.gazetteer import MemoryGazetteer, Place
    from eventledger.web.places import GazetteerPlaceSearch, PlaceHit, StaticPlaceSearch

    ledger = StaticPlaceSearch([PlaceHit("Turbat", 26.0, 63.05, "PK", 1163054, "city")])
    gazetteer = MemoryGazetteer([
        (Place("gn:1163054", "Turbat", 26.001, 63.048, "PK", "city", 1163054, "Balochistan", "Kech", 213557),
         ["Turbat"]),
        (Place("adm:PK:Kech", "Kech", 26.2, 62.8, "PK", "admin2", None, "Balochistan", None, 0, "curated"),
         ["Kech"])])
    search = GazetteerPlaceSearch(lambda: gazetteer, ledger)
    hits = search.search("Turbat")
    assert [(h.name, h.country_code) for h in hits] == [("Turbat", "PK")]
    kech = search.search("Kech")
    assert kech[0].admin1 == "Balochistan" and kech[0].geo_precision == "admin2"
