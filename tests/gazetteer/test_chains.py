from __future__ import annotations

from eventledger.gazetteer import chains, most_specific
from eventledger.nlp.mentions import PlaceMention
from tests.gazetteer.doubles import PLACES

BY_KEY = {p.key: p for p, _ in PLACES}


def mention(text: str, start: int, key: str | None, role: str = "location",
            score: float = 0.9) -> PlaceMention:
    place = BY_KEY[key] if key else None
    feature = place.feature if place else "other"
    return PlaceMention(start, start + len(text), text, place, (), feature, score, role)


TEXT = "Gunmen attacked a checkpoint in Turbat, Balochistan, Pakistan, and fled to Gwadar."


def test_comma_chains_group_a_place_with_its_containers() -> None:
    ms = [mention("Turbat", 32, "gn:1"), mention("Balochistan", 40, "adm:PK:Balochistan"),
          mention("Pakistan", 53, "cc:PK"), mention("Gwadar", 75, "gn:3")]
    assert [m.text for m in ms] == [TEXT[m.start:m.end] for m in ms]
    groups = chains(ms, TEXT)
    assert [len(c.members) for c in groups] == [3, 1]
    assert groups[0].head.text == "Turbat"
    assert [q.text for q in groups[0].qualifiers] == ["Balochistan", "Pakistan"]


def test_most_specific_prefers_a_town_over_its_province_and_country() -> None:
    ms = [mention("Balochistan", 0, "adm:PK:Balochistan"), mention("Turbat", 20, "gn:1"),
          mention("Pakistan", 40, "cc:PK", "qualifier")]
    best = most_specific(ms)
    assert best is not None
    assert best.text == "Turbat"


def test_most_specific_skips_unresolved_origin_and_contradicting_mentions() -> None:
    ms = [mention("Dara-e-Taimoor", 0, None), mention("Afghan", 20, "cc:AF", "origin"),
          mention("Kandahar", 30, "gn:6"), mention("Afghanistan", 45, "cc:AF", "qualifier"),
          mention("Turbat", 60, "gn:1")]  # a Pakistani town in an Afghan chain
    best = most_specific(ms)
    assert best is not None
    assert best.text == "Kandahar"


def test_most_specific_of_nothing_is_none() -> None:
    assert most_specific([]) is None
    assert most_specific([mention("Atlantis", 0, None)]) is None


def test_most_specific_prefers_the_head_of_a_chain_over_a_landmark() -> None:
    # "... along the Quetta road in Kech district, Balochistan": the chain says where it happened
    ms = [mention("Quetta", 0, "gn:2", score=0.99), mention("Kech", 30, "adm:PK:Kech", score=0.6),
          mention("Balochistan", 45, "adm:PK:Balochistan", "qualifier")]
    best = most_specific(ms)
    assert best is not None
    assert best.text == "Kech"


def test_landmarks_count_only_when_nothing_finer_than_a_country_is_named() -> None:
    # "on the Quetta-Turbat highway in Kech district": the district, not the road's towns
    ms = [mention("Quetta", 7, "gn:2", "landmark", 0.99), mention("Turbat", 14, "gn:1", "landmark", 0.99),
          mention("Kech", 40, "adm:PK:Kech", score=0.6)]
    best = most_specific(ms)
    assert best is not None
    assert best.text == "Kech"
    # "along the Quetta-Turbat highway, Pakistan": near the road's first town
    ms = [mention("Quetta", 10, "gn:2", "landmark"), mention("Pakistan", 40, "cc:PK", "qualifier")]
    best = most_specific(ms)
    assert best is not None
    assert best.text == "Quetta"


def test_a_town_named_in_a_facility_beats_the_province_only() -> None:
    # "near Turbat Airport in Balochistan": the airport's town, not the province's centre
    ms = [mention("Turbat", 5, "gn:1", "facility"), mention("Balochistan", 30, "adm:PK:Balochistan")]
    best = most_specific(ms)
    assert best is not None
    assert best.text == "Turbat"
    # "near the Quetta roundabout in Kech district": the district
    ms = [mention("Quetta", 5, "gn:2", "facility"), mention("Kech", 30, "adm:PK:Kech")]
    best = most_specific(ms)
    assert best is not None
    assert best.text == "Kech"
