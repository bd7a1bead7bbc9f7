from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from eventledger.gazetteer.wordlists import load_place_words
from eventledger.nlp.place_ruler import RULER_ID, PlaceRuler
from tests.gazetteer.doubles import memory_gazetteer


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def ruler() -> PlaceRuler:
    return PlaceRuler(memory_gazetteer(), load_place_words())


def ents(nlp: Language, ruler: PlaceRuler, text: str) -> list[tuple[str, str]]:
    doc = ruler(nlp(text))
    assert all(e.kb_id_ == RULER_ID for e in doc.ents)
    return [(e.text, e.label_) for e in doc.ents]


def test_marks_countries_provinces_curated_areas_and_sites(nlp: Language, ruler: PlaceRuler) -> None:
    text = "Miners from Chagai protested at Reko Diq, saying Balochistan and Pakistan ignore them."
    found = ents(nlp, ruler, text)
    assert found == [("Chagai", "GPE"), ("Reko Diq", "FAC"), ("Balochistan", "GPE"), ("Pakistan", "GPE")]


def test_a_town_needs_evidence(nlp: Language, ruler: PlaceRuler) -> None:
    assert ents(nlp, ruler, "Two shops burned in Gwadar overnight.") == [("Gwadar", "GPE")]
    assert ents(nlp, ruler, "Gwadar residents said nothing.") == []  # no evidence: left to the NER
    assert ents(nlp, ruler, "The convoy reached Turbat, Balochistan on Monday.")[0] == ("Turbat", "GPE")


def test_cue_words_vouch_for_a_name(nlp: Language, ruler: PlaceRuler) -> None:
    assert ents(nlp, ruler, "Security forces raided Kech district.") == [("Kech", "GPE")]
    found = ents(nlp, ruler, "A teacher was shot in Loy Kalay village late on Sunday.")
    assert found == [("Loy Kalay", "GPE")]  # unknown to the gazetteer, announced by "village"


def test_common_words_names_and_longer_names_are_not_places(nlp: Language, ruler: PlaceRuler) -> None:
    assert ents(nlp, ruler, "In March the council met again.") == []
    assert ents(nlp, ruler, "Deputies said Sheriff Anderson arrived in March.") == []
    assert ents(nlp, ruler, "Students at Kabul University protested.") == []
    assert ents(nlp, ruler, "He wrote to Anderson about it.") == []  # weak locative, small town


def test_hyphenated_transliterations_are_one_name(nlp: Language, ruler: PlaceRuler) -> None:
    assert ents(nlp, ruler, "Gunmen attacked a post in Qala-i-Naw on Friday.") == [("Qala-i-Naw", "GPE")]


def test_existing_entities_are_kept(nlp: Language, ruler: PlaceRuler) -> None:
    doc = nlp("Fighting in Quetta continued.")
    doc.set_ents([doc.char_span(12, 18, label="ORG")])
    assert [(e.text, e.label_) for e in ruler(doc).ents] == [("Quetta", "ORG")]


def test_without_a_gazetteer_the_ruler_does_nothing(nlp: Language) -> None:
    assert not PlaceRuler(None, load_place_words())(nlp("Fighting in Quetta.")).ents


@pytest.mark.slow
def test_ruler_before_the_ner_fixes_its_labels() -> None:
    from eventledger.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    assert nlp.pipe_names.index("el_place_ruler") < nlp.pipe_names.index("ner")
    doc = nlp("Strikes were reported in Quetta, Gwadar and the Saindak area of Chagai on Friday.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Quetta"] == "GPE"
    assert labels["Gwadar"] == "GPE"
    assert labels["Chagai"] == "GPE"
    assert labels["Saindak"] == "FAC"
    doc = nlp("March was quiet, Henry Anderson told Bad News Media in Police Lines.")
    assert not [e for e in doc.ents if e.label_ in ("GPE", "LOC") and e.text in ("March", "Henry", "Bad")]
