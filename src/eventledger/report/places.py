"""The places of a report's map: located incidents grouped by place name and position, for the labels
on the map and the table under it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventledger.report.units import Unit


@dataclass(frozen=True)
class PlaceRow:
    """A place on the map: how many units there, their deaths, where."""

    name: str
    admin1: str | None
    country_code: str | None
    units: int
    deaths: int
    lon: float
    lat: float
    event_types: tuple[str, ...]


def places(units: Sequence[Unit]) -> list[PlaceRow]:
    """The located units grouped by place name and position, most deaths (then units) first."""
    groups: dict[tuple[str, float, float], list[Unit]] = {}
    for unit in units:
        if unit.lat is not None and unit.lon is not None:
            groups.setdefault((unit.place, round(unit.lat, 3), round(unit.lon, 3)), []).append(unit)
    rows = [PlaceRow(name, members[0].admin1, members[0].country_code, len(members), sum(u.deaths for u in members),
                     lon, lat, tuple(dict.fromkeys(u.event_type for u in members)))
            for (name, lat, lon), members in groups.items()]
    return sorted(rows, key=lambda r: (-r.deaths, -r.units, r.name))
