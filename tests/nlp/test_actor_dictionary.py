"""The actor dictionary's data files: schema checks, lookups and the packaged contents."""

from __future__ import annotations

import pytest

from eventledger.errors import DataFileError
from eventledger.nlp.actor_cues import load_cues, parse_cues
from eventledger.nlp.actor_dictionary import (
    ACTOR_KINDS,
    ActorClass,
    load_dictionary,
    normalise_name,
    parse_dictionary,
)

HEADER = ("id,name,kind,country,category,aliases,short_names,parent,source_only,ambiguous,label,"
          "generic_for,notes")
CLASSES = """id,terms,kind,name,named_kind,absorbable,source_only,notes
police,police|policemen,state_forces,Police Forces of {country},political_militia,1,0,
"""


def _actors(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


GOOD_ROW = "kla,Kivu Liberation Army,rebel_group,CD,armed_group,Kivu Liberators,KLA,,0,0,,,"


def test_a_valid_row_parses_with_aliases_and_short_names() -> None:
    dictionary = parse_dictionary(_actors(GOOD_ROW), CLASSES)
    entry = dictionary.entry("kla")
    assert entry is not None
    assert entry.kind == "rebel_group"
    assert entry.country == "CD"
    assert entry.aliases == ("Kivu Liberators",)
    assert entry.short_names == ("KLA",)
    assert entry.label == "ORG"  # default label for a non-person


@pytest.mark.parametrize(("row", "message"), [
    ("kla,Kivu Liberation Army,rebels,CD,armed_group,,,,0,0,,,", "unknown actor kind"),
    ("kla,Kivu Liberation Army,rebel_group,Congo,armed_group,,,,0,0,,,", "ISO 3166-1"),
    ("kla,Kivu Liberation Army,rebel_group,CD,guerrillas,,,,0,0,,,", "unknown category"),
    ("kla,Kivu Liberation Army,rebel_group,CD,armed_group,,,nobody,0,0,,,", "parent"),
    ("kla,Kivu Liberation Army,rebel_group,CD,armed_group,,,,maybe,0,,,", "expected 0 or 1"),
    ("kla,Kivu Liberation Army,rebel_group,CD,armed_group,,,,0,0,,soldiers,", "generic_for"),
    ("Bad Id,Kivu Liberation Army,rebel_group,CD,armed_group,,,,0,0,,,", "bad id"),
    ("kla,Kivu Liberation Army,rebel_group,CD,armed_group,,,,0,0,,", "wrong number of fields"),
])
def test_schema_breaks_fail_at_load(row: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_dictionary(_actors(row), CLASSES)


def test_duplicate_ids_and_wrong_columns_fail() -> None:
    with pytest.raises(DataFileError, match="duplicate id"):
        parse_dictionary(_actors(GOOD_ROW, GOOD_ROW), CLASSES)
    with pytest.raises(DataFileError, match="columns must be"):
        parse_dictionary("id,name\nkla,Kivu\n", CLASSES)


def test_lookup_ignores_case_hyphens_apostrophes_and_the() -> None:
    dictionary = parse_dictionary(_actors(
        "ppf,People's Patriotic Front,rebel_group,CM,armed_group,,PPF,,0,0,,,"), CLASSES)
    assert normalise_name("The People’s Patriotic-Front") == "people's patriotic front"
    assert [e.id for e in dictionary.lookup("the people’s patriotic front")] == ["ppf"]
    assert [e.id for e in dictionary.lookup("PPF")] == ["ppf"]
    assert dictionary.lookup("Patriotic Front") == ()


def test_generic_entry_maps_a_class_to_a_countrys_entry() -> None:
    dictionary = parse_dictionary(_actors(
        "police-ke,Police Forces of Kenya,state_forces,KE,state,Kenya Police,,,0,0,,police,"), CLASSES)
    entry = dictionary.generic_entry("police", "KE")
    assert entry is not None
    assert entry.id == "police-ke"
    assert dictionary.generic_entry("police", "UG") is None
    assert dictionary.generic_entry("police", None) is None


def test_class_names_with_and_without_a_country() -> None:
    cls = ActorClass("armed_men", ("gunmen",), "political_militia", "Unidentified Armed Group ({country})")
    assert cls.display_name("Kenya") == "Unidentified Armed Group (Kenya)"
    assert cls.display_name(None) == "Unidentified Armed Group"
    police = ActorClass("police", ("police",), "state_forces", "Police Forces of {country}")
    assert police.display_name(None) == "Police Forces"
    ideology = ActorClass("ideologues", ("anarchists",), "political_militia", "{Term} ({country})")
    assert ideology.display_name("Chile", "anarchists") == "Anarchists (Chile)"


def test_packaged_dictionary_is_valid_and_covers_the_focus_actors() -> None:
    dictionary = load_dictionary()
    assert len(dictionary.entries) > 400
    assert all(entry.kind in ACTOR_KINDS for entry in dictionary.entries)
    bla = dictionary.lookup("BLA")
    assert [e.id for e in bla] == ["bla"]
    assert bla[0].kind == "rebel_group"
    assert bla[0].country == "PK"
    ttp = dictionary.lookup("Tehreek-e-Taliban Pakistan")
    assert ttp
    assert ttp[0].id == "ttp"
    assert dictionary.lookup("Jamaat Nusrat al-Islam wal-Muslimin")[0].id == "jnim"
    assert dictionary.lookup("Daesh")[0].id == "islamic-state"
    for monitor in ("Human Rights Watch", "Amnesty International", "Reuters", "UN experts"):
        assert all(e.source_only for e in dictionary.lookup(monitor)), monitor
    police = dictionary.generic_entry("police", "PK")
    assert police is not None
    assert police.name == "Police Forces of Pakistan"
    paramilitary = dictionary.generic_entry("paramilitary", "PK")
    assert paramilitary is not None
    assert paramilitary.name == "Frontier Corps"


def test_packaged_classes_name_every_kind_they_use() -> None:
    dictionary = load_dictionary()
    ids = {cls.id for cls in dictionary.classes}
    assert {"security_forces", "police", "armed_men", "protesters", "students", "sources"} <= ids
    for cls in dictionary.classes:
        assert cls.kind in ACTOR_KINDS
        assert cls.terms == tuple(t.lower() for t in cls.terms)


def test_packaged_cues_load_and_a_broken_file_fails() -> None:
    cues = load_cues()
    assert "claim" in cues.responsibility.claim_verbs
    assert "Pakistani" in cues.countries.demonyms["PK"]
    with pytest.raises(DataFileError, match="unknown sections"):
        parse_cues("[surprise]\nx = 1\n")
    with pytest.raises(DataFileError, match="missing section"):
        parse_cues("")
