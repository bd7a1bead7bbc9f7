"""``Place``: one gazetteer entry, whatever its source (GeoNames, curated admin areas, countries)."""

from __future__ import annotations

from dataclasses import dataclass

# The contract's feature classes and the geo_precision each implies.
FEATURES = ("city", "admin1", "admin2", "country", "site", "region", "other")
PRECISION_OF_FEATURE = {"city": "point", "site": "point", "other": "point", "admin2": "admin2",
                        "admin1": "admin1", "country": "country", "region": "admin1"}


@dataclass(frozen=True)
class Place:
    """A resolvable place with WGS84 coordinates (a point, or an area's centroid).

    ``key`` is unique in the gazetteer (``gn:1167528``, ``adm:PK:Chagai``, ``cc:PK``);
    ``geonameid`` is set only when the entry is a GeoNames feature. ``admin1``/``admin2`` are
    names, not codes, so they can go straight into exports. ``capital`` is the point of a
    province's capital (curated provinces), where an event known only to the province is
    coded (ACLED's convention); ``lat``/``lon`` stay the area's centroid.
    """

    key: str
    name: str
    lat: float
    lon: float
    country_code: str
    feature: str
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    source: str = "geonames"
    capital: tuple[float, float] | None = None

    @property
    def geo_precision(self) -> str:
        return PRECISION_OF_FEATURE.get(self.feature, "unknown")
