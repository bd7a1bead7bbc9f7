"""Hand-made mentions for coder tests: the coder is tested apart from the analysis components."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from eventledger.gazetteer.place import Place
from eventledger.nlp.mentions import ActorMention, Attribution, DateMention, PlaceMention, Quantity


def at(doc: Doc, text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return start, start + len(text)


def place(doc: Doc, text: str, name: str, feature: str = "city", cc: str = "PK", admin1: str | None = None,
          admin2: str | None = None, lat: float = 30.0, lon: float = 67.0, nth: int = 0) -> PlaceMention:
    s, e = at(doc, text, nth)
    p = Place(key=f"t:{name}", name=name, lat=lat, lon=lon, country_code=cc, feature=feature,
              admin1=admin1, admin2=admin2)
    return PlaceMention(s, e, text, p, feature=feature)


def when(doc: Doc, text: str, first: date | None, last: date | None = None, precision: str = "day",
         background: bool = False) -> DateMention:
    s, e = at(doc, text)
    return DateMention(s, e, text, first, last or first, precision, background)


def figure(doc: Doc, text: str, low: int | None, outcome: str | None = "killed", about: str = "people",
           included: bool = False) -> Quantity:
    s, e = at(doc, text)
    return Quantity(s, e, text, low, None, about, outcome, included=included)


def actor(doc: Doc, text: str, name: str, kind: str, source_only: bool = False, generic: bool = False,
          responsibility: str | None = None, nth: int = 0) -> ActorMention:
    s, e = at(doc, text, nth)
    return ActorMention(s, e, text, name, kind, "PK", source_only, generic, responsibility=responsibility)


def said(doc: Doc, claimant_text: str, scope_text: str, kind: str = "report") -> Attribution:
    cs, ce = at(doc, claimant_text)
    ss, se = at(doc, scope_text)
    return Attribution(claimant_text, kind, cs, ce, ss, se)


def annotate(doc: Doc, *, places: list[PlaceMention] | None = None, dates: list[DateMention] | None = None,
             quantities: list[Quantity] | None = None, actors: list[ActorMention] | None = None,
             attributions: list[Attribution] | None = None, anchor: date | None = None) -> Doc:
    doc._.places = places or []
    doc._.dates = dates or []
    doc._.quantities = quantities or []
    doc._.actors = actors or []
    doc._.attributions = attributions or []
    doc._.anchor_date = anchor
    doc._.country_context = {"PK": 1.0}
    return doc
