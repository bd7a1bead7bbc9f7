from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventledger.gazetteer.wordlists import load_place_words
from eventledger.nlp.place_ruler import PlaceRuler
from eventledger.nlp.toponyms import Toponyms
from tests.gazetteer.doubles import memory_gazetteer

Components = tuple[PlaceRuler, Toponyms]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def components() -> Components:
    gaz, words = memory_gazetteer(), load_place_words()
    return PlaceRuler(gaz, words), Toponyms(gaz, words)


def run(nlp: Language, components: Components, text: str,
        extra: list[tuple[str, str]] = ()) -> Doc:
    ruler, toponyms = components
    doc = ruler(nlp(text))
    spans = list(doc.ents)
    for word, label in extra:  # stand-ins for the statistical NER's spans
        start = text.index(word)
        spans.append(doc.char_span(start, start + len(word), label=label))
    doc.set_ents(spans)
    return toponyms(doc)


def test_places_in_text_order_with_chain_roles(nlp: Language, components: Components) -> None:
    text = "Gunmen shot a driver in Turbat, Balochistan, Pakistan, then escaped to Gwadar."
    doc = run(nlp, components, text)
    got = [(m.text, m.role, m.feature, m.place.key if m.place else None) for m in doc._.places]
    assert got == [("Turbat", "location", "city", "gn:1"),
                   ("Balochistan", "qualifier", "admin1", "adm:PK:Balochistan"),
                   ("Pakistan", "qualifier", "country", "cc:PK"),
                   ("Gwadar", "location", "city", "gn:3")]
    assert doc._.country_context["PK"] == 1.0
    assert all(doc.text[m.start:m.end] == m.text for m in doc._.places)


def test_a_list_is_not_a_chain(nlp: Language, components: Components) -> None:
    doc = run(nlp, components, "Strikes hit Balochistan towns: in Quetta, Gwadar and Turbat.")
    assert {m.text: m.role for m in doc._.places}["Gwadar"] == "location"


def test_cue_words_choose_the_district(nlp: Language, components: Components) -> None:
    doc = run(nlp, components, "Curfew in Quetta district; shops shut in Quetta.")
    first, second = doc._.places
    assert first.place is not None
    assert first.place.feature == "admin2"
    assert second.place is not None
    assert second.place.feature == "city"


def test_unknown_village_is_kept_unresolved_with_its_cue(nlp: Language,
                                                        components: Components) -> None:
    doc = run(nlp, components, "A teacher was shot in Loy Kalay village, Kandahar, Afghanistan.")
    village = doc._.places[0]
    assert village.text == "Loy Kalay"
    assert village.place is None
    assert village.feature == "city"
    assert doc._.places[1].place is not None
    assert doc._.places[1].place.country_code == "AF"


def test_demonyms_become_origin_mentions_and_context(nlp: Language,
                                                     components: Components) -> None:
    doc = run(nlp, components, "Pakistani officials said Chagai was calm.", [("Pakistani", "NORP")])
    origin = doc._.places[0]
    assert (origin.text, origin.role, origin.feature) == ("Pakistani", "origin", "country")
    assert doc._.country_context["PK"] == 1.0


def test_ner_places_that_read_as_people_are_dropped(nlp: Language,
                                                    components: Components) -> None:
    text = "Coach Mark Anderson praised the team. Anderson said the win mattered."
    doc = run(nlp, components, text, [("Mark Anderson", "PERSON"), ("Anderson said", "GPE")])
    assert doc._.places == []


def test_other_occurrences_of_a_resolved_name_are_the_same_place(nlp: Language,
                                                                 components: Components) -> None:
    text = "Protests spread in Gwadar. The Gwadar Port Authority closed."
    doc = run(nlp, components, text, [("Gwadar Port Authority", "ORG")])
    roles = [(m.text, m.role) for m in doc._.places]
    assert roles == [("Gwadar", "location"), ("Gwadar", "origin")]


def test_without_a_gazetteer_no_places(nlp: Language) -> None:
    doc = Toponyms(None, load_place_words())(nlp("Fighting in Quetta."))
    assert doc._.places == []
    assert doc._.country_context == {}


@pytest.mark.slow
def test_full_pipeline_on_a_wire_story() -> None:
    from eventledger.gazetteer import most_specific
    from eventledger.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    text = ("Turbat, March 3 (IANS) Gunmen attacked a Frontier Corps post near Turbat in Kech district on "
            "Sunday, officials said. Pakistani troops later raided hideouts in Awaran and Panjgur, "
            "Balochistan, while protesters gathered outside the Quetta Press Club.")
    doc = nlp(text)
    places = {m.text: m for m in doc._.places}
    assert places["Kech"].place is not None
    assert places["Kech"].place.feature == "admin2"
    assert places["Awaran"].place is not None
    assert places["Awaran"].place.country_code == "PK"
    assert places["Balochistan"].role == "qualifier"
    assert places["Pakistani"].role == "origin"
    assert doc._.country_context["PK"] == 1.0
    first = [m for m in doc._.places if m.start < next(iter(doc.sents)).end_char]
    best = most_specific(first)
    assert best is not None
    assert best.place is not None
    assert best.place.name == "Turbat"


def test_towns_named_in_a_road_or_junction_are_landmarks(nlp: Language, components: Components) -> None:
    text = "A bomb hit a bus on the Quetta-Chagai highway in Kech district, Balochistan."
    roles = {m.text: m.role for m in run(nlp, components, text)._.places}
    assert roles["Quetta"] == "landmark"
    assert roles["Chagai"] == "landmark"
    assert roles["Kech"] == "location"
    doc = run(nlp, components, "Gunmen fired near the Quetta Hazarganji roundabout on Monday.",
              [("Quetta", "GPE")])
    assert [m.role for m in doc._.places if m.text == "Quetta"] == ["facility"]
    doc = run(nlp, components, "Gunmen fired in Quetta on Monday, police said.")
    assert [m.role for m in doc._.places if m.text == "Quetta"] == ["location"]


def test_an_unknown_place_heading_a_chain_is_one_mention(nlp: Language, components: Components) -> None:
    text = "Militants attacked a post in Killi-e-Quetta Gul, Balochistan, Pakistan."
    doc = run(nlp, components, text)
    got = [(m.text, m.role, m.place is None) for m in doc._.places]
    assert got[0] == ("Killi-e-Quetta Gul", "location", True)
    assert ("Balochistan", "qualifier", False) in got
