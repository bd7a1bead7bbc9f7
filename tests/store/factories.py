"""Hand-written stored documents (contract shape + text and hash) for store and export tests."""

from __future__ import annotations

import copy
from typing import Any

from eventledger.ingest.article import content_hash

TEXT = ("MAIDUGURI, Nigeria, April 8, 2025 (AFP) - Suspected jihadists stormed the village of Kawuri "
        "on Monday night, killing at least nine farmers and abducting a schoolteacher, Musa Ibrahim, "
        "local officials said. The army said six people died.")


def span(text: str, needle: str) -> dict[str, int]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle)}


def make_document(article_id: str = "art-1", text: str = TEXT, url: str | None = "https://news.example/kawuri",
                  **event_overrides: Any) -> dict[str, Any]:
    """One article with one attack event: two conflicting claims, a named victim, evidence spans."""
    sentence = text.split(". ")[0] + "."
    event: dict[str, Any] = {
        "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "tags": ["mass_casualty"],
        "date": {"start": "2025-04-07", "end": "2025-04-07", "precision": "day",
                 "evidence": {**span(text, "Monday night"), "text": "Monday night"}},
        "location": {"name": "Kawuri", "lat": 11.95, "lon": 13.6, "country_code": "NG", "admin1": "Borno",
                     "admin2": "Konduga", "geo_precision": "point", "geonameid": 2335204,
                     "evidence": span(text, "Kawuri")},
        "actors": [{"name": "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "role": "actor1", "kind": "rebel_group",
                    "evidence": span(text, "Suspected jihadists")},
                   {"name": "Civilians (Nigeria)", "role": "actor2", "kind": "civilians"},
                   {"name": "Musa Ibrahim", "role": "victim", "kind": "person",
                    "evidence": span(text, "Musa Ibrahim")}],
        "fatalities": {"best": 6, "low": 6, "high": 9, "disputed": True, "claims": [
            {"value_low": 9, "value_high": None, "value_text": "at least nine", "claimant": "local officials",
             "about": "farmers", "evidence": span(text, "at least nine farmers"), "kind": "report"},
            {"value_low": 6, "value_high": None, "value_text": "six", "claimant": "The army", "about": "people",
             "evidence": span(text, "six people"), "kind": "report"}]},
        "injuries": {"best": None, "low": None, "high": None, "disputed": False, "claims": []},
        "evidence": [{**span(text, sentence), "text": sentence, "supports": "trigger"}],
        "reported_by": {"source": "AFP", "via": None, "kind": "report"},
        "background": False, "confidence": 0.81, "trigger": "stormed",
    }
    for key, value in event_overrides.items():
        event[key] = value
    return {
        "article": {"id": article_id, "published": "2025-04-08", "source": "AFP", "title": "Village attacked",
                    "url": url, "anchor_date": "2025-04-08", "text": text, "content_hash": content_hash(text),
                    "language": "en", "origin": f"{article_id}.txt", "extra": None},
        "events": [event],
        "places": [{**span(text, "Kawuri"), "text": "Kawuri", "name": "Kawuri", "lat": 11.95, "lon": 13.6,
                    "geonameid": 2335204, "country_code": "NG", "feature": "city"},
                   {**span(text, "Nigeria"), "text": "Nigeria", "name": None, "lat": None, "lon": None,
                    "geonameid": None, "country_code": None, "feature": "country"}],
    }


def variant(n: int, **event_overrides: Any) -> dict[str, Any]:
    """The ``n``-th distinct article (its own text, hash and URL)."""
    text = f"{TEXT} Update number {n} followed."
    return make_document(f"art-{n}", text, f"https://news.example/kawuri-{n}", **event_overrides)


def with_event(doc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    out["events"][0].update(changes)
    return out


def plain_document(article_id: str, text: str, url: str | None = None) -> dict[str, Any]:
    """An article in which nothing was coded (no events, no places)."""
    return {"article": {"id": article_id, "published": None, "source": None, "title": None, "url": url,
                        "anchor_date": None, "text": text, "content_hash": content_hash(text)},
            "events": [], "places": []}
