"""The bucket index: neighbours in space and time are candidates, far ones never are."""

from __future__ import annotations

from eventledger.resolve.blocking import BucketIndex
from eventledger.resolve.text import Vectorizer
from tests.resolve.doubles import BALOCHISTAN, KABUL, QUETTA, TURBAT, report, rules

R = rules()
NOWHERE = {"location_name": None, "lat": None, "lon": None, "country_code": None, "admin1": None,
           "geo_precision": "unknown", "geonameid": None}


def ids(index: BucketIndex, r: object) -> set[int]:
    return {c.event_id for c in index.candidates(r)}  # type: ignore[arg-type]


def test_a_nearby_event_across_a_week_boundary_is_a_candidate() -> None:
    index = BucketIndex(R)
    near = dict(QUETTA, lat=30.30, lon=67.20, geonameid=1)  # ~20 km away, in the next grid cell
    index.add(report(2, 2, day="2025-03-09", place=near))  # a Sunday; the 10th starts a new bucket
    assert ids(index, report(1, 1, day="2025-03-10")) == {2}


def test_far_places_other_weeks_and_the_same_article_are_not_candidates() -> None:
    index = BucketIndex(R)
    index.add(report(2, 2, place=TURBAT))
    index.add(report(3, 3, place=KABUL))
    index.add(report(4, 4, day="2025-04-20"))
    index.add(report(5, 1))
    assert ids(index, report(1, 1)) == set()


def test_a_province_event_meets_the_towns_of_its_country() -> None:
    index = BucketIndex(R)
    index.add(report(2, 2, place=TURBAT))
    index.add(report(3, 3, place=KABUL))
    assert ids(index, report(1, 1, place=BALOCHISTAN)) == {2}
    # ... and a town event meets the province event.
    index.add(report(4, 4, place=BALOCHISTAN))
    assert 4 in ids(index, report(5, 5))


def test_a_month_long_event_is_filed_in_every_week_of_its_span() -> None:
    index = BucketIndex(R)
    index.add(report(2, 2, day="2025-03-01", last="2025-03-31", precision="month"))
    assert ids(index, report(1, 1, day="2025-03-27")) == {2}


def test_unplaced_events_meet_placed_ones_only_through_a_rare_word() -> None:
    placed = report(2, 2, text="Gunmen attacked the Khuzdar highway toll plaza")
    other = report(3, 3, text="Gunmen attacked a bank in the bazaar")
    unplaced = report(1, 1, place=NOWHERE, text="Attackers stormed a toll plaza on the Khuzdar highway")
    vec = Vectorizer([placed, other, unplaced])
    index = BucketIndex(R, lambda r: vec.rare_words(r, 2))
    index.add(placed)
    index.add(other)
    assert ids(index, unplaced) == {2}


def test_the_name_before_the_coded_place_in_a_comma_chain_is_a_place_named() -> None:
    from eventledger.resolve.store import chain_head

    words = R.place.area_words
    assert chain_head("fired mortar shells into Mulla Killi, ", words) == "Mulla Killi"
    assert chain_head("a blast in Salim Karwan, 10th Police District, ", words) == "10th Police District"
    assert chain_head("in Myintant, Tabayin subdistrict, ", words) == "Tabayin"
    assert chain_head("gunmen attacked a bus near the market, ", words) is None
    assert chain_head("killed in Quetta on Tuesday ", words) is None
