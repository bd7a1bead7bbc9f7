"""One flat, readable row per event (GeoJSON properties, Parquet columns), with optional redaction."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from eventledger.export.redact import Redactor, victim_names
from eventledger.store.queries import EventRecord

ROLES = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "victim", "target")
_SPACE = re.compile(r"\s+")
NOTES_MAX_CHARS = 2000

# Event columns copied as they are (name in the export = column name in the ledger).
EVENT_FIELDS = ("event_type", "sub_event_type", "date_start", "date_end", "date_precision", "location_name",
                "lat", "lon", "country_code", "admin1", "admin2", "geo_precision", "geonameid",
                "fatalities_best", "fatalities_low", "fatalities_high", "fatalities_disputed", "injuries_best",
                "injuries_low", "injuries_high", "injuries_disputed", "background", "confidence",
                "reported_by_kind", "trigger", "tags", "status", "incident_id")


def redactor_for(record: EventRecord, redact: bool) -> Redactor:
    return Redactor([*victim_names(record.actors), *record.article_victims] if redact else [])


def actors_by_role(record: EventRecord, redactor: Redactor) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {role: [] for role in ROLES}
    for actor in record.actors:
        out.setdefault(actor["role"], []).append(redactor.text(actor["name"]) or "")
    return out


def notes(record: EventRecord, redactor: Redactor) -> str:
    """The event's evidence sentences (what supports the event, not the date or place words)."""
    texts: list[str] = []
    for span in record.evidence:
        if span["field"] in ("date", "location"):
            continue
        text = _SPACE.sub(" ", span["text"] or "").strip()
        if text and text not in texts:
            texts.append(text)
    joined = " ".join(texts)
    if len(joined) > NOTES_MAX_CHARS:
        joined = joined[:NOTES_MAX_CHARS - 1].rstrip() + "…"
    return redactor.text(joined) or ""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def flat_row(record: EventRecord, redact: bool = False) -> dict[str, Any]:
    """Readable columns for one event: ids, article, event fields, actors by role, notes."""
    redactor = redactor_for(record, redact)
    ev, art = record.event, record.article
    roles = actors_by_role(record, redactor)
    row: dict[str, Any] = {"event_id": ev["id"], "article_id": art["id"], "article_external_id": art["external_id"],
                           "source": art["source"], "url": art["url"], "title": redactor.text(art["title"]),
                           "published": art["published"]}
    row.update({name: ev[name] for name in EVENT_FIELDS})
    row.update({role: "; ".join(names) or None for role, names in roles.items() if role in ROLES})
    row["notes"] = notes(record, redactor) or None
    return row


def json_ready(row: dict[str, Any]) -> dict[str, Any]:
    """The same row with dates as ISO strings (for JSON outputs)."""
    return {k: _plain(v) for k, v in row.items()}
