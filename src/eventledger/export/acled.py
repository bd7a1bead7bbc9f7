"""ACLED-style CSV: ACLED's 31 columns in ACLED's order; what the ledger lacks stays empty.

Column rules (ACLED codebook): ``event_id_cnty`` = ISO alpha-3 + the ledger's event id;
``fatalities`` = the best figure (0 when no figure was reported at all, empty when a death was
reported without a usable number); ``time_precision``/``geo_precision`` = ACLED's 1–3 codes;
``inter1``/``inter2``/``interaction`` = ACLED's numeric actor-type codes; ``notes`` = the event's
evidence sentences; ``iso`` = ISO 3166 numeric; ``region``, ``admin3`` and ``source_scale`` are
empty (not coded by eventledger).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

import pycountry

from eventledger.export.codes import AcledCodes
from eventledger.export.flat import actors_by_role, notes, redactor_for
from eventledger.store.queries import EventRecord


def _country(code: str | None) -> tuple[str, str, int | str]:
    """(alpha-3, name, numeric) for an ISO alpha-2 code; unknown codes give ('UNK', '', '')."""
    found = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if found is None:
        return "UNK", "", ""
    name = getattr(found, "common_name", None) or found.name
    return found.alpha_3, name, int(found.numeric)


def _inter(record: EventRecord, role: str, codes: AcledCodes) -> int | str:
    for actor in record.actors:
        if actor["role"] == role:
            return codes.inter.get(actor.get("kind") or "", "")
    return ""


def _interaction(inter1: int | str, inter2: int | str) -> int | str:
    known = sorted(c for c in (inter1, inter2) if isinstance(c, int))
    if not known:
        return ""
    return known[0] * 10 + (known[1] if len(known) > 1 else 0)


def _fatalities(ev: dict[str, Any]) -> int | str:
    if ev["fatalities_best"] is not None:
        return int(ev["fatalities_best"])
    try:
        claims = (json.loads(ev.get("event_json") or "{}").get("fatalities") or {}).get("claims")
    except (ValueError, AttributeError):
        claims = None
    # ACLED codes 0 when no death is reported; a death reported without a usable number is unknown.
    return "" if claims else 0


def _timestamp(ev: dict[str, Any]) -> int | str:
    stamp = ev.get("updated_at")
    if not isinstance(stamp, datetime):
        return ""
    return int((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).timestamp())


def acled_row(record: EventRecord, codes: AcledCodes, redact: bool = False) -> dict[str, Any]:
    ev = record.event
    redactor = redactor_for(record, redact)
    roles = actors_by_role(record, redactor)
    alpha3, country, numeric = _country(ev["country_code"])
    inter1, inter2 = _inter(record, "actor1", codes), _inter(record, "actor2", codes)
    civilians = ev["event_type"] == "Violence against civilians" or any(
        a.get("kind") == "civilians" and a["role"] in ("actor2", "victim", "target") for a in record.actors)
    start = ev["date_start"]
    return {
        "event_id_cnty": f"{alpha3}{ev['id']}", "event_date": start.isoformat() if start else "",
        "year": start.year if start else "", "time_precision": codes.time_precision.get(ev["date_precision"], 3),
        "disorder_type": codes.disorder_type(ev["event_type"], ev["sub_event_type"]),
        "event_type": ev["event_type"], "sub_event_type": ev["sub_event_type"],
        "actor1": (roles["actor1"] or [""])[0], "assoc_actor_1": "; ".join(roles["assoc_actor_1"]), "inter1": inter1,
        "actor2": (roles["actor2"] or [""])[0], "assoc_actor_2": "; ".join(roles["assoc_actor_2"]), "inter2": inter2,
        "interaction": _interaction(inter1, inter2), "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": numeric, "region": "", "country": country, "admin1": ev["admin1"] or "", "admin2": ev["admin2"] or "",
        "admin3": "", "location": ev["location_name"] or "",
        "latitude": "" if ev["lat"] is None else round(ev["lat"], 5),
        "longitude": "" if ev["lon"] is None else round(ev["lon"], 5),
        "geo_precision": codes.geo_precision.get(ev["geo_precision"], ""),
        "source": record.article["source"] or ev.get("reported_by_source") or "", "source_scale": "",
        "notes": notes(record, redactor), "fatalities": _fatalities(ev), "tags": ev["tags"] or "",
        "timestamp": _timestamp(ev),
    }


def write_acled_csv(records: Iterable[EventRecord], out: TextIO, codes: AcledCodes, redact: bool = False) -> int:
    writer = csv.DictWriter(out, fieldnames=list(codes.columns), extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(acled_row(record, codes, redact))
        n += 1
    return n
