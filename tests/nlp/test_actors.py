"""``el_actors``: actor mentions from dictionary names, generic classes, people and sources."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from eventledger.nlp.actor_country import CountryFinder, CountryForm, CountryTable
from eventledger.nlp.actor_cues import load_cues
from eventledger.nlp.actor_dictionary import parse_dictionary
from eventledger.nlp.actors import ActorsComponent
from eventledger.nlp.mentions import ActorMention

ACTORS = """\
id,name,kind,country,category,aliases,short_names,parent,source_only,ambiguous,label,generic_for,notes
kla,Kivu Liberation Army,rebel_group,CD,armed_group,,KLA,,0,0,,,
fc,Frontier Corps,state_forces,PK,state,,FC,,0,1,,,
shabaab,al-Shabaab,rebel_group,SO,armed_group,al-Shabab,,,0,0,,,
shabaab-mz,Islamic State Mozambique Province,rebel_group,MZ,armed_group,al-Shabaab|al-Shabab,,,0,1,,,
police-ke,Police Forces of Kenya,state_forces,KE,state,Kenya Police,,,0,0,,police,
watch,Lake Region Watch,organisation,,monitor,,LRW,,1,0,,,
"""
CLASSES = """id,terms,kind,name,named_kind,absorbable,source_only,notes
military,troops|soldiers|army,state_forces,Military Forces of {country},rebel_group,1,0,
police,police|policemen,state_forces,Police Forces of {country},political_militia,1,0,
armed_men,gunmen|assailants,political_militia,Unidentified Armed Group ({country}),rebel_group,1,0,
militants,militants|fighters,political_militia,Unidentified Armed Group ({country}),rebel_group,1,0,
students,students,civilians,Students ({country}),,0,0,
protesters,protesters,protesters,Protesters ({country}),,0,0,
sources,sources|witnesses,organisation,Sources,,0,1,
"""
COUNTRIES = CountryTable(
    forms=(CountryForm("Congo", "CD", "name"), CountryForm("Congolese", "CD", "demonym"),
           CountryForm("Kenya", "KE", "name"), CountryForm("Kenyan", "KE", "demonym"),
           CountryForm("Pakistan", "PK", "name"), CountryForm("Somalia", "SO", "name"),
           CountryForm("Mozambique", "MZ", "name"), CountryForm("Uganda", "UG", "name"),
           CountryForm("Cabo Delgado", "MZ", "subdivision")),
    display={"CD": "Democratic Republic of Congo", "KE": "Kenya", "PK": "Pakistan", "SO": "Somalia",
             "MZ": "Mozambique", "UG": "Uganda"},
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


@pytest.fixture(scope="module")
def actors(nlp: Language) -> ActorsComponent:
    dictionary = parse_dictionary(ACTORS, CLASSES)
    return ActorsComponent(nlp, dictionary, load_cues(), CountryFinder(nlp, COUNTRIES))


def mentions(nlp: Language, actors: ActorsComponent, text: str) -> list[ActorMention]:
    doc = actors(nlp(text))
    for mention in doc._.actors:
        assert doc.text[mention.start:mention.end] == mention.text  # offsets point at the evidence
    return list(doc._.actors)


def named(found: list[ActorMention]) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in found]


def test_dictionary_names_with_heads_and_demonym_classes(nlp: Language, actors: ActorsComponent) -> None:
    found = mentions(nlp, actors, "Congolese troops clashed with KLA fighters near Rutshuru in Congo.")
    assert named(found) == [("Congolese troops", "Military Forces of Democratic Republic of Congo"),
                            ("KLA fighters", "Kivu Liberation Army")]
    troops, kla = found
    assert troops.generic
    assert troops.country == "CD"
    assert troops.kind == "state_forces"
    assert not kla.generic
    assert kla.entry_id == "kla"
    assert kla.kind == "rebel_group"


def test_an_acronym_defined_in_the_text_counts_even_when_ambiguous(
        nlp: Language, actors: ActorsComponent) -> None:
    found = mentions(nlp, actors, "The Frontier Corps (FC) sealed the road. FC officers later reopened it.")
    assert named(found) == [("Frontier Corps (FC)", "Frontier Corps"), ("FC officers", "Frontier Corps")]


def test_an_ambiguous_acronym_needs_its_country(nlp: Language, actors: ActorsComponent) -> None:
    assert mentions(nlp, actors, "FC Porto beat Benfica on Sunday.") == []
    found = mentions(nlp, actors, "FC personnel were deployed in Quetta, Pakistan.")
    assert named(found) == [("FC personnel", "Frontier Corps")]


@pytest.mark.parametrize(("place", "entry"), [
    ("Cabo Delgado, Mozambique", "shabaab-mz"), ("Jubaland, Somalia", "shabaab"), ("the region", "shabaab")])
def test_a_shared_name_is_read_in_the_articles_country(
        nlp: Language, actors: ActorsComponent, place: str, entry: str) -> None:
    found = mentions(nlp, actors, f"Al-Shabaab fighters raided a village in {place}.")
    assert [m.entry_id for m in found] == [entry]


def test_generic_classes_take_the_articles_country(nlp: Language, actors: ActorsComponent) -> None:
    found = mentions(nlp, actors,
                     "Gunmen shot two students in Eldoret, Kenya, and police dispersed protesters.")
    assert named(found) == [
        ("Gunmen", "Unidentified Armed Group (Kenya)"), ("students", "Students (Kenya)"),
        ("police", "Police Forces of Kenya"), ("protesters", "Protesters (Kenya)")]
    assert [m.kind for m in found] == ["political_militia", "civilians", "state_forces", "protesters"]
    assert found[2].entry_id == "police-ke"  # the dictionary's entry for Kenyan police


def test_the_toponym_components_country_context_wins(nlp: Language, actors: ActorsComponent) -> None:
    doc = nlp("Gunmen ambushed a bus in Kenya.")
    doc._.country_context = {"UG": 3.0}
    assert [m.name for m in actors(doc)._.actors] == ["Unidentified Armed Group (Uganda)"]


def test_a_sentence_naming_another_country_wins_over_the_article(
        nlp: Language, actors: ActorsComponent) -> None:
    found = mentions(nlp, actors, "Troops patrolled Goma in Congo. In neighbouring Uganda, police "
                                  "arrested gunmen. Assailants later fled.")
    assert [m.name for m in found] == [
        "Military Forces of Democratic Republic of Congo", "Police Forces of Uganda",
        "Unidentified Armed Group (Uganda)", "Unidentified Armed Group (Democratic Republic of Congo)"]


def test_members_of_a_named_group_are_that_group(nlp: Language, actors: ActorsComponent) -> None:
    found = mentions(nlp, actors, "Fighters from the Kivu Liberation Army looted Rutshuru, Congo, and "
                                  "its fighters burned the market.")
    assert named(found) == [("Fighters from the Kivu Liberation Army", "Kivu Liberation Army")]


def test_without_a_country_the_class_name_has_none(nlp: Language, actors: ActorsComponent) -> None:
    assert [m.name for m in mentions(nlp, actors, "Assailants torched the clinic.")] == [
        "Unidentified Armed Group"]


def test_responsibility_words_without_a_parse(nlp: Language, actors: ActorsComponent) -> None:
    claimed = mentions(nlp, actors, "The KLA claimed responsibility for the ambush in Congo.")
    assert [(m.name, m.responsibility) for m in claimed] == [("Kivu Liberation Army", "claimed")]
    attributed = mentions(nlp, actors, "No group claimed responsibility; however, sources attributed "
                                       "the attack to the KLA.")
    assert [(m.name, m.responsibility, m.source_only) for m in attributed] == [
        ("Sources", None, True), ("Kivu Liberation Army", "attributed", False)]
    nobody = mentions(nlp, actors, "No group claimed responsibility for the blast in Congo.")
    assert nobody == []


def test_monitors_are_sources(nlp: Language, actors: ActorsComponent) -> None:
    found = mentions(nlp, actors, "Lake Region Watch said witnesses saw soldiers loot shops.")
    assert [(m.name, m.source_only) for m in found] == [
        ("Lake Region Watch", True), ("Sources", True), ("Military Forces", False)]


# ------------------------------------------------------------------ the full pipeline
@pytest.fixture(scope="module")
def full() -> Language:
    from eventledger.nlp.pipeline import build_pipeline
    from eventledger.settings import Settings

    return build_pipeline(Settings.load(env={}))


def by_name(nlp: Language, text: str) -> dict[str, ActorMention]:
    doc = nlp(text)
    out: dict[str, ActorMention] = {}
    for mention in doc._.actors:
        out.setdefault(mention.name, mention)
    return out


@pytest.mark.slow
def test_claims_blame_and_denials_from_the_parse(full: Language) -> None:
    found = by_name(full, "The Tehreek-e-Taliban Pakistan (TTP) claimed responsibility for Tuesday's attack "
                          "on a police station in Bannu, Pakistan. Officials said TTP militants fired "
                          "rocket-propelled grenades.")
    assert found["Tehrik-i-Taliban Pakistan"].responsibility == "claimed"
    assert found["Police Forces of Pakistan"].generic
    found = by_name(full, "No group claimed the bombing in Mogadishu, but Somali officials blamed "
                          "al-Shabaab, which denied any involvement.")
    assert found["al-Shabaab"].responsibility == "attributed"
    assert found["Government of Somalia"].kind == "state_forces"
    found = by_name(full, "Suspected Boko Haram militants stormed a village in Borno State, Nigeria, "
                          "on Friday night.")
    assert found["Boko Haram"].responsibility == "attributed"


@pytest.mark.slow
def test_reported_events_are_not_attributions(full: Language) -> None:
    found = by_name(full, "Militants attacked a checkpoint in Khyber, Pakistan, police said, and Karachi "
                          "police later arrested two suspected members of the Sindhudesh Revolutionary Army.")
    assert found["Unidentified Armed Group (Pakistan)"].responsibility is None
    assert found["Police Forces of Pakistan"].kind == "state_forces"
    assert found["Sindhudesh Revolutionary Army"].responsibility == "attributed"


@pytest.mark.slow
def test_a_denial_alone_is_marked(full: Language) -> None:
    found = by_name(full, "Rockets hit the airport in Erbil, Iraq. Kata'ib Hezbollah denied responsibility "
                          "for the strike.")
    assert found["Kata'ib Hezbollah"].responsibility == "denied"


@pytest.mark.slow
def test_writers_outlets_and_surnames(full: Language) -> None:
    doc = full("In a column for the 'Frontier Ledger', Sara Qureshi wrote that security forces in "
               "Pakistan had detained dozens of activists. Qureshi added that the families were never told.")
    people = [m for m in doc._.actors if m.kind == "person"]
    assert [m.name for m in people] == ["Sara Qureshi", "Sara Qureshi"]
    assert all(m.source_only for m in people)
    outlets = [m for m in doc._.actors if m.name == "Frontier Ledger"]
    assert outlets
    assert outlets[0].source_only
    forces = [m for m in doc._.actors if m.text == "security forces"]
    assert forces[0].name == "Military Forces of Pakistan"
    assert not forces[0].source_only


@pytest.mark.slow
def test_identity_and_backed_militias_are_named(full: Language) -> None:
    found = by_name(full, "Iran-backed militias fired rockets at a base in Anbar, Iraq, while Fulani "
                          "militiamen raided farms in Benue, Nigeria.")
    assert found["Iran-backed militias"].kind == "political_militia"
    assert found["Fulani Ethnic Militia"].kind == "identity_militia"


@pytest.mark.slow
def test_unlisted_groups_get_their_kind_from_context(full: Language) -> None:
    found = by_name(full, "The Sons of the Delta Brigade, a little-known militant group, claimed the "
                          "attack on the pipeline in Rivers State, Nigeria. Amnesty International "
                          "documented the killings.")
    group = next(m for name, m in found.items() if "Delta Brigade" in name)
    assert group.kind == "rebel_group"
    assert found["Amnesty International"].source_only


def test_entities_the_toponym_component_resolved_are_not_actors(
        nlp: Language, actors: ActorsComponent) -> None:
    from spacy.tokens import Span

    from eventledger.nlp.mentions import PlaceMention

    doc = nlp("Gunmen attacked Kasindi and the Bunia Traders Union in Congo.")
    doc.set_ents([Span(doc, 2, 3, label="ORG"), Span(doc, 5, 8, label="ORG")])
    doc._.places = [PlaceMention(start=16, end=23, text="Kasindi", place=None)]
    names = [m.name for m in actors(doc)._.actors]
    assert names == ["Unidentified Armed Group (Democratic Republic of Congo)", "Bunia Traders Union"]


def test_the_components_run_on_a_blank_pipeline() -> None:
    from eventledger.nlp.pipeline import build_pipeline
    from eventledger.settings import Settings

    nlp = build_pipeline(Settings.load(env={}), model=_blank_with_sentences())
    names = nlp.pipe_names
    assert names.index("el_actor_ruler") < names.index("el_actors")
    doc = nlp("The Baloch Liberation Army claimed responsibility for the attack in Turbat, Pakistan.")
    assert [(m.name, m.responsibility) for m in doc._.actors] == [("Baloch Liberation Army", "claimed")]


def _blank_with_sentences() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


@pytest.mark.slow
def test_ner_slips_on_names_are_repaired(full: Language) -> None:
    doc = full("Armed men attacked a market in Makurdi, Benue, Nigeria, on 01/12/2021. Police blamed a "
               "Tiv militia. The Karoo Volunteer Force denied involvement in a separate shooting.")
    names = {m.name: m for m in doc._.actors}
    assert not any(any(c.isdigit() for c in name) for name in names)
    assert all(not name.endswith(",") for name in names)
    assert names["Tiv militia"].kind == "identity_militia"
    volunteers = names.get("Karoo Volunteer Force")
    assert volunteers is not None
    assert volunteers.kind != "person"
    assert volunteers.responsibility == "denied"
