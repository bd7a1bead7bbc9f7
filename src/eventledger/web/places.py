"""Place search for the review form (``/api/places?q=``), behind a small interface.

``LedgerPlaceSearch`` looks through the places already resolved in stored articles (the ``places``
table: names with coordinates and GeoNames ids), so it needs nothing beyond the ledger.
``GazetteerPlaceSearch`` adds the offline gazetteer (every GeoNames town and the curated admin
areas: exact names and alternate names, then misspellings), opened on first use because loading it
imports the NLP stack. Tests use ``StaticPlaceSearch``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select

from eventledger.errors import EventLedgerError
from eventledger.store import Database, schema

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlaceHit:
    name: str
    lat: float
    lon: float
    country_code: str | None
    geonameid: int | None
    feature: str | None
    admin1: str | None = None
    admin2: str | None = None

    @property
    def geo_precision(self) -> str:
        return {"admin1": "admin1", "region": "admin1", "admin2": "admin2", "country": "country"}.get(
            self.feature or "", "point")


class PlaceSearch(Protocol):
    def search(self, query: str, limit: int = 10) -> list[PlaceHit]: ...


class LedgerPlaceSearch:
    def __init__(self, db: Database) -> None:
        self.db = db

    def search(self, query: str, limit: int = 10) -> list[PlaceHit]:
        wanted = query.strip().lower()
        if len(wanted) < 2:
            return []
        pl = schema.places
        n = func.count().label("n")
        stmt = (select(pl.c.name, pl.c.lat, pl.c.lon, pl.c.country_code, pl.c.geonameid, pl.c.feature, n)
                .where(pl.c.lat.is_not(None), pl.c.lon.is_not(None), pl.c.name.is_not(None),
                       func.lower(pl.c.name).startswith(wanted, autoescape=True))
                .group_by(pl.c.name, pl.c.lat, pl.c.lon, pl.c.country_code, pl.c.geonameid, pl.c.feature)
                .order_by(n.desc(), pl.c.name).limit(limit))
        with self.db.read() as conn:
            return [PlaceHit(r.name, float(r.lat), float(r.lon), r.country_code, r.geonameid, r.feature)
                    for r in conn.execute(stmt)]


class GazetteerPlaceSearch:
    """The ledger's own places first (names analysts already see), then the gazetteer's entries for
    the name (most populous first), then its near misses."""

    def __init__(self, open_gazetteer: Callable[[], Any], ledger: PlaceSearch) -> None:
        self._open = open_gazetteer
        self._ledger = ledger
        self._gazetteer: Any = None
        self._failed = False
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Open the gazetteer now (a server calls this in the background at start)."""
        self._get()

    def _get(self) -> Any:
        with self._lock:
            if self._gazetteer is None and not self._failed:
                try:
                    self._gazetteer = self._open()
                except EventLedgerError as exc:
                    log.warning("place search without the gazetteer: %s", exc)
                    self._failed = True
            return self._gazetteer

    def search(self, query: str, limit: int = 10) -> list[PlaceHit]:
        hits = self._ledger.search(query, limit)
        gazetteer = self._get() if len(query.strip()) >= 2 else None
        if gazetteer is not None:
            places = sorted(gazetteer.candidates(query), key=lambda p: -p.population)
            if not places:
                places = [p for p, _ in gazetteer.fuzzy(query, limit=limit)]
            hits += [PlaceHit(p.name, p.lat, p.lon, p.country_code, p.geonameid, p.feature, p.admin1, p.admin2)
                     for p in places]
        seen: set[tuple[str, float, float]] = set()
        out: list[PlaceHit] = []
        for hit in hits:
            key = (hit.name.lower(), round(hit.lat, 2), round(hit.lon, 2))
            if key not in seen:
                seen.add(key)
                out.append(hit)
        return out[:limit]


class StaticPlaceSearch:
    """An in-memory double: prefix match over a fixed list."""

    def __init__(self, places: list[PlaceHit]) -> None:
        self.places = places

    def search(self, query: str, limit: int = 10) -> list[PlaceHit]:
        wanted = query.strip().lower()
        return [p for p in self.places if wanted and p.name.lower().startswith(wanted)][:limit]
