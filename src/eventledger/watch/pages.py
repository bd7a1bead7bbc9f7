"""An item's page → an ``Article``: main text by trafilatura (as ``ingest`` reads .html files), or
the elements the source's CSS ``selector`` picks, when it gives one.

The page's own metadata (title, date, site) is used where the feed gave none; the source's name
is the article's source and its URL the article's URL, so a rerun recognises it.
"""

from __future__ import annotations

import logging
from datetime import date

from eventledger.errors import InputError
from eventledger.ingest.article import Article
from eventledger.ingest.html_reader import page_fields
from eventledger.ingest.markup import check_markup, fragment_text
from eventledger.ingest.readers import check_text
from eventledger.watch.listing import Item
from eventledger.watch.sources import Source

log = logging.getLogger(__name__)


def load_date_vocabulary() -> None:
    """Load, now, the month names of every dateparser locale that htmldate (inside trafilatura)
    loads on its own the first time a page's text has neither a year nor an English month name.

    Why: that one-time load (~1 s, several MB of Python objects) otherwise happens at a moment
    the page text decides, hours into a run; doing it when a long-lived watcher starts makes its
    memory reach its level at once, so any later growth is visible for what it is. Harmless when
    htmldate changes: the load then simply happens when htmldate wants it.
    """
    try:
        from htmldate.extractors import month_words
    except ImportError:
        log.debug("htmldate has no month_words(): its date vocabulary loads on first use")
        return
    month_words()


def selected_text(body: bytes, selector: str, url: str) -> str:
    """Plain text of the elements ``selector`` matches, one block per element."""
    import lxml.html
    from lxml.cssselect import CSSSelector
    from lxml.etree import LxmlError, ParserError

    try:
        root = lxml.html.fromstring(body)
    except (LxmlError, ParserError, ValueError) as exc:
        raise InputError(f"malformed HTML ({exc.__class__.__name__})", source=url) from None
    parts = [fragment_text(lxml.html.tostring(el, encoding="unicode")) for el in CSSSelector(selector)(root)]
    text = "\n\n".join(p for p in parts if p)
    if not text:
        raise InputError(f"the selector {selector!r} matches no text on the page", source=url)
    return text


def page_article(body: bytes, url: str, item: Item, source: Source, max_chars: int) -> Article:
    """The article on ``url``; ``InputError`` when the page has no article text."""
    check_markup(body, url)
    fields = page_fields(body, url) if source.selector is None else _metadata_only(body, url)
    text = selected_text(body, source.selector, url) if source.selector else str(fields["text"])
    text = check_text(text, source=url, max_chars=max_chars)
    published = item.published or fields.get("published")
    title, language = fields.get("title"), fields.get("language")
    return Article(id=url, text=text, published=published if isinstance(published, date) else None,
                   source=source.name, title=item.title or (str(title) if title else None), url=url,
                   language=source.language or (str(language) if language else None), origin=url,
                   extra={"watch_source": source.name})


def entry_article(item: Item, source: Source, max_chars: int) -> Article:
    """The feed entry's own text as the article (when its page could not be had)."""
    where = item.url or source.url
    text = check_text(item.text or "", source=where, max_chars=max_chars)
    return Article(id=item.url or f"{source.name}:{item.key[:16]}", text=text, published=item.published,
                   source=source.name, title=item.title, url=item.url, language=source.language,
                   origin=f"{where} (feed entry)", extra={"watch_source": source.name, "from_feed_entry": True})


def _metadata_only(body: bytes, url: str) -> dict[str, object]:
    try:
        return page_fields(body, url)
    except InputError:
        return {}
