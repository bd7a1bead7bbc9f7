"""Event coding: annotated doc → events. (Being written; see DESIGN.md "code" stage.)"""

from __future__ import annotations

from spacy.tokens import Doc

from eventledger.extract.event import Event
from eventledger.ingest.article import Article
from eventledger.settings import Settings


def code_events(doc: Doc, article: Article, settings: Settings) -> list[Event]:
    return []
