from __future__ import annotations

from eventledger.gazetteer import name_key
from tests.gazetteer.doubles import memory_gazetteer


def test_candidates_match_names_and_aliases() -> None:
    gaz = memory_gazetteer()
    keys = {p.key for p in gaz.candidates("Quetta")}
    assert keys == {"gn:2", "adm:PK:Quetta"}
    assert {p.key for p in gaz.candidates("Shalkot")} == {"gn:2"}
    assert {p.key for p in gaz.candidates("Qala-i-Naw")} == {"gn:5"}


def test_matches_say_whether_the_spelling_was_exact() -> None:
    gaz = memory_gazetteer()
    by_key = {m.place.key: m for m in gaz.matches("Chaghi")}
    assert by_key["adm:PK:Chagai"].exact
    assert not by_key["adm:PK:Chagai"].primary
    (qala,) = gaz.matches("Qala-e-Naw")
    assert not qala.exact


def test_fuzzy_finds_misspellings_within_a_country() -> None:
    gaz = memory_gazetteer()
    found = gaz.fuzzy("Balochistaan", country_code="PK")
    assert found
    assert found[0][0].key == "adm:PK:Balochistan"
    assert gaz.fuzzy("Balochistaan", country_code="AF") == []


def test_name_info_and_membership() -> None:
    gaz = memory_gazetteer()
    info = gaz.name_info(name_key("Quetta"))
    assert info is not None
    assert info.has("city")
    assert info.has("admin2")
    assert info.curated
    assert info.max_population == 1_565_546
    assert gaz.has_name(name_key("Gwadar"))
    assert not gaz.has_name(name_key("Atlantis"))


def test_countries_demonyms_neighbours() -> None:
    gaz = memory_gazetteer()
    country = gaz.country("pk")
    assert country is not None
    assert country.name == "Pakistan"
    assert gaz.demonym(name_key("Pakistanis")) == "PK"
    assert "AF" in gaz.neighbours("PK")
