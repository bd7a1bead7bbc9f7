"""A small hand-made ledger for the report tests: stored documents written straight through the
store's writer (no NLP), in our own words. ``Ev`` describes one event; ``article`` wraps events into a
stored document whose text holds each event's sentence, so evidence and claim spans are real."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventledger.ingest.article import content_hash
from eventledger.store import Database, DocumentWriter

PLACES: dict[str, dict[str, Any]] = {
    "Bunia": {"lat": 1.566, "lon": 30.252, "country_code": "CD", "admin1": "Ituri", "geo_precision": "point"},
    "Djugu": {"lat": 1.92, "lon": 30.5, "country_code": "CD", "admin1": "Ituri", "geo_precision": "admin2"},
    "Goma": {"lat": -1.679, "lon": 29.226, "country_code": "CD", "admin1": "North Kivu", "geo_precision": "point"},
    "Beni": {"lat": 0.491, "lon": 29.473, "country_code": "CD", "admin1": "North Kivu", "geo_precision": "point"},
    "Ituri": {"lat": 1.5, "lon": 29.5, "country_code": "CD", "admin1": "Ituri", "geo_precision": "admin1"},
}


@dataclass
class Claim:
    value: int | None
    words: str
    claimant: str | None
    about: str = "people"
    share_of: int | None = None


@dataclass
class Ev:
    sentence: str
    sub_type: str = "Armed clash"
    event_type: str = "Battles"
    day: str = "2026-03-10"
    end: str | None = None
    precision: str = "day"
    place: str | None = "Bunia"
    best: int | None = None
    low: int | None = None
    high: int | None = None
    disputed: bool = False
    claims: list[Claim] = field(default_factory=list)
    background: bool = False


def _event(text: str, ev: Ev) -> dict[str, Any]:
    start = text.index(ev.sentence)
    location = None
    if ev.place is not None:
        location = {"name": ev.place, "admin2": None, "geonameid": None, **PLACES.get(ev.place, {})}
    claims = []
    for c in ev.claims:
        at = text.index(c.words, start)
        claims.append({"value_low": c.value, "value_high": None, "value_text": c.words, "claimant": c.claimant,
                       "about": c.about, "kind": "report", "share_of": c.share_of,
                       "evidence": {"start": at, "end": at + len(c.words)}})
    return {
        "event_type": ev.event_type, "sub_event_type": ev.sub_type, "tags": [],
        "date": {"start": ev.day, "end": ev.end or ev.day, "precision": ev.precision},
        "location": location, "actors": [{"name": "Unidentified Armed Group (DR Congo)", "role": "actor1",
                                          "kind": "rebel_group"}],
        "fatalities": {"best": ev.best, "low": ev.low, "high": ev.high, "disputed": ev.disputed, "claims": claims},
        "injuries": {"best": None, "low": None, "high": None, "disputed": False, "claims": []},
        "evidence": [{"start": start, "end": start + len(ev.sentence), "text": ev.sentence, "supports": "trigger"}],
        "reported_by": {"source": None, "via": None, "kind": "report"},
        "background": ev.background, "confidence": 0.8, "trigger": "clash",
    }


def article(article_id: str, events: list[Ev], *, source: str | None = "Radio Okapi", published: str = "2026-03-11",
            title: str | None = None, url: str | None = None, lead: str = "") -> dict[str, Any]:
    text = " ".join([lead, *(e.sentence for e in events)]).strip()
    return {
        "article": {"id": article_id, "published": published, "source": source, "title": title or article_id,
                    "url": url if url is not None else f"https://news.example/{article_id}", "anchor_date": published,
                    "text": text, "content_hash": content_hash(text), "language": "en",
                    "origin": f"{article_id}.txt", "extra": None},
        "events": [_event(text, e) for e in events],
        "places": [],
    }


def write(db: Database, documents: list[dict[str, Any]]) -> None:
    results = DocumentWriter(db).write_batch(documents)
    if not all(r.outcome == "new" for r in results):
        raise RuntimeError(f"documents not stored: {results}")
