"""CSV (ACLED's 31 columns) and GeoJSON downloads of the current view, streamed through the export
package's own row writers, so a download equals ``eventledger export`` with the same filters."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from eventledger.export.acled import acled_row
from eventledger.export.codes import acled_codes
from eventledger.export.geojson import feature
from eventledger.store import Database, iter_event_records
from eventledger.web.auth import reader
from eventledger.web.context import context_of
from eventledger.web.filters import ViewFilter
from eventledger.web.pages.explore import view_filter

router = APIRouter(dependencies=[Depends(reader)], include_in_schema=False)
FLUSH_CHARS = 64_000


def _csv_chunks(db: Database, flt: ViewFilter) -> Iterator[str]:
    codes = acled_codes()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(codes.columns), lineterminator="\n")
    writer.writeheader()
    with db.read() as conn:
        for record in iter_event_records(conn, flt):
            writer.writerow(acled_row(record, codes))
            if buffer.tell() > FLUSH_CHARS:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


def _geojson_chunks(db: Database, flt: ViewFilter) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    with db.read() as conn:
        for record in iter_event_records(conn, flt):
            yield ("" if first else ",\n") + json.dumps(feature(record), ensure_ascii=False)
            first = False
    yield "\n]}\n"


@router.get("/events.csv", summary="The current view as ACLED-style CSV")
def events_csv(request: Request) -> StreamingResponse:
    flt = view_filter(request)
    return StreamingResponse(_csv_chunks(context_of(request).db, flt), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/events.geojson", summary="The current view as GeoJSON")
def events_geojson(request: Request) -> StreamingResponse:
    flt = view_filter(request)
    return StreamingResponse(_geojson_chunks(context_of(request).db, flt), media_type="application/geo+json",
                             headers={"Content-Disposition": 'attachment; filename="events.geojson"'})
