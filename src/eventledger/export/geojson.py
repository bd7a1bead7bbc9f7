"""RFC 7946 GeoJSON: one FeatureCollection, one Feature per event, written as it streams.

Coordinates are ``[longitude, latitude]`` (WGS84, no ``crs`` member, as RFC 7946 requires).
Events without coordinates are kept as Features with ``"geometry": null`` (RFC 7946 §3.2 allows
unlocated features), so the export holds exactly the events the filters select; map clients skip
them. The Feature ``id`` is the ledger's event id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from eventledger.export.flat import flat_row, json_ready
from eventledger.store.queries import EventRecord


def geometry(lat: float | None, lon: float | None) -> dict[str, Any] | None:
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def feature(record: EventRecord, redact: bool = False) -> dict[str, Any]:
    props = json_ready(flat_row(record, redact))
    return {"type": "Feature", "id": record.event["id"],
            "geometry": geometry(record.event["lat"], record.event["lon"]), "properties": props}


def write_geojson(records: Iterable[EventRecord], out: TextIO, redact: bool = False) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for record in records:
        if n:
            out.write(",\n")
        out.write(json.dumps(feature(record, redact), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
