"""``Extractor``: runs the pipeline over articles and codes their events into contract documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventledger.errors import InputError
from eventledger.extract.coder import Coder
from eventledger.extract.contract import article_document
from eventledger.ingest.article import Article
from eventledger.nlp.pipeline import build_pipeline
from eventledger.settings import Settings


class Extractor:
    """Holds one loaded pipeline; ``extract`` and ``extract_stream`` reuse it across articles."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None,
                 batch_size: int = 32) -> None:
        self.settings = settings or Settings.load()
        self.nlp = nlp if nlp is not None else build_pipeline(self.settings)
        self.batch_size = batch_size
        self.coder = Coder(self.settings)

    def analyse(self, article: Article) -> Doc:
        return self.nlp(self._make_doc(article))

    def _make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.article_meta = _meta(article)
        return doc

    def extract(self, article: Article) -> dict[str, Any]:
        """The contract document for one article."""
        return self.document(article, self.analyse(article))

    def document(self, article: Article, doc: Doc) -> dict[str, Any]:
        events = self.coder.code(doc, article)
        return article_document(article, doc, events)

    def extract_stream(self, items: Iterable[Article | InputError]) -> Iterator[dict[str, Any] | InputError]:
        """Documents in input order; input errors pass through in place so callers report them."""
        buffer: list[Article | InputError] = []
        for item in items:
            buffer.append(item)
            if len(buffer) >= self.batch_size:
                yield from self._flush(buffer)
                buffer = []
        yield from self._flush(buffer)

    def _flush(self, buffer: list[Article | InputError]) -> Iterator[dict[str, Any] | InputError]:
        articles = [a for a in buffer if isinstance(a, Article)]
        docs = iter(self.nlp.pipe(self._make_doc(a) for a in articles))
        for item in buffer:
            if isinstance(item, InputError):
                yield item
            else:
                yield self.document(item, next(docs))


def _meta(article: Article) -> dict[str, Any]:
    return {"id": article.id, "published": article.published, "source": article.source,
            "title": article.title, "url": article.url}
