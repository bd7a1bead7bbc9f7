"""Hand-made reports and stored documents for the duplicate-merging tests (no NLP pipeline)."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventledger.ingest.article import content_hash
from eventledger.resolve import MatchRules, Report, ReportActor
from eventledger.resolve.report import link_siblings, prepare
from eventledger.resolve.text import Vectorizer
from eventledger.settings import Settings

STOP = frozenset({"the", "a", "of", "in", "on", "and", "was", "were", "by", "at", "to"})

# A few places with GeoNames-like ids (coordinates as in GeoNames).
QUETTA = {"location_name": "Quetta", "lat": 30.187, "lon": 67.013, "country_code": "PK", "admin1": "Balochistan",
          "geo_precision": "point", "geonameid": 1167528}
MASTUNG = {"location_name": "Mastung", "lat": 29.800, "lon": 66.846, "country_code": "PK", "admin1": "Balochistan",
           "geo_precision": "point", "geonameid": 1170706}  # ~45 km south of Quetta
TURBAT = {"location_name": "Turbat", "lat": 26.002, "lon": 63.044, "country_code": "PK", "admin1": "Balochistan",
          "geo_precision": "point", "geonameid": 1163054}
BALOCHISTAN = {"location_name": "Balochistan", "lat": 28.5, "lon": 65.5, "country_code": "PK",
               "admin1": "Balochistan", "geo_precision": "admin1", "geonameid": 1183606}
PUNJAB = {"location_name": "Punjab", "lat": 31.0, "lon": 72.5, "country_code": "PK", "admin1": "Punjab",
          "geo_precision": "admin1", "geonameid": 1167710}
KABUL = {"location_name": "Kabul", "lat": 34.528, "lon": 69.172, "country_code": "AF", "admin1": "Kabul",
         "geo_precision": "point", "geonameid": 1138958}


def rules(**settings: Any) -> MatchRules:
    return MatchRules.load(Settings.load(env={}, **settings))


def report(event_id: int = 1, article_id: int = 1, *, sub: str = "Remote explosive/landmine/IED",
           etype: str = "Explosions/Remote violence", family: str = "violent", day: str = "2025-03-11",
           last: str | None = None, precision: str = "day", place: dict[str, Any] | None = None,
           actors: tuple[tuple[str, str, str], ...] = (), text: str = "", fatalities: int | None = None,
           source: str | None = None, match_rules: MatchRules | None = None, **extra: Any) -> Report:
    """A prepared report (content words, specific actors; vectors need ``vectorise``)."""
    place = QUETTA if place is None else place
    r = Report(event_id=event_id, article_id=article_id, family=family, event_type=etype, sub_event_type=sub,
               first_day=date.fromisoformat(day), last_day=date.fromisoformat(last or day),
               date_precision=precision, actors=tuple(ReportActor(n, role, kind) for n, role, kind in actors),
               evidence=text, fatalities=fatalities, source=source, sort_key=(f"{article_id:08d}", event_id),
               **{**place, **extra})
    return prepare(r, match_rules or rules(), STOP)


def vectorise(*reports: Report) -> None:
    """What a resolve step does before scoring: TF-IDF vectors and sibling marks."""
    Vectorizer(reports).fill(reports)
    link_siblings(reports)


def event(*, sub: str = "Remote explosive/landmine/IED", etype: str = "Explosions/Remote violence",
          day: str = "2025-03-11", precision: str = "day", place: dict[str, Any] | None = None,
          actors: tuple[tuple[str, str, str], ...] = (), claims: tuple[dict[str, Any], ...] = (),
          text: str = "", loc_start: int | None = None) -> dict[str, Any]:
    """A contract event (as ``eventledger extract`` prints it) for storing through ``DocumentWriter``."""
    where = dict(QUETTA if place is None else place)
    name = where.pop("location_name")
    low = [c["value_low"] for c in claims if c.get("value_low") is not None]
    location = {"name": name, **where}
    if loc_start is not None and name:
        location["evidence"] = {"start": loc_start, "end": loc_start + len(name)}
    return {
        "event_type": etype, "sub_event_type": sub, "tags": [],
        "date": {"start": day, "end": day, "precision": precision},
        "location": location,
        "actors": [{"name": n, "role": r, "kind": k} for n, r, k in actors],
        "fatalities": {"best": min(low) if low else None, "low": min(low) if low else None,
                       "high": max(low) if low else None, "disputed": len(set(low)) > 1, "claims": list(claims)},
        "injuries": {"best": None, "low": None, "high": None, "disputed": False, "claims": []},
        "evidence": [{"start": 0, "end": len(text), "text": text, "supports": "trigger"}] if text else [],
        "reported_by": {"source": None, "via": None, "kind": "report"},
        "background": False, "confidence": 0.8,
    }


def claim(value: int, text: str, needle: str, claimant: str | None = None) -> dict[str, Any]:
    start = text.index(needle)
    return {"value_low": value, "value_high": None, "value_text": needle, "claimant": claimant, "about": "people",
            "evidence": {"start": start, "end": start + len(needle)}, "kind": "report"}


def document(article_id: str, text: str, events: list[dict[str, Any]], source: str | None = "Wire",
             published: str = "2025-03-12") -> dict[str, Any]:
    """A stored document: the contract document plus the text and content hash the ledger keeps."""
    return {"article": {"id": article_id, "published": published, "source": source, "title": None, "url": None,
                        "anchor_date": published, "text": text, "content_hash": content_hash(text),
                        "language": "en", "origin": f"{article_id}.txt", "extra": None},
            "events": events, "places": []}
