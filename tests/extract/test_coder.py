"""The coder on parsed sentences with hand-made mentions (independent of the analysis components)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventledger.extract.coder import Coder
from eventledger.extract.contract import event_json
from eventledger.nlp import extensions  # noqa: F401
from eventledger.settings import Settings
from tests.extract.doubles import actor, annotate, figure, place, said, when

pytestmark = pytest.mark.slow
ANCHOR = date(2025, 5, 6)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(Settings.load(env={}))


def code(coder: Coder, doc):  # type: ignore[no-untyped-def]
    return [event_json(e, doc.text, "Test Wire") for e in coder.code(doc)]


def test_attack_with_place_chain_date_figures_and_claimed_perpetrator(base_nlp: Language, coder: Coder) -> None:
    doc = base_nlp("Gunmen opened fire on a police checkpoint in Mand, Kech, Balochistan on Monday, killing two "
                   "policemen, officials said. The Balochistan Liberation Front claimed responsibility.")
    annotate(doc, anchor=ANCHOR,
             places=[place(doc, "Mand", "Mand", admin2="Kech", admin1="Balochistan"),
                     place(doc, "Kech", "Kech", "admin2", admin1="Balochistan"),
                     place(doc, "Balochistan", "Balochistan", "admin1", admin1="Balochistan")],
             dates=[when(doc, "Monday", date(2025, 5, 5))],
             quantities=[figure(doc, "two policemen", 2, about="police")],
             actors=[actor(doc, "Gunmen", "Unidentified Armed Group (Pakistan)", "political_militia", generic=True),
                     actor(doc, "police", "Police Forces of Pakistan", "state_forces", generic=True),
                     actor(doc, "Balochistan Liberation Front", "Balochistan Liberation Front", "rebel_group",
                           responsibility="claimed")],
             attributions=[said(doc, "officials", doc.text[:doc.text.index(", officials")], "statement")])
    events = code(coder, doc)
    assert len(events) == 1
    ev = events[0]
    assert (ev["event_type"], ev["sub_event_type"]) == ("Battles", "Armed clash")
    assert ev["location"]["name"] == "Mand"
    assert ev["date"] == {"start": "2025-05-05", "end": "2025-05-05", "precision": "day",
                          "evidence": {"start": doc.text.index("Monday"), "end": doc.text.index("Monday") + 6,
                                       "text": "Monday"}}
    actors = {a["role"]: a["name"] for a in ev["actors"]}
    assert actors["actor1"] == "Balochistan Liberation Front"
    assert actors["actor2"] == "Police Forces of Pakistan"
    assert ev["fatalities"]["best"] == 2
    assert ev["fatalities"]["claims"][0]["claimant"] == "officials"
    assert ev["background"] is False


def test_one_event_per_listed_place_with_split_figures(base_nlp: Language, coder: Coder) -> None:
    doc = base_nlp("Militants attacked security posts in Panjgur, Noshki and Turbat on Friday, killing nine soldiers.")
    annotate(doc, anchor=ANCHOR,
             places=[place(doc, "Panjgur", "Panjgur"), place(doc, "Noshki", "Noshki"), place(doc, "Turbat", "Turbat")],
             dates=[when(doc, "Friday", date(2025, 5, 2))],
             quantities=[figure(doc, "nine soldiers", 9, about="soldiers")],
             actors=[actor(doc, "Militants", "Militants", "rebel_group", generic=True),
                     actor(doc, "security", "Military Forces of Pakistan", "state_forces", generic=True)])
    events = code(coder, doc)
    assert [e["location"]["name"] for e in events] == ["Panjgur", "Noshki", "Turbat"]
    assert [e["fatalities"]["best"] for e in events] == [3, 3, 3]
    assert events[0]["fatalities"]["claims"][0]["share_of"] == 9


def test_casualty_sentence_continues_the_event(base_nlp: Language, coder: Coder) -> None:
    doc = base_nlp("A bomb exploded near a market in Quetta on Tuesday. Four people were killed and 11 injured.")
    annotate(doc, anchor=ANCHOR, places=[place(doc, "Quetta", "Quetta")],
             dates=[when(doc, "Tuesday", date(2025, 5, 6))],
             quantities=[figure(doc, "Four people", 4), figure(doc, "11", 11, outcome="injured")])
    events = code(coder, doc)
    assert len(events) == 1
    assert events[0]["sub_event_type"] == "Remote explosive/landmine/IED"
    assert events[0]["fatalities"]["best"] == 4
    assert events[0]["injuries"]["best"] == 11


def test_disputed_figures_keep_both_claimants(base_nlp: Language, coder: Coder) -> None:
    doc = base_nlp("Troops clashed with fighters in Kurram on Sunday. The army said 12 militants were killed, "
                   "while the group claimed that the army suffered heavy losses.")
    annotate(doc, anchor=ANCHOR, places=[place(doc, "Kurram", "Kurram", "admin2")],
             dates=[when(doc, "Sunday", date(2025, 5, 4))],
             quantities=[figure(doc, "12 militants", 12, about="fighters")],
             actors=[actor(doc, "Troops", "Military Forces of Pakistan", "state_forces", generic=True),
                     actor(doc, "fighters", "Militants", "rebel_group", generic=True)],
             attributions=[said(doc, "The army", "12 militants were killed", "statement"),
                           said(doc, "the group", "the army suffered heavy losses", "claim")])
    events = code(coder, doc)
    assert len(events) == 1
    fat = events[0]["fatalities"]
    assert fat["disputed"] is True
    assert {c["claimant"] for c in fat["claims"]} == {"The army", "the group"}
    assert fat["best"] == 12


def test_two_clauses_with_different_actors_give_two_events(base_nlp: Language, coder: Coder) -> None:
    doc = base_nlp("Police launched a crackdown, including internet shutdowns, after the movement held protests "
                   "in Gwadar in 2023.")
    annotate(doc, anchor=ANCHOR, places=[place(doc, "Gwadar", "Gwadar")],
             dates=[when(doc, "2023", date(2023, 1, 1), date(2023, 12, 31), "year", background=True)],
             actors=[actor(doc, "Police", "Police Forces of Pakistan", "state_forces", generic=True),
                     actor(doc, "the movement", "Haq Do Tehreek", "political_militia")])
    events = code(coder, doc)
    kinds = {e["sub_event_type"] for e in events}
    assert "Peaceful protest" in kinds
    shutdown = [e for e in events if "internet_shutdown" in e["tags"]]
    assert shutdown and shutdown[0]["event_type"] == "Strategic developments"
    assert all(e["background"] for e in events)
    assert all(e["date"]["start"] == "2023-01-01" for e in events)


def test_commentators_are_never_perpetrators(base_nlp: Language, coder: Coder) -> None:
    doc = base_nlp("Human Rights Watch documented how security forces abduct activists in Kech.")
    annotate(doc, anchor=ANCHOR, places=[place(doc, "Kech", "Kech", "admin2")],
             actors=[actor(doc, "Human Rights Watch", "Human Rights Watch", "organisation", source_only=True),
                     actor(doc, "security forces", "Military Forces of Pakistan", "state_forces", generic=True),
                     actor(doc, "activists", "Civilians (Pakistan)", "civilians", generic=True)])
    events = code(coder, doc)
    assert len(events) == 1
    ev = events[0]
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert "enforced_disappearance" in ev["tags"]
    assert [a["name"] for a in ev["actors"] if a["role"] == "actor1"] == ["Military Forces of Pakistan"]


@pytest.mark.parametrize("text", [
    "A strong earthquake killed eight people in Awaran on Monday.",
    "The militants threatened to attack polling stations in Quetta.",
    "There were no attacks in Quetta on Monday.",
])
def test_no_conflict_event(base_nlp: Language, coder: Coder, text: str) -> None:
    doc = base_nlp(text)
    name = "Awaran" if "Awaran" in text else "Quetta"
    annotate(doc, anchor=ANCHOR, places=[place(doc, name, name)])
    assert code(coder, doc) == []


def test_a_sentence_without_places_takes_the_places_of_the_one_before(base_nlp: Language, coder: Coder) -> None:
    doc = base_nlp("Gunmen stormed a checkpoint in Mand, Kech on Monday. On Tuesday a bomb exploded near a "
                   "school, killing two children.")
    annotate(doc, anchor=ANCHOR,
             places=[place(doc, "Mand", "Mand", admin2="Kech", admin1="Balochistan"),
                     place(doc, "Kech", "Kech", "admin2", admin1="Balochistan")],
             dates=[when(doc, "Monday", date(2025, 5, 5)), when(doc, "Tuesday", date(2025, 5, 6))],
             quantities=[figure(doc, "two children", 2, about="civilians")])
    events = code(coder, doc)
    assert len(events) == 2
    assert [ev["location"]["name"] for ev in events] == ["Mand", "Mand"]


def test_a_province_named_after_its_capital_is_coded_at_the_capital(base_nlp: Language, coder: Coder) -> None:
    from dataclasses import replace

    from eventledger.gazetteer.place import Place

    doc = base_nlp("Gunmen stormed a checkpoint in Kandahar province on Monday, killing two policemen.")
    capital = Place("t:city", "Kandahār", 31.61, 65.71, "AF", "city", admin1="Kandahar")
    province = place(doc, "Kandahar", "Kandahar", "admin1", cc="AF", admin1="Kandahar", lat=31.1, lon=65.6)
    annotate(doc, anchor=ANCHOR, places=[replace(province, alternatives=(capital,))],
             dates=[when(doc, "Monday", date(2025, 5, 5))],
             quantities=[figure(doc, "two policemen", 2, about="police")])
    (ev,) = code(coder, doc)
    assert ev["location"]["name"] == "Kandahar"
    assert ev["location"]["geo_precision"] == "admin1"
    assert (ev["location"]["lat"], ev["location"]["lon"]) == (31.61, 65.71)
