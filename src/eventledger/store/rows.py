"""Contract documents → table rows (pure functions, no database).

The input is a *stored document*: the extraction contract's document (contract/README.md) whose
``article`` also carries ``text`` and ``content_hash`` (see ``documents.py``). Every contract field
gets a plain column; the whole event is kept as JSON in ``events.event_json`` for round-trips.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

TAG_SEPARATOR = "; "  # ACLED's separator inside its tags column


@dataclass
class EventRows:
    """One event's row and its children's rows (``event_id`` filled in by the writer)."""

    event: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ArticleRows:
    article: dict[str, Any]
    events: list[EventRows]
    places: list[dict[str, Any]]


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _text(value: Any) -> str | None:
    # PostgreSQL text cannot hold NUL; JSON input can smuggle one in as \u0000.
    return None if value is None else str(value).replace("\x00", "\ufffd")


def article_row(art: dict[str, Any], n_events: int, now: datetime) -> dict[str, Any]:
    extra = art.get("extra")
    return {
        "external_id": _text(art.get("id")) or "",
        "source": _text(art.get("source")),
        "url": _text(art.get("url")),
        "title": _text(art.get("title")),
        "published": _date(art.get("published")),
        "anchor_date": _date(art.get("anchor_date")),
        "language": _text(art.get("language")),
        "origin": _text(art.get("origin")),
        "text": _text(art["text"]),
        "content_hash": art["content_hash"],
        "n_events": n_events,
        "extra": _text(json.dumps(extra, ensure_ascii=False, default=str)) if extra else None,
        "ingested_at": now,
    }


def _figures(prefix: str, fig: dict[str, Any] | None) -> dict[str, Any]:
    fig = fig or {}
    return {f"{prefix}_best": _int(fig.get("best")), f"{prefix}_low": _int(fig.get("low")),
            f"{prefix}_high": _int(fig.get("high")),
            f"{prefix}_disputed": bool(fig["disputed"]) if fig.get("disputed") is not None else None}


def event_row(ev: dict[str, Any], seq: int, now: datetime) -> dict[str, Any]:
    when = ev.get("date") or {}
    where = ev.get("location") or {}
    reported = ev.get("reported_by") or {}
    return {
        "seq": seq,
        "event_type": ev["event_type"],
        "sub_event_type": ev["sub_event_type"],
        "date_start": _date(when.get("start")),
        "date_end": _date(when.get("end")),
        "date_precision": when.get("precision") or "unknown",
        "location_name": _text(where.get("name")),
        "lat": _float(where.get("lat")),
        "lon": _float(where.get("lon")),
        "country_code": _text(where.get("country_code")),
        "admin1": _text(where.get("admin1")),
        "admin2": _text(where.get("admin2")),
        "geo_precision": where.get("geo_precision") or "unknown",
        "geonameid": _int(where.get("geonameid")),
        **_figures("fatalities", ev.get("fatalities")),
        **_figures("injuries", ev.get("injuries")),
        "background": bool(ev.get("background")),
        "confidence": _float(ev.get("confidence")),
        "reported_by_source": _text(reported.get("source")),
        "reported_by_via": _text(reported.get("via")),
        "reported_by_kind": _text(reported.get("kind")),
        "trigger": _text(ev.get("trigger")),
        "tags": TAG_SEPARATOR.join(str(t) for t in ev.get("tags") or []) or None,
        "status": "machine",
        "event_json": _text(json.dumps(ev, ensure_ascii=False)),
        "created_at": now,
        "updated_at": now,
    }


def _span(obj: dict[str, Any] | None) -> tuple[int | None, int | None]:
    obj = obj or {}
    return _int(obj.get("start")), _int(obj.get("end"))


def claim_rows(ev: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for measure in ("fatalities", "injuries"):
        for seq, c in enumerate((ev.get(measure) or {}).get("claims") or []):
            start, end = _span(c.get("evidence"))
            rows.append({"measure": measure, "seq": seq, "value_low": _int(c.get("value_low")),
                         "value_high": _int(c.get("value_high")), "value_text": _text(c.get("value_text")),
                         "claimant": _text(c.get("claimant")), "about": _text(c.get("about")),
                         "kind": _text(c.get("kind")), "qualifier": _text(c.get("qualifier")),
                         "share_of": _int(c.get("share_of")), "span_start": start, "span_end": end})
    return rows


def evidence_rows(ev: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The event's evidence spans, plus the date's and the location's own spans when given."""
    rows: list[dict[str, Any]] = []
    for span in ev.get("evidence") or []:
        rows.append({"field": str(span.get("supports") or "event"), "span_start": int(span["start"]),
                     "span_end": int(span["end"]), "text": _text(span.get("text") or text[span["start"]:span["end"]])})
    for key in ("date", "location"):
        own = (ev.get(key) or {}).get("evidence")
        if own and own.get("start") is not None:
            start, end = int(own["start"]), int(own["end"])
            rows.append({"field": key, "span_start": start, "span_end": end, "text": _text(text[start:end])})
    for seq, row in enumerate(rows):
        row["seq"] = seq
    return rows


def actor_rows(ev: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for seq, a in enumerate(ev.get("actors") or []):
        start, end = _span(a.get("evidence"))
        rows.append({"seq": seq, "name": _text(a["name"]), "role": _text(a["role"]), "kind": _text(a.get("kind")),
                     "span_start": start, "span_end": end})
    return rows


def place_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"seq": seq, "span_start": int(p["start"]), "span_end": int(p["end"]), "text": _text(p.get("text")) or "",
             "name": _text(p.get("name")), "lat": _float(p.get("lat")), "lon": _float(p.get("lon")),
             "geonameid": _int(p.get("geonameid")), "country_code": _text(p.get("country_code")),
             "feature": _text(p.get("feature"))}
            for seq, p in enumerate(doc.get("places") or [])]


def document_rows(doc: dict[str, Any], now: datetime) -> ArticleRows:
    """All rows for one stored document; raises ``KeyError``/``ValueError``/``TypeError`` when
    the document breaks the contract's shape (the writer records that article as failed)."""
    art = doc["article"]
    text = art["text"]
    events = [EventRows(event_row(ev, seq, now), actor_rows(ev), claim_rows(ev), evidence_rows(ev, text))
              for seq, ev in enumerate(doc.get("events") or [])]
    return ArticleRows(article_row(art, len(events), now), events, place_rows(doc))
