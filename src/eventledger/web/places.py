"""Place search for the review form (``/api/places?q=``), behind a small interface.

``LedgerPlaceSearch`` looks through the places already resolved in stored articles (the ``places``
table: names with coordinates and GeoNames ids), so it needs nothing beyond the ledger; a
gazetteer-backed search can be passed in instead. Tests use ``StaticPlaceSearch``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select

from eventledger.store import Database, schema


@dataclass(frozen=True)
class PlaceHit:
    name: str
    lat: float
    lon: float
    country_code: str | None
    geonameid: int | None
    feature: str | None

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


class StaticPlaceSearch:
    """An in-memory double: prefix match over a fixed list."""

    def __init__(self, places: list[PlaceHit]) -> None:
        self.places = places

    def search(self, query: str, limit: int = 10) -> list[PlaceHit]:
        wanted = query.strip().lower()
        return [p for p in self.places if wanted and p.name.lower().startswith(wanted)][:limit]
