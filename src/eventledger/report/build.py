"""``build_report``: the database → a ``SituationReport`` (every figure, list and chart of one report).

Reading happens in one transaction (one snapshot: counts, lists and charts agree). Charts are drawn
after the read, from the units, so a slow render never holds the database.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eventledger.report import counts
from eventledger.report.counts import CountRow
from eventledger.report.disputes import DisputedFigure, disputed_figures
from eventledger.report.outlines import Outlines, TopoJsonOutlines
from eventledger.report.palette import Palette
from eventledger.report.period import Period
from eventledger.report.places import PlaceRow, places
from eventledger.report.reads import (
    OutletRow,
    claims_by_event,
    evidence_quotes,
    member_reports,
    outlets,
)
from eventledger.report.severity import SevereIncident, most_severe, severe_incidents
from eventledger.report.timeline import Series, series
from eventledger.report.units import Coverage, Unit, coverage, load_units
from eventledger.settings import Settings
from eventledger.store import Database, EventFilter

log = logging.getLogger(__name__)
SEVERE_CANDIDATES = 4


@dataclass
class SituationReport:
    period: Period
    previous: Period
    filters: list[tuple[str, str]]  # (label, value) of each filter set, for the report's header
    generated_at: datetime
    total: CountRow
    by_type: list[CountRow]
    by_admin1: list[CountRow]
    units: list[Unit]
    places: list[PlaceRow]
    timeline: Series
    severe: list[SevereIncident]
    disputed: list[DisputedFigure]
    disputed_more: int  # entries left out beyond ``report_max_disputed``
    outlets: list[OutletRow]
    coverage: Coverage
    map_png: bytes | None = None
    timeline_png: bytes | None = None
    timings: dict[str, float] = field(default_factory=dict)


class ReportBuilder:
    """Builds reports on one database; keeps the palette and the decoded outline layer between reports."""

    def __init__(self, db: Database, settings: Settings, outlines: Outlines | None = None,
                 palette: Palette | None = None) -> None:
        self.db = db
        self.settings = settings
        layer = Path(settings.report_outlines) if settings.report_outlines else None
        self.outlines = outlines or TopoJsonOutlines(layer)
        self.palette = palette or Palette.load()

    def build(self, period: Period, flt: EventFilter | None = None, charts: bool = True) -> SituationReport:
        flt = flt or EventFilter()
        started = time.perf_counter()
        report = self._read(period, flt)
        report.timings["read_s"] = time.perf_counter() - started
        if charts:
            # matplotlib is imported here, not at start-up: the CLI and the web app load it only for a report.
            from eventledger.report.mapchart import draw_map
            from eventledger.report.timeline_chart import draw_timeline

            drawn = time.perf_counter()
            report.map_png = draw_map(report.units, self.outlines, self.palette, self.settings.report_map_labels)
            report.timeline_png = draw_timeline(report.timeline, self.palette)
            report.timings["charts_s"] = time.perf_counter() - drawn
        return report

    def _read(self, period: Period, flt: EventFilter) -> SituationReport:
        s = self.settings
        previous = period.previous()
        with self.db.read() as conn:
            units = load_units(conn, flt, period)
            before = load_units(conn, flt, previous)
            # More candidates than entries: places told in one sentence merge into one entry.
            severe_units = most_severe(units, s.report_top_incidents * SEVERE_CANDIDATES)
            disputed_units = [u for u in units if u.fatalities_disputed or u.injuries_disputed]
            members = member_reports(conn, severe_units + disputed_units)
            quotes = evidence_quotes(conn, [m.event_id for u in severe_units for m in members.get(u.key, [])],
                                     s.report_quote_chars)
            claims = claims_by_event(conn, [m.event_id for u in disputed_units for m in members.get(u.key, [])])
            sources = outlets(conn, flt, period)
            cover = coverage(conn, flt, period, units)
        disputed = disputed_figures(disputed_units, members, claims)
        with_country = counts.several_countries(units + before)
        return SituationReport(
            period=period, previous=previous, filters=describe_filter(flt), generated_at=datetime.now(UTC),
            total=counts.total(units, before), by_type=counts.count_by(units, before, counts.by_type),
            by_admin1=counts.count_by(units, before, counts.admin1_key(with_country)), units=units,
            places=places(units), timeline=series(units, period, self.palette),
            severe=severe_incidents(severe_units, members, quotes, s.report_top_incidents),
            disputed=disputed[:s.report_max_disputed],
            disputed_more=max(0, len(disputed) - s.report_max_disputed), outlets=sources, coverage=cover)


FILTER_LABELS = (("country", "Country"), ("admin1", "Province/state"), ("event_type", "Event type"),
                 ("actor", "Actor"), ("place", "Place"), ("text", "Text"))


def describe_filter(flt: EventFilter) -> list[tuple[str, str]]:
    """The filters set, as (label, value) pairs for the report's header."""
    out = [(label, str(getattr(flt, name))) for name, label in FILTER_LABELS if getattr(flt, name, None)]
    if flt.status:
        out.append(("Review status", ", ".join(flt.status)))
    return out
