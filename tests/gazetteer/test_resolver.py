from __future__ import annotations

from eventledger.gazetteer.resolver import Resolver, Toponym, coarser, km, lies_in
from tests.gazetteer.doubles import PLACES, memory_gazetteer

BY_KEY = {p.key: p for p, _ in PLACES}


def toponym(name: str, start: int = 0, cue: str | None = None) -> Toponym:
    return Toponym(start, start + len(name), name, name, cue)


def test_country_context_picks_the_namesake() -> None:
    alone, with_country = toponym("Alexandria"), toponym("Alexandria")
    Resolver(memory_gazetteer()).resolve([alone])
    assert alone.place is not None
    assert alone.place.country_code == "EG"
    Resolver(memory_gazetteer()).resolve([with_country, toponym("United States", 40)])
    assert with_country.place is not None
    assert with_country.place.country_code == "US"


def test_co_mentioned_places_pull_a_town_their_way() -> None:
    town, parish = toponym("Alexandria"), toponym("Rapides Parish", 30)
    Resolver(memory_gazetteer()).resolve([town, parish])
    assert town.place is not None
    assert town.place.key == "gn:7"
    assert town.alternatives
    assert town.alternatives[0].key == "gn:8"


def test_a_town_wins_over_its_namesake_district_unless_a_cue_says_district() -> None:
    plain, district = toponym("Quetta"), toponym("Quetta", cue="admin2")
    Resolver(memory_gazetteer()).resolve([plain])
    Resolver(memory_gazetteer()).resolve([district])
    assert plain.place is not None
    assert plain.place.feature == "city"
    assert district.place is not None
    assert district.place.feature == "admin2"


def test_a_curated_district_beats_a_foreign_hamlet() -> None:
    chagai = toponym("Chagai")
    Resolver(memory_gazetteer()).resolve([chagai, toponym("Balochistan", 20)])
    assert chagai.place is not None
    assert chagai.place.key == "adm:PK:Chagai"


def test_comma_chain_and_dateline_context() -> None:
    town, province = toponym("Qala-i-Naw"), toponym("Badghis", 12)
    town.container = province
    context = Resolver(memory_gazetteer()).resolve([town, province], dateline="Kabul")
    assert town.place is not None
    assert town.place.key == "gn:5"
    assert context["AF"] == 1.0


def test_demonyms_and_neighbours_weigh_in() -> None:
    context = Resolver(memory_gazetteer()).resolve([], demonyms=["PK", "PK"])
    assert context["PK"] == 1.0
    assert 0 < context["AF"] < 1.0


def test_fuzzy_guess_far_from_the_article_is_dropped() -> None:
    near, far = toponym("Balochistaan"), toponym("Kandahir", 20)
    anchor = toponym("Gwadar", 40)
    Resolver(memory_gazetteer()).resolve([near, far, anchor, toponym("Pakistan", 60)])
    assert near.place is not None
    assert near.place.key == "adm:PK:Balochistan"
    assert far.place is None
    assert far.alternatives


def test_containment_helpers() -> None:
    turbat, balochistan, pakistan = BY_KEY["gn:1"], BY_KEY["adm:PK:Balochistan"], BY_KEY["cc:PK"]
    assert lies_in(turbat, balochistan, "Balochistan")
    assert lies_in(turbat, pakistan, "Pakistan")
    assert not lies_in(BY_KEY["gn:6"], balochistan, "Balochistan")
    assert coarser(balochistan, turbat)
    assert not coarser(turbat, BY_KEY["gn:3"])
    assert 600 < km(turbat, BY_KEY["gn:2"]) < 610


def test_the_middle_of_a_country_chain_is_the_province_not_its_namesake_town() -> None:
    # "in Khak Chopan, Kandahar, Afghanistan": an unknown village, then its province
    village, province, country = toponym("Khak Chopan"), toponym("Kandahar", 13), toponym("Afghanistan", 23)
    village.container, province.container = province, country
    Resolver(memory_gazetteer()).resolve([village, province, country])
    assert province.place is not None
    assert province.place.key == "a1:AF:Kandahar"
    plain = toponym("Kandahar")  # alone it is the city, as ACLED codes it
    Resolver(memory_gazetteer()).resolve([plain, toponym("Afghanistan", 20)])
    assert plain.place is not None
    assert plain.place.key == "gn:6"


def test_a_point_outside_the_chains_country_gives_way() -> None:
    # "Chagai, Kabul, Afghanistan": Kabul read as the town, so the country judges Chagai
    town, container, country = toponym("Chagai"), toponym("Kabul", 8), toponym("Afghanistan", 15)
    town.container, container.container = container, country
    Resolver(memory_gazetteer()).resolve([town, container, country])
    assert town.place is None or town.place.country_code == "AF"
