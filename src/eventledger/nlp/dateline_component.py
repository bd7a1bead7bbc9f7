"""``el_dateline``: parse the dateline and fix the anchor date for relative expressions.

Runs first so every later component can read ``doc._.anchor_date``. The anchor is the publish
date when the caller knows it (``doc._.article_meta["published"]``), else the dateline's date,
else ``None`` ("coded with the uncertainty they really have", contract).
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from eventledger.ingest.dateline import parse_dateline
from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)


class DatelineComponent:
    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.article_meta or {}
        published = meta.get("published")
        if isinstance(published, str):
            published = date.fromisoformat(published[:10])
        dateline = parse_dateline(doc.text, published if isinstance(published, date) else None)
        doc._.dateline = dateline
        if isinstance(published, date):
            doc._.anchor_date, doc._.anchor_source = published, "published"
        elif dateline is not None and dateline.date is not None:
            doc._.anchor_date, doc._.anchor_source = dateline.date, "dateline"
        else:
            doc._.anchor_date, doc._.anchor_source = None, None
        return doc


@Language.factory("el_dateline")
def make_dateline(nlp: Language, name: str) -> DatelineComponent:
    return DatelineComponent()
