"""Parquet via pyarrow: the flat event rows with an explicit schema, written a row group at a time."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventledger.export.flat import ROLES, flat_row
from eventledger.store.queries import EventRecord

ROW_GROUP = 5000

_INT, _STR, _F64, _BOOL, _DATE = pa.int64(), pa.string(), pa.float64(), pa.bool_(), pa.date32()
SCHEMA = pa.schema([
    ("event_id", _INT), ("article_id", _INT), ("article_external_id", _STR), ("source", _STR), ("url", _STR),
    ("title", _STR), ("published", _DATE), ("event_type", _STR), ("sub_event_type", _STR), ("date_start", _DATE),
    ("date_end", _DATE), ("date_precision", _STR), ("location_name", _STR), ("lat", _F64), ("lon", _F64),
    ("country_code", _STR), ("admin1", _STR), ("admin2", _STR), ("geo_precision", _STR), ("geonameid", _INT),
    ("fatalities_best", _INT), ("fatalities_low", _INT), ("fatalities_high", _INT), ("fatalities_disputed", _BOOL),
    ("injuries_best", _INT), ("injuries_low", _INT), ("injuries_high", _INT), ("injuries_disputed", _BOOL),
    ("background", _BOOL), ("confidence", _F64), ("reported_by_kind", _STR), ("trigger", _STR), ("tags", _STR),
    ("status", _STR), ("incident_id", _INT), *((role, _STR) for role in ROLES), ("notes", _STR),
])


def write_parquet(records: Iterable[EventRecord], path: Path, redact: bool = False) -> int:
    n = 0
    rows = (flat_row(r, redact) for r in records)
    with pq.ParquetWriter(str(path), SCHEMA, compression="zstd") as writer:
        while batch := list(itertools.islice(rows, ROW_GROUP)):
            writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
            n += len(batch)
    return n
