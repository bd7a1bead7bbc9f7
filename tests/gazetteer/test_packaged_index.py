"""The real packaged index (built on first use into the cache directory)."""

from __future__ import annotations

import time

import pytest

from eventledger.gazetteer import SqliteGazetteer, name_key, open_gazetteer
from eventledger.gazetteer.resolver import Resolver, Toponym, km
from eventledger.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gaz() -> SqliteGazetteer:
    return open_gazetteer(Settings.load())


def resolve(gaz: SqliteGazetteer, *names: str) -> list[Toponym]:
    toponyms = [Toponym(i * 40, i * 40 + len(n), n, n) for i, n in enumerate(names)]
    Resolver(gaz).resolve(toponyms)
    return toponyms


def test_opening_a_built_index_is_fast() -> None:
    settings = Settings.load()
    open_gazetteer(settings)
    started = time.perf_counter()
    open_gazetteer(settings).close()
    assert time.perf_counter() - started < 1.0


def test_districts_resolve_as_districts_not_namesake_hamlets(gaz: SqliteGazetteer) -> None:
    chagai, _ = resolve(gaz, "Chagai", "Balochistan")
    assert chagai.place is not None
    assert chagai.place.feature == "admin2"
    assert chagai.place.country_code == "PK"
    assert km(chagai.place, chagai.place.__class__("x", "x", 29.30, 64.72, "PK", "city")) < 200


def test_towns_provinces_countries_and_sites(gaz: SqliteGazetteer) -> None:
    quetta, gwadar, balochistan, pakistan, reko = resolve(gaz, "Quetta", "Gwadar", "Balochistan", "Pakistan",
                                                          "Reko Diq")
    assert quetta.place is not None
    assert quetta.place.geonameid == 1167528
    assert gwadar.place is not None
    assert gwadar.place.feature == "city"
    assert gwadar.place.country_code == "PK"
    assert balochistan.place is not None
    assert balochistan.place.feature == "admin1"
    assert pakistan.place is not None
    assert pakistan.place.feature == "country"
    assert reko.place is not None
    assert reko.place.feature == "site"


def test_transliterations_and_misspellings(gaz: SqliteGazetteer) -> None:
    assert any(p.country_code == "AF" for p in gaz.candidates("Qala-i-Naw"))
    assert any(p.country_code == "AF" for p in gaz.candidates("Feroz Koh"))
    found = gaz.fuzzy("Khuzdaar", country_code="PK")
    assert found
    assert found[0][0].name == "Khuzdar"


def test_name_summary_for_the_ruler(gaz: SqliteGazetteer) -> None:
    info = gaz.name_info(name_key("Balochistan"))
    assert info is not None
    assert info.has("admin1")
    assert info.curated
    assert gaz.demonym(name_key("Pakistani")) == "PK"
    assert gaz.demonym(name_key("American")) == "US"
    assert "AF" in gaz.neighbours("PK")


def test_district_tables_give_districts_inside_their_provinces(gaz: SqliteGazetteer) -> None:
    lga, _, _ = resolve(gaz, "Gwoza", "Borno", "Nigeria")
    assert lga.place is not None
    assert lga.place.country_code == "NG"
    assert lga.place.admin1 == "Borno"
    district = next(m.place for m in gaz.matches("Khwaja Umari") if m.place.feature == "admin2")
    assert district.admin1 == "Ghazni"
    assert district.source == "district"
    # a district name alone is no evidence for the ruler: only curated areas are
    info = gaz.name_info(name_key("Khwaja Umari"))
    assert info is not None
    assert not info.curated


def test_curated_provinces_know_their_capitals(gaz: SqliteGazetteer) -> None:
    balochistan = next(m.place for m in gaz.matches("Balochistan") if m.place.feature == "admin1")
    assert balochistan.capital is not None
    quetta = balochistan.__class__("q", "Quetta", *balochistan.capital, "PK", "city")
    assert km(quetta, balochistan.__class__("x", "x", 30.18, 67.00, "PK", "city")) < 10
    assert (balochistan.lat, balochistan.lon) != balochistan.capital  # the centroid stays
