"""A watch list's Atom feed (RFC 4287): the events its Atom channel received, newest first.

The feed is read from the delivery ledger, so it shows exactly the events (and versions) the
channel was given; each entry is the event's current summary with a link to its page. Ids are
stable: the feed's is derived from the watch list's secret feed key, an entry's from the event.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from sqlalchemy import Connection, func, select

from eventledger.alerts.payload import headline, summaries, text_body
from eventledger.alerts.watchlists import WatchList
from eventledger.store import schema
from eventledger.watch.clock import as_utc

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 100
dl, ch = schema.watch_deliveries, schema.watch_channels
_FEED_NAMESPACE = uuid.UUID("5b0f8a57-4c61-4d0e-9a55-1f3e0d6c9b21")


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def feed_entries(conn: Connection, watchlist: WatchList, base_url: str,
                 limit: int = FEED_ENTRIES) -> list[tuple[datetime, dict[str, Any]]]:
    """(delivered at, summary) of the newest events the list's Atom channels received."""
    atom_ids = [c.id for c in watchlist.channels if c.kind == "atom"]
    if not atom_ids:
        return []
    latest = (select(dl.c.event_id, func.max(dl.c.delivered_at).label("at"))
              .where(dl.c.channel_id.in_(atom_ids), dl.c.status == "delivered")
              .group_by(dl.c.event_id).order_by(func.max(dl.c.delivered_at).desc(), dl.c.event_id.desc())
              .limit(limit))
    rows = [(int(r.event_id), as_utc(r.at)) for r in conn.execute(latest)]
    found = summaries(conn, [event_id for event_id, _ in rows], base_url)
    return [(at, found[event_id]) for event_id, at in rows if event_id in found and at is not None]


def atom_feed(watchlist: WatchList, entries: list[tuple[datetime, dict[str, Any]]], self_url: str,
              base_url: str) -> bytes:
    """The feed document (UTF-8 XML)."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", uuid.uuid5(_FEED_NAMESPACE, watchlist.feed_key).urn)
    _sub(feed, "title", f"eventledger watch list: {watchlist.name}")
    _sub(feed, "subtitle", f"Events matching {watchlist.query or 'every event'}")
    updated = max((at for at, _ in entries), default=watchlist.created_at)
    _sub(feed, "updated", _iso(updated))
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=f"{base_url.rstrip('/')}/events?{watchlist.query}", type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", "eventledger")
    _sub(feed, "generator", "eventledger")
    for at, summary in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{base_url.rstrip('/')}/events/{summary['id']}")
        _sub(entry, "title", headline(summary))
        _sub(entry, "updated", _iso(at))
        _sub(entry, "link", rel="alternate", href=summary["link"], type="text/html")
        _sub(entry, "summary", text_body(summary, watchlist.name), type="text")
        _sub(entry, "category", term=str(summary["event_type"]))
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body
