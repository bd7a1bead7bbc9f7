"""``el_actor_ruler``: dictionary names become entities the NER keeps."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from eventledger.nlp.actor_dictionary import parse_dictionary
from eventledger.nlp.actor_ruler import ActorRuler, merge_entities, name_like

ACTORS = """\
id,name,kind,country,category,aliases,short_names,parent,source_only,ambiguous,label,generic_for,notes
hrw,Human Rights Watch,organisation,,monitor,,HRW,,1,0,,,
kla,Kivu Liberation Army,rebel_group,CD,armed_group,Kivu militia,KLA,,0,0,,,
fc,Frontier Corps,state_forces,PK,state,,FC,,0,1,,,
isgp,Islamic State Goma Province,rebel_group,CD,armed_group,,,,0,0,,,
"""
CLASSES = """id,terms,kind,name,named_kind,absorbable,source_only,notes
police,police,state_forces,Police Forces of {country},,1,0,
"""


@pytest.fixture
def nlp() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.fixture
def ruler(nlp: spacy.language.Language) -> ActorRuler:
    return ActorRuler(nlp, parse_dictionary(ACTORS, CLASSES))


def test_marks_names_and_acronyms_as_organisations(nlp: spacy.language.Language, ruler: ActorRuler) -> None:
    doc = ruler(nlp("Researchers at Human Rights Watch said the Kivu Liberation Army (KLA) shelled Goma."))
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Human Rights Watch", "ORG"), ("Kivu Liberation Army", "ORG"), ("KLA", "ORG")]


def test_leaves_ambiguous_acronyms_and_common_phrases_to_the_ner(
        nlp: spacy.language.Language, ruler: ActorRuler) -> None:
    doc = ruler(nlp("FC Barcelona fans clashed with a Kivu militia near the stadium."))
    assert list(doc.ents) == []


def test_keeps_existing_places_unless_a_name_contains_them(
        nlp: spacy.language.Language, ruler: ActorRuler) -> None:
    doc = nlp("Fighters of the Islamic State Goma Province attacked Goma again.")
    goma = [t.i for t in doc if t.text == "Goma"]
    doc.set_ents([Span(doc, i, i + 1, label="GPE") for i in goma])
    doc = ruler(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Islamic State Goma Province", "ORG"), ("Goma", "GPE")]


def test_merge_entities_prefers_existing_spans_it_cannot_contain(nlp: spacy.language.Language) -> None:
    doc = nlp("The Kivu Liberation Army met in Goma")
    existing = [Span(doc, 2, 4, label="GPE")]
    new = [Span(doc, 1, 4, label="ORG"), Span(doc, 3, 5, label="ORG"), Span(doc, 6, 7, label="ORG")]
    merged = merge_entities(existing, new)
    assert [(s.start, s.end, s.label_) for s in merged] == [(1, 4, "ORG"), (6, 7, "ORG")]


def test_name_like_allows_particles_but_not_common_words(nlp: spacy.language.Language) -> None:
    doc = nlp("Lashkar-e-Taiba and the Army of Justice but not Pakistani authorities")
    assert name_like(doc[0:5])
    assert name_like(doc[7:10])
    assert not name_like(doc[12:14])


@pytest.mark.slow
def test_the_model_keeps_the_rulers_entities() -> None:
    from eventledger.nlp.pipeline import build_pipeline
    from eventledger.settings import Settings

    nlp = build_pipeline(Settings.load(env={}))
    assert nlp.pipe_names.index("el_actor_ruler") < nlp.pipe_names.index("ner")
    doc = nlp("A report by Human Rights Watch said the Baloch Yakjehti Committee had been "
              "barred from holding rallies in Turbat.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Human Rights Watch", "ORG") in ents
    assert ("Baloch Yakjehti Committee", "ORG") in ents


def test_named_groups_give_their_country_once_each(nlp: spacy.language.Language, ruler: ActorRuler) -> None:
    doc = ruler(nlp("The Kivu Liberation Army (KLA) and Human Rights Watch said the KLA shelled Goma."))
    assert doc._.actor_countries == ["CD"]  # the monitor has no country; the KLA counts once
    assert ruler(nlp("Nothing named here."))._.actor_countries == []
