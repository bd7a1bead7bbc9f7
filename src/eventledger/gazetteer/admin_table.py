"""The curated admin-area table ``data/admin_areas.csv``: districts, provinces, sites, regions.

No packaged GeoNames extract has Pakistan's districts or sites such as Reko Diq, so a checked
table fills the gap for the focus countries. Schema (header row, in this order):

``key, name, aliases, level, country_code, parent, lat, lon, source, note, hq``

- ``key``: unique, ``CC:Name`` by convention; the gazetteer key becomes ``adm:<key>``.
- ``aliases``: other spellings, ``|``-separated ("Chaghi|Chagai District").
- ``level``: ``country``, ``admin1``, ``admin2``, ``site`` or ``region``.
- ``country_code``: ISO 3166-1 alpha-2; empty only for a region spanning countries ("Sahel").
- ``parent``: the admin1 name an admin2/site lies in (empty for admin1/regions).
- ``lat``/``lon``: a centroid accurate to ~20 km, or both empty: then the centroid is taken at
  build time from the GeoNames town named in ``hq`` (default: the area's own name) in the same
  country, so numbers are referenced rather than copied.
- ``hq``: the headquarters town (default: the area's own name). For an ``admin1`` row it names
  the provincial capital, whose GeoNames point becomes ``Place.capital`` (where events known
  only to the province are coded); the centroid stays ``lat``/``lon``.

``data/admin_districts.csv`` (``load_district_areas``) has the same columns and holds complete
official lists of second-level areas for the countries conflict reporting covers most.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventledger.errors import DataFileError

COLUMNS = ("key", "name", "aliases", "level", "country_code", "parent", "lat", "lon", "source", "note", "hq")
LEVELS = frozenset({"country", "admin1", "admin2", "site", "region"})
_CC = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class AdminArea:
    """One checked row of the admin-area table."""

    key: str
    name: str
    aliases: tuple[str, ...]
    level: str
    country_code: str
    parent: str | None
    lat: float | None
    lon: float | None
    source: str
    note: str
    hq: str

    @property
    def has_centroid(self) -> bool:
        return self.lat is not None and self.lon is not None


def _coordinate(text: str, limit: float, where: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError as exc:
        raise DataFileError(f"{where}: not a number: {text!r}") from exc
    if not -limit <= value <= limit:
        raise DataFileError(f"{where}: {value} out of range")
    return value


def _row(raw: dict[str, str], where: str) -> AdminArea:
    values = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    if not values["key"] or not values["name"]:
        raise DataFileError(f"{where}: key and name are required")
    if values["level"] not in LEVELS:
        raise DataFileError(f"{where}: level {values['level']!r} is not one of {sorted(LEVELS)}")
    spans_countries = values["level"] == "region" and not values["country_code"]
    if not _CC.match(values["country_code"]) and not spans_countries:
        raise DataFileError(f"{where}: country_code {values['country_code']!r} is not ISO 3166-1 alpha-2")
    if not values["source"]:
        raise DataFileError(f"{where}: source is required")
    lat = _coordinate(values["lat"], 90.0, f"{where} lat")
    lon = _coordinate(values["lon"], 180.0, f"{where} lon")
    if (lat is None) != (lon is None):
        raise DataFileError(f"{where}: give both lat and lon, or neither")
    aliases = tuple(a.strip() for a in values["aliases"].split("|") if a.strip())
    return AdminArea(values["key"], values["name"], aliases, values["level"], values["country_code"],
                     values["parent"] or None, lat, lon, values["source"], values["note"],
                     values["hq"] or values["name"])


DISTRICT_TABLE = "admin_districts.csv"


def load_admin_areas(path: Path | None = None, resource: str = "admin_areas.csv") -> list[AdminArea]:
    """Read and check the table (the packaged ``resource`` by default); raise ``DataFileError``
    on any fault."""
    if path is None:
        text = resources.files("eventledger.data").joinpath(resource).read_text(encoding="utf-8")
        name = resource
    else:
        text, name = Path(path).read_text(encoding="utf-8"), str(path)
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise DataFileError(f"{name}: header must be {','.join(COLUMNS)}, got {reader.fieldnames}")
    rows: list[AdminArea] = []
    seen: set[str] = set()
    for i, raw in enumerate(reader, start=2):
        row = _row(raw, f"{name}:{i}")
        if row.key in seen:
            raise DataFileError(f"{name}:{i}: duplicate key {row.key!r}")
        seen.add(row.key)
        rows.append(row)
    return rows


def load_district_areas(path: Path | None = None) -> list[AdminArea]:
    """``data/admin_districts.csv``: complete official lists of second-level areas (Afghan
    districts, Nigerian LGAs, Iraqi qadhas...) in the admin-area schema. Only ``admin2`` rows,
    each with its province (``parent``); checked like the curated table."""
    rows = load_admin_areas(path, DISTRICT_TABLE)
    name = str(path) if path is not None else DISTRICT_TABLE
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        if row.level != "admin2" or not row.parent:
            raise DataFileError(f"{name}: {row.key!r} must be an admin2 row with a parent province")
        ident = (row.country_code, row.parent.casefold(), row.name.casefold())
        if ident in seen:
            raise DataFileError(f"{name}: {row.name!r} listed twice in {row.parent!r}")
        seen.add(ident)
    return rows


ALIAS_COLUMNS = ("country_code", "feature", "name", "aliases", "note")


def load_place_aliases() -> dict[tuple[str, str, str], tuple[str, ...]]:
    """``data/place_aliases.csv``: other names for entries the sources already have, keyed by
    ``(country_code, feature, name)`` ("W.Va." for West Virginia)."""
    text = resources.files("eventledger.data").joinpath("place_aliases.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != ALIAS_COLUMNS:
        raise DataFileError(f"place_aliases.csv: header must be {','.join(ALIAS_COLUMNS)}, "
                            f"got {reader.fieldnames}")
    out: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for i, row in enumerate(reader, start=2):
        cc, feature, name = (row.get(k) or "" for k in ALIAS_COLUMNS[:3])
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        if not _CC.match(cc) or feature not in LEVELS | {"city"} or not name or not aliases:
            raise DataFileError(f"place_aliases.csv:{i}: need country_code, feature, name and aliases")
        out[(cc, feature, name)] = aliases
    return out
