"""What a report counts: *units*, one per incident (duplicate reports merged) or per event that no
incident holds yet, so one attack told by three outlets counts once.

A unit is in a period when any of its events matches the filter there: the event's date span
overlaps the period, it is not background (a past event the article mentions as context), and it
is not rejected (unless the filter asks for rejected events). An incident's unit carries the
incident's own fields (type, place, figures derived from all its reports by the claims rules,
docs/resolve.md); an event's unit carries the event's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from eventledger.report.period import Period
from eventledger.store import EventFilter, count_events, schema
from eventledger.store.schema import EVENT_STATUSES

LIVE_STATUSES = tuple(s for s in EVENT_STATUSES if s != "rejected")
UNIT_FIELDS = ("event_type", "sub_event_type", "date_start", "date_end", "date_precision", "location_name", "lat",
               "lon", "country_code", "admin1", "admin2", "geo_precision", "fatalities_best", "fatalities_low",
               "fatalities_high", "fatalities_disputed", "injuries_best", "injuries_low", "injuries_high",
               "injuries_disputed")
COARSE_DATES = ("month", "year", "unknown")
FETCH_ROWS = 1000


@dataclass
class Unit:
    """An incident (``incident_id`` set) or a lone event, with the fields the report shows."""

    incident_id: int | None
    event_ids: list[int]  # its events that match the filter in the period
    event_type: str
    sub_event_type: str
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = "unknown"
    location_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: str = "unknown"
    fatalities_best: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    fatalities_disputed: bool | None = None
    injuries_best: int | None = None
    injuries_low: int | None = None
    injuries_high: int | None = None
    injuries_disputed: bool | None = None
    statuses: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, int]:
        return ("incident", self.incident_id) if self.incident_id is not None else ("event", self.event_ids[0])

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def deaths(self) -> int:
        """The best fatality figure, 0 when none is given (for sums and ranking)."""
        return self.fatalities_best or 0

    @property
    def place(self) -> str:
        return self.location_name or self.admin1 or self.country_code or "unknown place"


def scoped(flt: EventFilter, period: Period) -> EventFilter:
    """``flt`` limited to ``period``, without background, and without rejected events unless asked for."""
    return dataclasses.replace(flt, date_from=period.start, date_to=period.end, include_background=False,
                               status=flt.status or LIVE_STATUSES)


def _unit_query(flt: EventFilter) -> Any:
    ev, inc = schema.events, schema.incidents
    columns = [ev.c.id, ev.c.incident_id, ev.c.status, *(ev.c[f] for f in UNIT_FIELDS),
               *(inc.c[f].label(f"i__{f}") for f in UNIT_FIELDS)]
    return (select(*columns).select_from(ev.outerjoin(inc, inc.c.id == ev.c.incident_id))
            .where(*flt.clauses()).order_by(ev.c.id))


def load_units(conn: Connection, flt: EventFilter, period: Period) -> list[Unit]:
    """The units with an event matching ``flt`` in ``period``, in order of their first event."""
    units: dict[tuple[str, int], Unit] = {}
    result = conn.execution_options(stream_results=True, yield_per=FETCH_ROWS).execute(
        _unit_query(scoped(flt, period)))
    for row in result.mappings():
        units_add(units, row)
    return list(units.values())


def units_add(units: dict[tuple[str, int], Unit], row: Any) -> None:
    incident_id = row["incident_id"]
    key = ("incident", int(incident_id)) if incident_id is not None else ("event", int(row["id"]))
    unit = units.get(key)
    if unit is None:
        prefix = "i__" if incident_id is not None and row["i__event_type"] is not None else ""
        values = {f: row[f"{prefix}{f}"] for f in UNIT_FIELDS}
        values["date_precision"] = values["date_precision"] or "unknown"
        values["geo_precision"] = values["geo_precision"] or "unknown"
        unit = units[key] = Unit(incident_id=incident_id, event_ids=[], **values)
    unit.event_ids.append(int(row["id"]))
    unit.statuses.add(str(row["status"]))


@dataclass(frozen=True)
class Coverage:
    """What the counts leave out or cannot be sure of, for the method note's caveats."""

    background: int  # matching events in the period that are past context, not news
    unlocated: int  # units without coordinates (not on the map)
    coarse_dates: int  # units dated only to a month, a year or not at all
    unreviewed: int  # units none of whose events a reviewer has accepted or edited


def coverage(conn: Connection, flt: EventFilter, period: Period, units: Iterable[Unit]) -> Coverage:
    units = list(units)
    base = scoped(flt, period)
    with_background = dataclasses.replace(base, include_background=True)
    background = count_events(conn, with_background) - count_events(conn, base)
    return Coverage(background=background, unlocated=sum(not u.located for u in units),
                    coarse_dates=sum(u.date_precision in COARSE_DATES for u in units),
                    unreviewed=sum(u.statuses <= {"machine"} for u in units))
