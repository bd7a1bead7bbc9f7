"""What a channel receives about one event: a compact summary (JSON for webhooks, text for email,
an entry for Atom) and its *version*, a fingerprint of that summary.

Why a fingerprint and not ``updated_at``: the delivery ledger is unique per event version, and only
a change a reader would see should deliver again. Linking an event to an incident (duplicate
merging, a ``resolve --rebuild``) touches ``updated_at`` but not what the alert says, so it must not
send the event a second time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from eventledger.store import schema
from eventledger.web.reads import attach_actors

ev, art = schema.events, schema.articles
SUMMARY_COLUMNS = ("id", "event_type", "sub_event_type", "date_start", "date_end", "date_precision", "location_name",
                   "lat", "lon", "country_code", "admin1", "admin2", "geo_precision", "fatalities_best",
                   "fatalities_low", "fatalities_high", "fatalities_disputed", "injuries_best", "background",
                   "status", "tags")
# Not part of the version: they change without the event's content changing.
UNVERSIONED = ("incident_id", "updated_at", "link")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def summaries(conn: Connection, event_ids: Sequence[int], base_url: str) -> dict[int, dict[str, Any]]:
    """event id → the summary channels send (the event's current state, actors, article, link)."""
    if not event_ids:
        return {}
    query = (select(*(ev.c[c] for c in SUMMARY_COLUMNS), ev.c.incident_id, ev.c.updated_at,
                    art.c.title.label("article_title"), art.c.source.label("article_source"),
                    art.c.url.label("article_url"), art.c.published.label("article_published"))
             .join(art, art.c.id == ev.c.article_id).where(ev.c.id.in_(list(event_ids))))
    rows = [{k: _plain(v) for k, v in r._mapping.items()} for r in conn.execute(query)]
    attach_actors(conn, rows)
    base = base_url.rstrip("/")
    out: dict[int, dict[str, Any]] = {}
    for row in rows:
        row["article"] = {"title": row.pop("article_title"), "source": row.pop("article_source"),
                          "url": row.pop("article_url"), "published": row.pop("article_published")}
        row["link"] = f"{base}/events/{row['id']}"
        out[int(row["id"])] = row
    return out


def version(summary: dict[str, Any]) -> str:
    """The fingerprint (40 hex characters) of what a reader of the alert would see."""
    visible = {k: v for k, v in summary.items() if k not in UNVERSIONED}
    text = json.dumps(visible, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def headline(summary: dict[str, Any]) -> str:
    """One line: ``Battles (Armed clash) in Gwoza, Borno on 2026-03-01: 4 killed``."""
    kind = summary["event_type"]
    if summary.get("sub_event_type") and summary["sub_event_type"] != kind:
        kind = f"{kind} ({summary['sub_event_type']})"
    place = ", ".join(p for p in (summary.get("location_name"), summary.get("admin1")) if p) or "an unknown place"
    when = summary.get("date_start") or "an unknown date"
    deaths = summary.get("fatalities_best")
    tail = f": {deaths} killed" + (" (disputed)" if summary.get("fatalities_disputed") else "") \
        if deaths is not None else ""
    return f"{kind} in {place} on {when}{tail}"


def text_body(summary: dict[str, Any], watchlist: str) -> str:
    """The plain-text alert (email body, Atom entry summary)."""
    actors = "; ".join(f"{a['name']} ({a['role']})" for a in summary.get("actors", []))
    article = summary.get("article") or {}
    lines = [headline(summary), "",
             f"Watch list: {watchlist}",
             f"Actors: {actors or 'none named'}",
             f"Source: {article.get('source') or 'unknown'}: {article.get('title') or ''}".rstrip(": "),
             f"Status: {summary.get('status')}", "", f"Event: {summary['link']}"]
    if article.get("url"):
        lines.append(f"Article: {article['url']}")
    return "\n".join(lines) + "\n"


def webhook_body(summary: dict[str, Any], watchlist_id: int, watchlist: str, event_version: str,
                 delivery_id: int) -> bytes:
    document = {"kind": "event", "delivery": delivery_id, "version": event_version,
                "watchlist": {"id": watchlist_id, "name": watchlist}, "headline": headline(summary), "event": summary}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
