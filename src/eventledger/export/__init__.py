"""Export: the ledger → files (ACLED CSV, GeoJSON, JSON Lines, Parquet), streamed.

``export_events`` reads the events a filter selects with a streaming cursor and writes them
incrementally to a temporary file beside the output, renamed into place when complete, so a
failed or interrupted export never leaves a truncated file under the requested name.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

from eventledger.errors import ExportError
from eventledger.export.acled import write_acled_csv
from eventledger.export.codes import acled_codes
from eventledger.export.geojson import write_geojson
from eventledger.export.jsonl import write_jsonl
from eventledger.export.parquet import write_parquet
from eventledger.store import Database, EventFilter, iter_event_records

STDOUT = "-"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


def export_events(db: Database, fmt: ExportFormat, output: str, flt: EventFilter | None = None,
                  redact: bool = False) -> int:
    """Write the selected events to ``output`` (a path, or ``-`` for standard output); returns the count."""
    flt = flt or EventFilter()
    if output == STDOUT:
        if fmt is ExportFormat.parquet:
            raise ExportError("Parquet is a binary file format: give --output FILE")
        return _write(db, fmt, None, flt, redact)
    target = Path(output)
    partial = target.with_name(f".{target.name}.partial")
    try:
        n = _write(db, fmt, partial, flt, redact)
        os.replace(partial, target)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return n


def _write(db: Database, fmt: ExportFormat, path: Path | None, flt: EventFilter, redact: bool) -> int:
    with db.read() as conn:
        records = iter_event_records(conn, flt)
        if fmt is ExportFormat.parquet:
            if path is None:
                raise ExportError("Parquet needs an output file")
            return write_parquet(records, path, redact)
        codes = acled_codes() if fmt is ExportFormat.acled_csv else None
        stream = sys.stdout if path is None else path.open("w", encoding="utf-8", newline="")
        try:
            if codes is not None:
                return write_acled_csv(records, stream, codes, redact)
            if fmt is ExportFormat.geojson:
                return write_geojson(records, stream, redact)
            return write_jsonl(records, stream, redact)
        finally:
            if path is not None:
                stream.close()
            else:
                stream.flush()


__all__ = ["ExportFormat", "export_events"]
