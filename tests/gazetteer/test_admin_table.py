from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.errors import DataFileError
from eventledger.gazetteer.admin_table import COLUMNS, load_admin_areas, load_district_areas, load_place_aliases

HEADER = ",".join(COLUMNS)


def test_packaged_table_has_pakistan_provinces_and_districts() -> None:
    rows = {r.key: r for r in load_admin_areas()}
    provinces = {r.name for r in rows.values() if r.country_code == "PK" and r.level == "admin1"}
    assert {"Balochistan", "Sindh", "Punjab", "Khyber Pakhtunkhwa", "Gilgit-Baltistan"} <= provinces
    balochistan = [r for r in rows.values() if r.level == "admin2" and r.parent == "Balochistan"]
    assert len(balochistan) >= 30
    chagai = rows["PK:Chagai"]
    assert chagai.level == "admin2"
    assert "Chaghi" in chagai.aliases
    assert not chagai.has_centroid
    assert chagai.hq == "Dalbandin"
    assert rows["PK:Reko Diq"].level == "site"


def test_every_row_has_a_source_and_sane_parent() -> None:
    rows = load_admin_areas()
    assert all(r.source for r in rows)
    admin1 = {(r.country_code, r.name) for r in rows if r.level == "admin1"}
    for r in rows:
        if r.level == "admin2" and r.country_code == "PK":
            assert (r.country_code, r.parent) in admin1, r.key


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "areas.csv"
    path.write_text(f"{HEADER}\n{body}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("body", [
    "PK:X,X,,district,PK,,1,2,src,,",            # unknown level
    "PK:X,X,,admin2,Pakistan,,1,2,src,,",        # not an ISO code
    "PK:X,X,,admin2,PK,,1,,src,,",               # lat without lon
    "PK:X,X,,admin2,PK,,95,2,src,,",             # out of range
    "PK:X,X,,admin2,PK,,1,2,,,",                 # no source
    "PK:X,X,,admin2,PK,,1,2,src,,\nPK:X,Y,,admin2,PK,,1,2,src,,",  # duplicate key
])
def test_schema_faults_are_reported(tmp_path: Path, body: str) -> None:
    with pytest.raises(DataFileError):
        load_admin_areas(_write(tmp_path, body))


def test_wrong_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "areas.csv"
    path.write_text("name,lat,lon\nX,1,2\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_admin_areas(path)


def test_hq_defaults_to_the_name(tmp_path: Path) -> None:
    (row,) = load_admin_areas(_write(tmp_path, "PK:Mastung,Mastung,,admin2,PK,Balochistan,,,src,,"))
    assert row.hq == "Mastung"
    assert not row.has_centroid


def test_place_aliases_table() -> None:
    aliases = load_place_aliases()
    assert "W.Va." in aliases[("US", "admin1", "West Virginia")]


def test_district_table_holds_complete_lists_under_known_provinces() -> None:
    districts = load_district_areas()
    per_country: dict[str, int] = {}
    for d in districts:
        per_country[d.country_code] = per_country.get(d.country_code, 0) + 1
    assert per_country["NG"] == 774  # every local government area
    assert per_country["AF"] >= 380
    assert per_country["BF"] == 45
    curated = load_admin_areas()
    provinces = {(r.country_code, r.name) for r in curated if r.level == "admin1"}
    with_provinces = {cc for cc, _ in provinces}
    for d in districts:
        if d.country_code in with_provinces:
            assert (d.country_code, d.parent) in provinces, d.key
        assert d.has_centroid, d.key


def test_district_table_rejects_other_levels_and_repeats(tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        load_district_areas(_write(tmp_path, "NG:Kano:Kano,Kano,,admin1,NG,,12,8,src,,"))
    with pytest.raises(DataFileError):
        load_district_areas(_write(tmp_path, "NG:A:Obi,Obi,,admin2,NG,Benue,7,8,src,,\n"
                                             "NG:B:Obi,Obi,,admin2,NG,Benue,7,8,src,,"))
