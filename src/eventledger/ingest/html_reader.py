"""``.html`` pages: main text and metadata via trafilatura (boilerplate, menus and comments dropped).

The article text is trafilatura's plain-text rendering of the main content; evidence offsets index
into that text, which is what the ledger stores. A sidecar ``NAME.json`` (as for ``.txt``) wins
over the page's own metadata; command-line flags win over both.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventledger.errors import InputError
from eventledger.ingest.markup import check_markup, iso_date
from eventledger.ingest.readers import (
    ArticleOrError,
    ReadOptions,
    article_from_mapping,
    check_file_size,
    check_text,
    read_sidecar,
)

log = logging.getLogger(__name__)


def page_fields(data: bytes, source: str) -> dict[str, Any]:
    """trafilatura's main text and metadata for one page; raises ``InputError`` when there is none."""
    import trafilatura
    from lxml.etree import LxmlError

    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=False)
    except (LxmlError, ValueError, TypeError, LookupError, UnicodeError) as exc:
        raise InputError(f"malformed HTML ({exc.__class__.__name__}: {exc})", source=source) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", source=source)
    return {"text": text, "title": getattr(doc, "title", None), "url": getattr(doc, "url", None),
            "published": iso_date(getattr(doc, "date", None)),
            "source": getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
            "language": getattr(doc, "language", None)}


def read_html(path: Path, options: ReadOptions) -> Iterator[ArticleOrError]:
    source = str(path)
    try:
        check_file_size(path, options.max_file_bytes)
        data = path.read_bytes()
        check_markup(data, source)
        fields = page_fields(data, source)
        text = check_text(fields.pop("text"), source=source, max_chars=options.max_chars)
        meta = {k: v for k, v in fields.items() if v not in (None, "")}
        meta["published"] = meta["published"].isoformat() if meta.get("published") else None
        meta.update(read_sidecar(path))
        yield article_from_mapping(meta, text=text, default_id=path.stem, source=source, line=None,
                                   overrides=options.overrides)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=source)
