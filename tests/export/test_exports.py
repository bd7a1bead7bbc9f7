"""Exports: ACLED's 31 columns in order, valid RFC 7946 GeoJSON, Parquet round-trips, redaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from eventledger.errors import DataFileError, ExportError
from eventledger.export import ExportFormat, export_events
from eventledger.export.codes import acled_codes, parse_codes
from eventledger.store import Database, DocumentWriter, EventFilter
from tests.store.factories import variant, with_event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    unlocated = with_event(variant(2), event_type="Protests", sub_event_type="Excessive force against protesters",
                           actors=[{"name": "Police Forces of Nigeria", "role": "actor1", "kind": "state_forces"},
                                   {"name": "Protesters (Nigeria)", "role": "actor2", "kind": "protesters"}],
                           date={"start": "2025-04-01", "end": "2025-04-30", "precision": "month"},
                           fatalities={"best": None, "low": None, "high": None, "disputed": False, "claims": []})
    text = unlocated["article"]["text"]
    unlocated["events"][0]["evidence"] = [{"start": text.index("The army"), "end": text.index("died.") + 5,
                                           "text": "The army said six people died.", "supports": "trigger"}]
    unlocated["events"][0]["location"] = {"name": None, "lat": None, "lon": None, "country_code": "NG",
                                          "admin1": None, "admin2": None, "geo_precision": "country",
                                          "geonameid": None}
    DocumentWriter(database).write_batch([variant(1), unlocated, variant(3)])
    yield database
    database.close()


def test_acled_csv_has_acleds_31_columns_in_order(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export_events(db, ExportFormat.acled_csv, str(out)) == 3
    frame = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert list(frame.columns) == ACLED_COLUMNS and len(frame) == 3
    first, protest = frame.iloc[0], frame.iloc[1]
    assert first["event_id_cnty"].startswith("NGA") and first["event_date"] == "2025-04-07"
    assert (first["year"], first["time_precision"], first["disorder_type"]) == ("2025", "1", "Political violence")
    assert (first["actor1"], first["inter1"], first["actor2"], first["inter2"], first["interaction"]) == (
        "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "2", "Civilians (Nigeria)", "7", "27")
    assert (first["iso"], first["country"], first["admin1"], first["location"]) == ("566", "Nigeria", "Borno", "Kawuri")
    assert (first["latitude"], first["longitude"], first["geo_precision"]) == ("11.95", "13.6", "1")
    assert first["fatalities"] == "6" and first["civilian_targeting"] == "Civilian targeting"
    assert first["notes"].startswith("MAIDUGURI, Nigeria") and first["source"] == "AFP"
    assert first["region"] == "" and first["admin3"] == "" and first["tags"] == "mass_casualty"
    assert int(first["timestamp"]) > 1_600_000_000
    assert (protest["disorder_type"], protest["time_precision"], protest["geo_precision"]) == (
        "Political violence; Demonstrations", "3", "3")
    assert (protest["interaction"], protest["fatalities"], protest["latitude"]) == ("16", "0", "")


def test_geojson_is_rfc7946(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    export_events(db, ExportFormat.geojson, str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    check_rfc7946(doc)
    features = doc["features"]
    assert len(features) == 3
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [13.6, 11.95]}  # lon, lat
    assert features[1]["geometry"] is None  # unlocated events are kept with a null geometry
    assert features[0]["properties"]["date_start"] == "2025-04-07"


def check_rfc7946(doc: dict[str, Any]) -> None:
    """The parts of RFC 7946 an exporter can get wrong."""
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    assert "crs" not in doc  # §4: no CRS member; WGS84 only
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict | None)
        assert isinstance(f.get("id", ""), str | int | float)
        geom = f["geometry"]
        if geom is None:
            continue
        assert geom["type"] == "Point"
        lon, lat = geom["coordinates"]
        assert isinstance(lon, int | float) and isinstance(lat, int | float)
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_parquet_round_trips(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    export_events(db, ExportFormat.parquet, str(out))
    table = pq.read_table(out)
    assert table.num_rows == 3
    rows = table.to_pylist()
    jsonl = tmp_path / "events.jsonl"
    export_events(db, ExportFormat.jsonl, str(jsonl))
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    for row, line in zip(rows, lines, strict=True):
        assert row["event_id"] == line["event_id"]
        assert row["event_type"] == line["event_type"]
        assert (row["date_start"].isoformat() if row["date_start"] else None) == line["date"]["start"]
        assert row["fatalities_best"] == line["fatalities"]["best"]
        assert row["lat"] == line["location"]["lat"]
    assert rows[0]["fatalities_disputed"] is True and rows[0]["victim"] == "Musa Ibrahim"


def test_jsonl_keeps_the_contract_event(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    export_events(db, ExportFormat.jsonl, str(out), EventFilter(event_type="Attack"))
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()][:1]
    expected = variant(1)["events"][0]
    assert {k: line[k] for k in expected} == expected
    assert line["status"] == "machine" and line["article"]["external_id"] == "art-1"


def test_filters_apply_to_exports(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    assert export_events(db, ExportFormat.acled_csv, str(out), EventFilter(event_type="Protests")) == 1
    assert export_events(db, ExportFormat.acled_csv, str(out), EventFilter(country="GH")) == 0
    assert pd.read_csv(out).columns.tolist() == ACLED_COLUMNS  # an empty export still has the header


def test_redaction_removes_named_victims_everywhere(db: Database, tmp_path: Path) -> None:
    for fmt, name in ((ExportFormat.acled_csv, "r.csv"), (ExportFormat.geojson, "r.geojson"),
                      (ExportFormat.jsonl, "r.jsonl")):
        export_events(db, fmt, str(tmp_path / name), redact=True)
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "Ibrahim" not in text and "Musa" not in text and "[redacted]" in text
    export_events(db, ExportFormat.parquet, str(tmp_path / "r.parquet"), redact=True)
    rows = pq.read_table(tmp_path / "r.parquet").to_pylist()
    assert all("Ibrahim" not in json.dumps(r, default=str) for r in rows)
    export_events(db, ExportFormat.jsonl, str(tmp_path / "plain.jsonl"))
    assert "Musa Ibrahim" in (tmp_path / "plain.jsonl").read_text(encoding="utf-8")


def test_parquet_needs_a_file(db: Database) -> None:
    with pytest.raises(ExportError, match="--output"):
        export_events(db, ExportFormat.parquet, "-")


def test_failed_export_leaves_no_partial_file(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        export_events(db, ExportFormat.jsonl, str(tmp_path / "missing-dir" / "x.jsonl"))
    assert not list(tmp_path.rglob("*.partial"))


def test_codes_file_is_checked() -> None:
    assert list(acled_codes().columns) == ACLED_COLUMNS
    with pytest.raises(DataFileError, match="31"):
        parse_codes('columns = ["a"]')
    with pytest.raises(DataFileError, match="inter"):
        parse_codes("columns = [" + ", ".join(f'"c{i}"' for i in range(31)) + "]\n"
                    "[disorder_type.event_type]\n[disorder_type.sub_event_type]\n[inter]\nx = 'one'\n")
