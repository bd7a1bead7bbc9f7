"""An incident's fields from its reports: claims rules for figures, finest date, most precise place, top type."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventledger.extract.rules import Taxonomy
from eventledger.resolve.summary import Member, MemberClaim, summarise

RANK = Taxonomy.load().rank
QUETTA = {"location_name": "Quetta", "lat": 30.19, "lon": 67.01, "country_code": "PK", "admin1": "Balochistan",
          "admin2": "Quetta", "geo_precision": "point", "geonameid": 1167528}
PROVINCE = {"location_name": "Balochistan", "lat": 28.5, "lon": 65.5, "country_code": "PK",
            "admin1": "Balochistan", "admin2": None, "geo_precision": "admin1", "geonameid": 1183606}


def member(event_id: int, source: str | None, claims: list[MemberClaim] | None = None, *,
           sub: str = "Remote explosive/landmine/IED", etype: str = "Explosions/Remote violence",
           start: str = "2025-03-11", end: str | None = None, precision: str = "day",
           place: dict[str, Any] | None = None) -> Member:
    return Member(event_id=event_id, article_id=event_id, source=source, sort_key=(f"h{event_id}", 0),
                  event_type=etype, sub_event_type=sub, date_start=date.fromisoformat(start),
                  date_end=date.fromisoformat(end or start), date_precision=precision,
                  place=place or QUETTA, claims=claims or [])


def killed(n: int, claimant: str | None = None, sentence: int = 0) -> MemberClaim:
    return MemberClaim("fatalities", n, None, claimant, sentence)


def test_two_outlets_own_figures_disagree_lowest_is_best() -> None:
    row = summarise([member(1, "Reuters", [killed(6)]), member(2, "Dawn", [killed(8)])], RANK)
    assert (row["fatalities_best"], row["fatalities_low"], row["fatalities_high"]) == (6, 6, 8)
    assert row["fatalities_disputed"] is True
    assert row["n_reports"] == 2 and row["n_sources"] == 2


def test_the_same_claimant_in_two_reports_is_one_account_its_largest() -> None:
    row = summarise([member(1, "Reuters", [killed(6, "police")]), member(2, "AP", [killed(8, "Police")])], RANK)
    assert (row["fatalities_best"], row["fatalities_high"], row["fatalities_disputed"]) == (8, 8, False)


def test_figures_of_one_sentence_add_up_and_agreeing_sources_are_not_disputed() -> None:
    a = member(1, "Reuters", [killed(4, sentence=1), killed(4, sentence=1)])  # "four soldiers and four assailants"
    b = member(2, "AFP", [killed(8)])
    row = summarise([a, b], RANK)
    assert (row["fatalities_best"], row["fatalities_low"], row["fatalities_high"]) == (8, 8, 8)
    assert row["fatalities_disputed"] is False


def test_no_claims_leave_figures_empty() -> None:
    row = summarise([member(1, "Reuters"), member(2, None)], RANK)
    assert row["fatalities_best"] is None and row["fatalities_disputed"] is None
    assert row["n_sources"] == 2  # an article without a source counts as its own source


def test_one_outlet_twice_is_one_source() -> None:
    row = summarise([member(1, "Reuters", [killed(3)]), member(2, " reuters ", [killed(5)])], RANK)
    assert row["n_sources"] == 1
    assert (row["fatalities_best"], row["fatalities_disputed"]) == (5, False)  # an update, not a dispute


def test_type_is_the_highest_ranked_tactic_and_the_place_the_most_precise() -> None:
    suicide = member(2, "Dawn", sub="Suicide bomb", place=PROVINCE)
    row = summarise([member(1, "Reuters"), suicide], RANK)
    assert row["sub_event_type"] == "Suicide bomb"
    assert row["location_name"] == "Quetta" and row["geo_precision"] == "point"


def test_dates_come_from_the_most_precise_reports() -> None:
    month = member(2, "AFP", start="2025-03-01", end="2025-03-31", precision="month")
    row = summarise([member(1, "Reuters", start="2025-03-11"), month, member(3, "AP", start="2025-03-12")], RANK)
    assert (row["date_start"], row["date_end"], row["date_precision"]) == (date(2025, 3, 11), date(2025, 3, 12),
                                                                           "day")
    assert row["label"] == "Remote explosive/landmine/IED in Quetta, 2025-03-11 to 2025-03-12"
