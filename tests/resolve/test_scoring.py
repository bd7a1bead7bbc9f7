"""Pair scores: the weighted mean of what is known, vetoes, and the threshold."""

from __future__ import annotations

from eventledger.resolve import score_pair
from tests.resolve.doubles import BALOCHISTAN, MASTUNG, QUETTA, report, rules, vectorise

R = rules()
TEXT_A = "A roadside bomb struck a police van on the Sariab road in Quetta, killing five officers"
TEXT_B = "Five policemen died when an explosive device hit their vehicle on Sariab road, Quetta"


def test_two_reports_of_one_event_match() -> None:
    a = report(1, 1, text=TEXT_A, fatalities=5, actors=(("Police Forces of Pakistan", "actor2", "state_forces"),))
    b = report(2, 2, text=TEXT_B, fatalities=5, actors=(("Police Forces of Pakistan", "actor2", "state_forces"),))
    vectorise(a, b)
    score = score_pair(a, b, R)
    assert score.veto is None
    assert score.matches(R)
    assert set(score.parts) == {"type", "date", "place", "figures", "actors", "text"}


def test_unknown_components_are_left_out_not_counted_as_half() -> None:
    a, b = report(1, 1, text=TEXT_A), report(2, 2, text=TEXT_B)
    vectorise(a, b)
    score = score_pair(a, b, R)
    assert "figures" not in score.parts and "actors" not in score.parts


def test_events_of_one_article_never_match() -> None:
    assert score_pair(report(1, 1), report(2, 1), R).veto == "same_article"


def test_the_first_veto_ends_the_comparison() -> None:
    score = score_pair(report(1, 1), report(2, 2, day="2025-03-20"), R)
    assert score.veto == "date" and score.total == 0.0 and not score.matches(R)
    assert score_pair(report(1, 1), report(2, 2, place=MASTUNG), R).veto == "place"


def test_conflicting_figures_and_actors_keep_a_same_day_same_town_pair_apart() -> None:
    a = report(1, 1, text=TEXT_A, fatalities=2, actors=(("Baloch Liberation Army", "actor1", "rebel_group"),))
    b = report(2, 2, sub="Suicide bomb", text="A suicide bomber attacked a rally, killing 40",
               fatalities=40, actors=(("Tehreek-e-Taliban Pakistan", "actor1", "rebel_group"),))
    vectorise(a, b)
    assert not score_pair(a, b, R).matches(R)


def test_a_higher_threshold_setting_makes_a_borderline_pair_fail() -> None:
    a, b = report(1, 1, text=TEXT_A), report(2, 2, day="2025-03-12", text=TEXT_B)
    vectorise(a, b)
    total = score_pair(a, b, R).total
    strict = rules(resolve_match_threshold=min(1.0, total + 0.01))
    assert score_pair(a, b, R).matches(rules(resolve_match_threshold=total))
    assert not score_pair(a, b, strict).matches(strict)


def test_a_province_only_report_matches_the_town_in_it_when_all_else_agrees() -> None:
    # Same day, type, figures and group; one outlet names the town, the other only the province.
    bla = (("Baloch Liberation Army", "actor1", "rebel_group"),)
    a = report(1, 1, text=TEXT_A, fatalities=5, actors=bla)
    b = report(2, 2, text=TEXT_B, fatalities=5, actors=bla, place=BALOCHISTAN)
    vectorise(a, b)
    score = score_pair(a, b, R)
    assert score.parts["place"] >= R.min_place and score.matches(R)


def test_a_good_score_at_a_neighbouring_town_is_not_a_match() -> None:
    # Everything agrees but the place: two named towns 10 km apart are two events.
    near = {**QUETTA, "location_name": "Kuchlak", "lat": 30.277, "lon": 66.995, "geonameid": 1165000}
    bla = (("Baloch Liberation Army", "actor1", "rebel_group"),)
    a = report(1, 1, text=TEXT_A, fatalities=5, actors=bla)
    b = report(2, 2, text=TEXT_A, fatalities=5, actors=bla, place=near)
    vectorise(a, b)
    score = score_pair(a, b, R)
    assert score.total >= R.threshold
    assert score.parts["place"] < R.min_place and not score.matches(R)


def test_a_shooting_and_a_bomb_blast_in_one_town_on_one_day_are_two_events() -> None:
    a = report(1, 1, sub="Armed clash", etype="Battles", text="Gunmen shot dead a police officer in Quetta")
    b = report(2, 2, text="A bomb exploded near a police vehicle in Quetta")
    vectorise(a, b)
    score = score_pair(a, b, R)
    assert score.parts["type"] == R.type_scores["other_mechanism"] and not score.matches(R)
