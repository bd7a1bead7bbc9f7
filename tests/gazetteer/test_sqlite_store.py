from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventledger.errors import GazetteerError
from eventledger.gazetteer import SqliteGazetteer, name_key
from eventledger.gazetteer.entry import Entry
from eventledger.gazetteer.schema import IndexWriter
from tests.gazetteer.doubles import DEMONYMS, NEIGHBOURS, PLACES


def write_index(path: Path) -> Path:
    conn = sqlite3.connect(path)
    writer = IndexWriter(conn)
    writer.add_all(Entry(p, list(names), curated=p.source == "curated") for p, names in PLACES)
    writer.add_demonyms(DEMONYMS)
    writer.add_neighbours(NEIGHBOURS)
    writer.finish({"signature": "test"})
    conn.close()
    return path


@pytest.fixture
def gaz(tmp_path: Path) -> SqliteGazetteer:
    return SqliteGazetteer([write_index(tmp_path / "g.sqlite")])


def test_lookups_agree_with_the_memory_double(gaz: SqliteGazetteer) -> None:
    assert {p.key for p in gaz.candidates("Quetta")} == {"gn:2", "adm:PK:Quetta"}
    assert {p.key for p in gaz.candidates("Qala-e-Naw")} == {"gn:5"}
    (match,) = [m for m in gaz.matches("Chaghi") if m.place.country_code == "PK"]
    assert match.exact
    assert not match.primary
    info = gaz.name_info(name_key("Quetta"))
    assert info is not None
    assert info.curated
    assert info.places == 2
    assert info.max_population == 1_565_546
    assert not gaz.has_name(name_key("Atlantis"))


def test_country_demonym_neighbours_fuzzy(gaz: SqliteGazetteer) -> None:
    country = gaz.country("PK")
    assert country is not None
    assert country.feature == "country"
    assert gaz.country("ZZ") is None
    assert gaz.demonym(name_key("Afghan")) == "AF"
    assert gaz.neighbours("AF") == ("PK", "IR", "TM")
    found = gaz.fuzzy("Balochistaan", country_code="PK")
    assert found
    assert found[0][0].key == "adm:PK:Balochistan"
    assert gaz.fuzzy("Qta") == []  # too short to guess


def test_an_index_of_another_format_is_refused(tmp_path: Path) -> None:
    path = write_index(tmp_path / "old.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '0' WHERE name = 'format_version'")
    conn.commit()
    conn.close()
    with pytest.raises(GazetteerError):
        SqliteGazetteer([path])
    with pytest.raises(GazetteerError):
        SqliteGazetteer([])
