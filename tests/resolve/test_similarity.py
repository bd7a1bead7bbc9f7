"""Component scores: precision-aware place and date, type families, actors, figures, text."""

from __future__ import annotations

import pytest

from eventledger.resolve.report import Toponym
from eventledger.resolve.similarity import (
    VETO,
    actor_score,
    date_score,
    figures_score,
    haversine_km,
    place_score,
    same_area,
    text_score,
    type_score,
)
from tests.resolve.doubles import BALOCHISTAN, KABUL, MASTUNG, PUNJAB, QUETTA, TURBAT, report, rules, vectorise

R = rules()


def test_haversine_matches_a_known_distance() -> None:
    # Quetta to Kabul: 4.34 degrees of latitude (483 km) and 2.16 of longitude at 32° N (204 km).
    assert haversine_km(QUETTA["lat"], QUETTA["lon"], KABUL["lat"], KABUL["lon"]) == pytest.approx(524, abs=3)
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015, abs=5)


def test_type_same_sub_type_beats_same_type_beats_family() -> None:
    ied = report(1, 1)
    assert type_score(ied, report(2, 2), R) == 1.0
    suicide = report(2, 2, sub="Suicide bomb")
    clash = report(3, 3, sub="Armed clash", etype="Battles")
    attack = report(4, 4, sub="Attack", etype="Violence against civilians")
    assert type_score(ied, suicide, R) == R.type_scores["same_type"]
    assert type_score(clash, attack, R) == R.type_scores["same_family"]  # who was the target: outlets differ
    assert type_score(ied, clash, R) == R.type_scores["other_mechanism"]  # a bomb is not a shooting


def test_type_other_family_is_a_veto_unless_declared_compatible() -> None:
    ied = report(1, 1)
    arrests = report(2, 2, sub="Arrests", etype="Strategic developments", family="strategic")
    riot = report(3, 3, sub="Violent demonstration", etype="Riots", family="demonstration")
    assert type_score(ied, arrests, R) == VETO
    assert type_score(ied, riot, R) == R.cross_family[frozenset(("violent", "demonstration"))]


@pytest.mark.parametrize(("b_day", "expected"), [("2025-03-11", 1.0), ("2025-03-12", 0.45), ("2025-03-13", VETO)])
def test_date_gap_in_days(b_day: str, expected: float) -> None:
    assert date_score(report(1, 1), report(2, 2, day=b_day), R) == pytest.approx(expected)


def test_a_wider_day_gap_setting_admits_two_days() -> None:
    wide = rules(resolve_max_day_gap=2)
    assert date_score(report(1, 1), report(2, 2, day="2025-03-13"), wide) == pytest.approx(0.25)


def test_a_day_inside_a_month_agrees_only_loosely() -> None:
    month = report(2, 2, day="2025-03-01", last="2025-03-31", precision="month")
    assert date_score(report(1, 1), month, R) == R.date_cap["month"]


def test_same_town_agrees_fully_and_a_town_45_km_away_is_a_veto() -> None:
    assert place_score(report(1, 1), report(2, 2), R) == 1.0
    assert place_score(report(1, 1), report(2, 2, place=MASTUNG), R) == VETO


def test_two_named_towns_within_the_radius_agree_only_a_little() -> None:
    near = dict(MASTUNG, lat=30.05, lon=66.95, geonameid=999)  # ~16 km from Quetta
    assert 0 < place_score(report(1, 1), report(2, 2, place=near), R) <= R.place.different_town


def test_a_province_matches_a_town_inside_it_loosely_and_another_province_not_at_all() -> None:
    assert place_score(report(1, 1), report(2, 2, place=BALOCHISTAN), R) == R.place.cap["admin1"]
    assert place_score(report(1, 1, place=TURBAT), report(2, 2, place=BALOCHISTAN), R) == R.place.cap["admin1"]
    assert place_score(report(1, 1), report(2, 2, place=PUNJAB), R) == VETO


def test_different_countries_veto_and_unresolved_names_compare_by_name() -> None:
    assert place_score(report(1, 1), report(2, 2, place=KABUL), R) == VETO
    village = {"location_name": "Dasht-e-Goran", "lat": None, "lon": None, "country_code": None, "admin1": None,
               "geo_precision": "unknown", "geonameid": None}
    other = dict(village, location_name="Killi Shaikhan")
    assert place_score(report(1, 1, place=village), report(2, 2, place=village), R) == R.place.name_match
    assert place_score(report(1, 1, place=village), report(2, 2, place=other), R) == VETO
    assert place_score(report(1, 1, place=village), report(2, 2), R) == R.place.unplaced


def test_a_reference_place_named_after_the_events_own_is_capped() -> None:
    # Article 2 codes the event in Mastung and, because it says "south of Quetta", in Quetta too.
    a = report(1, 1, location_start=40)
    b_own = report(2, 2, place=MASTUNG, location_start=30)
    b_ref = report(3, 2, location_start=60)
    vectorise(a, b_own, b_ref)
    assert b_ref.secondary and not b_own.secondary
    assert place_score(a, b_ref, R) == R.place.secondary


def test_province_copies_of_a_town_event_are_shadows() -> None:
    town = report(1, 1, location_start=20)
    province = report(2, 1, place=BALOCHISTAN, location_start=30)
    vectorise(town, province)
    assert province.shadow and not town.shadow


def test_actors_agree_on_a_shared_specific_name_and_generic_names_say_nothing() -> None:
    bla = (("Baloch Liberation Army", "actor1", "rebel_group"),)
    bla_short = (("Baloch Liberation Army (BLA)", "actor1", "rebel_group"),)
    ttp = (("Tehreek-e-Taliban Pakistan", "actor1", "rebel_group"),)
    generic = (("Unidentified Armed Group (Pakistan)", "actor1", "political_militia"),
               ("Civilians (Pakistan)", "actor2", "civilians"))
    assert actor_score(report(1, 1, actors=bla), report(2, 2, actors=bla_short), R) == R.actors.match
    assert actor_score(report(1, 1, actors=bla), report(2, 2, actors=ttp), R) == R.actors.conflict
    assert actor_score(report(1, 1, actors=bla), report(2, 2, actors=generic), R) is None


@pytest.mark.parametrize(("a", "b", "expected"), [(6, 8, 1.0), (6, None, None), (2, 40, 0.0), (3, 7, 0.55)])
def test_figures_agree_by_ratio(a: int, b: int | None, expected: float | None) -> None:
    got = figures_score(report(1, 1, fatalities=a), report(2, 2, fatalities=b), R)
    assert got == (None if expected is None else pytest.approx(expected, abs=0.01))


def test_text_scores_shared_rare_words_above_common_ones() -> None:
    a = report(1, 1, text="A bomb hit a bus carrying pilgrims near the Hazarganji market")
    b = report(2, 2, text="Pilgrims died when a blast tore through their bus at Hazarganji")
    c = report(3, 3, text="A bomb hit a police van near the court")
    d = report(4, 4, text="A bomb hit a truck near the bridge")
    e = report(5, 5, text="Flooding closed schools")
    vectorise(a, b, c, d, e)
    assert text_score(a, b, R) > text_score(a, c, R) > 0
    assert text_score(a, e, R) == 0.0
    assert text_score(a, a, R) == pytest.approx(1.0)


def test_sentences_naming_different_villages_keep_the_place_apart() -> None:
    a = report(1, 1, toponyms=(Toponym(None, "Killi Sheikhan"),))
    b = report(2, 2, toponyms=(Toponym(None, "Killi Almas"),))
    same = report(3, 3, toponyms=(Toponym(None, "Killi Sheikhan village"), Toponym(1167528, "Quetta")))
    assert place_score(a, b, R) == R.place.named_elsewhere
    assert place_score(a, same, R) == 1.0  # one names more, but nothing the other contradicts
    assert place_score(a, report(4, 4), R) == 1.0  # the other names no village at all


def test_admin_names_compare_by_their_words() -> None:
    assert same_area("Balochistan", "Balochistan Province", 88)
    assert not same_area("North Kivu", "South Kivu", 88)
    assert same_area(None, "Punjab", 88) is None
    town = report(1, 1, place=dict(TURBAT, admin1="Balochistan Province"))
    assert place_score(town, report(2, 2, place=BALOCHISTAN), R) == R.place.cap["admin1"]


def test_numbered_districts_are_different_places() -> None:
    a = report(1, 1, toponyms=(Toponym(None, "Police District 5"),))
    b = report(2, 2, toponyms=(Toponym(None, "Police District 8"),))
    c = report(3, 3, toponyms=(Toponym(None, "police district 5"),))
    assert place_score(a, b, R) == R.place.named_elsewhere
    assert place_score(a, c, R) == 1.0
