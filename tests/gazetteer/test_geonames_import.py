from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from eventledger.errors import GazetteerError
from eventledger.gazetteer import SqliteGazetteer, imported_index_path
from eventledger.gazetteer.geonames_import import feature_of, import_dumps, parse_geoname
from eventledger.settings import Settings


def row(gid: int, name: str, alts: str, lat: float, lon: float, fclass: str, fcode: str, a1: str, a2: str,
        pop: int) -> str:
    cols = [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, "PK", "", a1, a2, "", "", str(pop),
            "", "1000", "Asia/Karachi", "2024-01-01"]
    return "\t".join(cols)


DUMP = "\n".join([
    row(1180729, "Dalbandin", "Dalbandin,DBA", 28.88846, 64.40616, "P", "PPLA3", "02", "0203", 14621),
    row(1181000, "Chagai District", "Chaghi,Chagai", 29.3, 64.7, "A", "ADM2", "02", "0203", 0),
    row(1181001, "Koh-i-Sultan", "Koh-e Sultan", 29.12, 62.78, "T", "MT", "02", "0203", 0),
    "broken\tline",
]) + "\n"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(env={}, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data")


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    dump = tmp_path / "PK.zip"
    with zipfile.ZipFile(dump, "w") as z:
        z.writestr("readme.txt", "GeoNames")
        z.writestr("PK.txt", DUMP)
    (tmp_path / "admin1CodesASCII.txt").write_text("PK.02\tBalochistan\tBalochistan\t1183606\n",
                                                   encoding="utf-8")
    (tmp_path / "admin2Codes.txt").write_text("PK.02.0203\tChagai District\tChagai District\t1181000\n",
                                              encoding="utf-8")
    return [tmp_path / "admin1CodesASCII.txt", tmp_path / "admin2Codes.txt", dump]


def test_import_is_streamed_idempotent_and_readable(settings: Settings, files: list[Path]) -> None:
    stats = import_dumps(files, settings)
    assert stats["PK.zip"] == 3
    path = imported_index_path(settings)
    first = sqlite3.connect(path).execute("SELECT COUNT(*) FROM names").fetchone()[0]
    import_dumps(files, settings)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM places").fetchone()[0] == 3
    assert conn.execute("SELECT COUNT(*) FROM names").fetchone()[0] == first
    gaz = SqliteGazetteer([path])
    (district,) = gaz.candidates("Chaghi")
    assert district.feature == "admin2"
    assert district.admin1 == "Balochistan"
    assert district.geonameid == 1181000
    (town,) = gaz.candidates("Dalbandin")
    assert town.admin2 == "Chagai District"
    assert town.population == 14621
    assert gaz.candidates("Koh-e Sultan")[0].feature == "other"


def test_missing_files_are_reported(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(GazetteerError):
        import_dumps([tmp_path / "nope.zip"], settings)


def test_feature_mapping_and_bad_rows() -> None:
    assert feature_of("A", "ADM1") == "admin1"
    assert feature_of("P", "PPLC") == "city"
    assert feature_of("S", "AIRP") == "site"
    assert parse_geoname("1\tX\n", {}) is None
