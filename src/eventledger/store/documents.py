"""Article → stored document: the extraction step of ingest, kept apart from writing.

A *stored document* is the extraction contract's document whose ``article`` also carries what the
contract leaves out but the ledger keeps: the text (evidence offsets index into it), the
normalised content hash (idempotence), language, origin and other input fields. Producing one is a
pure function of the article and the extractor, so it can run anywhere (a Dask worker later);
``DocumentWriter`` stores the results in batches.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from eventledger.errors import InputError
from eventledger.ingest.article import Article

if TYPE_CHECKING:
    from eventledger.extract import Extractor

log = logging.getLogger(__name__)

# Maps a batch of articles to stored documents (or an error for an article that failed), in order.
ExtractBatch = Callable[[Sequence[Article]], list[dict[str, Any] | InputError]]


def stored_document(article: Article, document: dict[str, Any]) -> dict[str, Any]:
    """The contract ``document`` for ``article`` plus the fields storage needs."""
    art = dict(document.get("article") or {})
    art.update(id=article.id, text=article.text, content_hash=article.content_hash, url=_url(article.url),
               title=art.get("title") or article.title, language=article.language, origin=article.origin,
               extra=article.extra or None)
    return {**document, "article": art}


def _url(url: str | None) -> str | None:
    """Trimmed, without a #fragment: the same page linked twice is one article."""
    if not url or not url.strip():
        return None
    return url.strip().split("#", 1)[0] or None


def article_keys(article: Article) -> tuple[str, str | None]:
    """The keys that make an article a duplicate: normalised content hash, and URL when present."""
    return article.content_hash, _url(article.url)


def extractor_batch(extractor: Extractor) -> ExtractBatch:
    """An ``ExtractBatch`` running ``extractor`` in this process (``nlp.pipe`` over the batch)."""

    def run(articles: Sequence[Article]) -> list[dict[str, Any] | InputError]:
        try:
            docs = list(extractor.extract_stream(articles))
            return [stored_document(a, d) if isinstance(d, dict) else d for a, d in zip(articles, docs, strict=True)]
        except Exception:  # noqa: BLE001 - isolate the article that breaks extraction, below
            log.warning("extraction failed for a batch of %d; retrying one by one", len(articles))
        return [_extract_one(extractor, a) for a in articles]

    return run


def _extract_one(extractor: Extractor, article: Article) -> dict[str, Any] | InputError:
    try:
        return stored_document(article, extractor.extract(article))
    except Exception as exc:
        log.exception("extraction failed for %s", article.origin or article.id)
        return InputError(f"extraction failed: {exc.__class__.__name__}: {exc}", source=article.origin or article.id)
