"""Serialise events to the extraction contract's JSON (contract/README.md, v1).

Field names here are the contract's; the project may add fields but never renames or drops one.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from eventledger.extract.claims import figures
from eventledger.extract.event import Claim, Event
from eventledger.ingest.article import Article
from eventledger.nlp.mentions import PlaceMention


def _claim(c: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {"value_low": c.value_low, "value_high": c.value_high, "value_text": c.value_text,
                           "claimant": c.claimant, "about": c.about,
                           "evidence": {"start": c.start, "end": c.end}, "kind": c.kind}
    if c.qualifier:
        out["qualifier"] = c.qualifier
    if c.share_of is not None:
        out["share_of"] = c.share_of
    return out


def _figures(claims: list[Claim]) -> dict[str, Any]:
    f = figures(claims)
    return {"best": f.best, "low": f.low, "high": f.high, "disputed": f.disputed,
            "claims": [_claim(c) for c in claims]}


def event_json(ev: Event, text: str, source: str | None) -> dict[str, Any]:
    place = ev.location.place
    location: dict[str, Any] = {
        "name": place.name if place else ev.location.name,
        "lat": round(place.lat, 5) if place else None,
        "lon": round(place.lon, 5) if place else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "geo_precision": ev.location.geo_precision,
        "geonameid": place.geonameid if place else None,
        "basis": ev.location.basis,
    }
    if ev.location.start is not None:
        location["evidence"] = {"start": ev.location.start, "end": ev.location.end}
    date: dict[str, Any] = {
        "start": ev.date.first_day.isoformat() if ev.date.first_day else None,
        "end": ev.date.last_day.isoformat() if ev.date.last_day else None,
        "precision": ev.date.precision,
    }
    if ev.date.start is not None:
        date["evidence"] = {"start": ev.date.start, "end": ev.date.end, "text": ev.date.text}
    return {
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "tags": list(ev.tags),
        "date": date,
        "location": location,
        "actors": [{"name": a.name, "role": a.role, "kind": a.kind}
                   | ({"evidence": {"start": a.start, "end": a.end}} if a.start is not None else {})
                   for a in ev.actors],
        "fatalities": _figures(ev.fatality_claims),
        "injuries": _figures(ev.injury_claims),
        "evidence": [{"start": s.start, "end": s.end, "text": text[s.start:s.end], "supports": s.supports}
                     for s in ev.evidence],
        "reported_by": {"source": source, "via": ev.via, "kind": ev.reported_by_kind},
        "background": ev.background,
        "confidence": round(ev.confidence, 3),
        "trigger": ev.trigger,
    }


def place_json(m: PlaceMention) -> dict[str, Any]:
    p = m.place
    return {"start": m.start, "end": m.end, "text": m.text,
            "name": p.name if p else None,
            "lat": round(p.lat, 5) if p else None, "lon": round(p.lon, 5) if p else None,
            "geonameid": p.geonameid if p else None,
            "country_code": p.country_code if p else None,
            "feature": m.feature}


def article_document(article: Article, doc: Doc, events: list[Event]) -> dict[str, Any]:
    dateline = doc._.dateline
    source = article.source or (dateline.agency if dateline else None)
    return {
        "article": {"id": article.id,
                    "published": article.published.isoformat() if article.published else None,
                    "source": source, "title": article.title, "url": article.url,
                    "anchor_date": doc._.anchor_date.isoformat() if doc._.anchor_date else None},
        "events": [event_json(ev, article.text, source) for ev in events],
        "places": [place_json(m) for m in (doc._.places or [])],
    }
