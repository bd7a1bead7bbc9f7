"""RSS and Atom files (feedparser): each entry with text is an article.

feedparser is lenient: a feed cut off mid-way still yields the entries before the damage, which
are kept (with a warning); an entry without text is reported and skipped. The entry's content (or
else its summary) is HTML and is turned into plain paragraphs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from eventledger.errors import InputError
from eventledger.ingest.markup import check_markup, fragment_text
from eventledger.ingest.readers import (
    ArticleOrError,
    ReadOptions,
    article_from_mapping,
    check_file_size,
    check_text,
)

log = logging.getLogger(__name__)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_html(entry: Any) -> str:
    content = entry.get("content") or []
    if content and content[0].get("value"):
        return str(content[0]["value"])
    return str(entry.get("summary") or entry.get("description") or "")


def _entry_article(entry: Any, n: int, feed_title: str | None, path: Path,
                   options: ReadOptions) -> ArticleOrError:
    source = str(path)
    title = entry.get("title")
    try:
        text = check_text(fragment_text(_entry_html(entry)), source=source, max_chars=options.max_chars)
    except InputError as exc:
        return InputError(f"entry {n}{f' ({title!r})' if title else ''}: {exc.message}", source=source)
    published = _entry_date(entry)
    meta = {"id": entry.get("id") or entry.get("link"), "title": title, "url": entry.get("link"),
            "source": feed_title, "published": published.isoformat() if published else None}
    article = article_from_mapping(meta, text=text, default_id=f"{path.stem}-{n}", source=source, line=None,
                                   overrides=options.overrides)
    article.origin = f"{source}#entry-{n}"
    return article


def read_feed(path: Path, options: ReadOptions) -> Iterator[ArticleOrError]:
    import feedparser

    source = str(path)
    try:
        check_file_size(path, options.max_file_bytes)
        data = path.read_bytes()
        check_markup(data, source)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=source)
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield InputError(f"not an RSS/Atom feed{f' ({problem})' if problem else ''}" if not parsed.get("version")
                         else "the feed has no entries", source=source)
        return
    if parsed.get("bozo"):
        log.warning("%s: damaged feed (%s); reading the %d entries found", source, parsed.get("bozo_exception"),
                    len(parsed.entries))
    feed_title = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(entry, n, feed_title, path, options)
