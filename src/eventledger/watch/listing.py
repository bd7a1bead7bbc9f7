"""A polled source's response → the items it lists: RSS/Atom entries, or links on a listing page.

A feed is recognised by feedparser (a version, or entries); anything else is read as an HTML
listing page whose item links are chosen by the source's ``links`` CSS selector (default: links
inside ``<article>`` elements). An entry with neither id nor link cannot be followed and is
counted as malformed; the rest of the feed still counts.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from eventledger.errors import InputError
from eventledger.ingest.markup import fragment_text

log = logging.getLogger(__name__)
DEFAULT_LINKS = "article a[href]"


@dataclass(frozen=True)
class Item:
    """One listed item: ``key`` identifies it across polls (entry id, else link)."""

    key: str
    url: str | None
    title: str | None = None
    published: date | None = None
    text: str | None = None  # the feed entry's own text (content, else summary), plain


@dataclass
class Listing:
    kind: str  # "feed" or "page"
    items: list[Item] = field(default_factory=list)
    malformed: int = 0
    title: str | None = None


def item_key(identifier: str) -> str:
    return hashlib.sha256(identifier.strip().encode("utf-8")).hexdigest()


def _http_url(value: object, base: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    url = urljoin(base, value.strip()).split("#", 1)[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_text(entry: Any) -> str | None:
    content = entry.get("content") or []
    html = content[0].get("value") if content else None
    text = fragment_text(str(html or entry.get("summary") or ""))
    return text or None


def _feed_items(parsed: Any, base: str) -> Listing:
    listing = Listing("feed", title=parsed.feed.get("title") or None)
    for entry in parsed.entries:
        url = _http_url(entry.get("link"), base)
        ident = str(entry.get("id") or "").strip() or url
        if not ident:
            listing.malformed += 1
            continue
        listing.items.append(Item(item_key(ident), url, entry.get("title") or None, _entry_date(entry),
                                  _entry_text(entry)))
    return listing


def _page_items(body: bytes, base: str, selector: str | None) -> Listing:
    import lxml.html
    from lxml.cssselect import CSSSelector
    from lxml.etree import LxmlError, ParserError

    try:
        root = lxml.html.fromstring(body)
    except (LxmlError, ParserError, ValueError) as exc:
        raise InputError(f"neither a feed nor an HTML page ({exc.__class__.__name__})", source=base) from None
    listing = Listing("page", title=(root.findtext(".//title") or "").strip() or None)
    seen: set[str] = set()
    for element in CSSSelector(selector or DEFAULT_LINKS)(root):
        url = _http_url(element.get("href"), base)
        if url is None or url in seen or url == base:
            continue
        seen.add(url)
        title = " ".join(element.text_content().split()) or None
        listing.items.append(Item(item_key(url), url, title))
    return listing


def read_listing(body: bytes, base: str, links_selector: str | None) -> Listing:
    """The items of a feed or listing page; ``InputError`` when the body is neither."""
    import feedparser

    if not body.strip():
        raise InputError("empty response", source=base)
    parsed = feedparser.parse(body)
    if parsed.get("version") or (parsed.entries and not _looks_like_html(body)):
        if parsed.get("bozo") and not parsed.entries:
            raise InputError(f"malformed feed ({parsed.get('bozo_exception')})", source=base)
        listing = _feed_items(parsed, base)
        if parsed.get("bozo"):
            log.warning("%s: damaged feed (%s); reading the %d entries found", base, parsed.get("bozo_exception"),
                        len(parsed.entries))
        return listing
    if not _looks_like_html(body):
        raise InputError("neither an RSS/Atom feed nor an HTML page", source=base)
    return _page_items(body, base, links_selector)


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in body[:65536].lower()
