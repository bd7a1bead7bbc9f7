"""Candidate pairs by blocking: a spatial/temporal bucket index, so no event meets all others.

Keys combine a time bucket (``BUCKET_DAYS`` wide) with a place key:
- events with coordinates of town or district precision sit in a grid cell (``CELL_DEG`` degrees)
  and look in the cells their radius can reach;
- every event with a country is also filed under it, where events of province or country
  precision, or with a country but no coordinates, look (their radius can span a country);
- events without any place (the geoparser found none) are filed under ``UNPLACED`` and meet each
  other there; they also meet placed events that share a *rare word* with them (a word few
  articles of the period use: the village's name, the victim's), and only those.
A span covering several time buckets is filed in each (a month-precision event in five), widened
by the allowed day gap, so two reports whose spans are within the gap always share a bucket.
The type family is not part of the key: a few families are compatible (``resolve.toml``), and
the scorer's veto settles the rest cheaply.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from eventledger.resolve.report import Report
from eventledger.resolve.rules import MatchRules

BUCKET_DAYS = 7
CELL_DEG = 0.5
KM_PER_DEG_LAT = 111.2
UNPLACED = "?"
FINE = ("point", "admin2")

Key = tuple[object, ...]
RareWords = Callable[[Report], list[str]]


def _weeks(first: date, last: date, slack: int) -> range:
    lo = (first - timedelta(days=slack)).toordinal() // BUCKET_DAYS
    hi = (last + timedelta(days=slack)).toordinal() // BUCKET_DAYS
    return range(lo, hi + 1)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


def _fine_cell(report: Report) -> tuple[int, int] | None:
    """The grid cell of a town- or district-precision event; ``None`` for coarser or unplaced ones."""
    if report.lat is None or report.lon is None or report.geo_precision not in FINE:
        return None
    return _cell(report.lat, report.lon)


def is_unplaced(report: Report) -> bool:
    return report.country_code is None and (report.lat is None or report.lon is None)


class BucketIndex:
    """Reports filed by week × place (and rare words); ``candidates`` yields each possible partner once."""

    def __init__(self, rules: MatchRules, rare_words: RareWords | None = None) -> None:
        self.rules = rules
        self.rare_words = rare_words or (lambda report: [])
        self._cells: dict[Key, list[Report]] = defaultdict(list)
        self._countries: dict[Key, list[Report]] = defaultdict(list)
        self._words: dict[Key, list[Report]] = defaultdict(list)
        self._reach = self._cells_within(max(rules.radius_km(p) or 0.0 for p in FINE))

    def add(self, report: Report) -> None:
        cell = _fine_cell(report)
        words = self.rare_words(report)
        for week in self._span(report):
            if cell is not None:
                self._cells[(week, *cell)].append(report)
            self._countries[(week, self._country(report))].append(report)
            for word in words:
                self._words[(week, word)].append(report)

    def candidates(self, report: Report) -> Iterator[Report]:
        """Reports sharing a bucket with ``report`` (from other articles), each once."""
        seen = {id(report)}
        for bucket in self._buckets(report):
            for other in bucket:
                if id(other) not in seen and other.article_id != report.article_id:
                    seen.add(id(other))
                    yield other

    def _buckets(self, report: Report) -> Iterator[list[Report]]:
        country = self._country(report)
        cell = _fine_cell(report)
        unplaced = is_unplaced(report)
        words = self.rare_words(report)
        for week in self._span(report):
            if cell is None:
                yield self._countries.get((week, country), [])
            else:
                for dr, dc in self._reach_at(report.lat or 0.0):
                    yield self._cells.get((week, cell[0] + dr, cell[1] + dc), [])
                # Coarse events of the country (province, country, unresolved) can still match.
                yield [r for r in self._countries.get((week, country), []) if _fine_cell(r) is None]
            for word in words:  # unplaced events meet placed ones through rare words, and vice versa
                yield [r for r in self._words.get((week, word), []) if unplaced or is_unplaced(r)]

    def _span(self, report: Report) -> range:
        """Time buckets of the report's span widened by the day gap; undated reports have none."""
        if report.first_day is None or report.last_day is None:
            return range(0)
        return _weeks(report.first_day, report.last_day, self.rules.max_day_gap)

    @staticmethod
    def _country(report: Report) -> str:
        return (report.country_code or UNPLACED).upper()

    @staticmethod
    def _cells_within(radius_km: float) -> int:
        return max(1, math.ceil(radius_km / (CELL_DEG * KM_PER_DEG_LAT)))

    def _reach_at(self, lat: float) -> Iterator[tuple[int, int]]:
        """Cell offsets covering the radius; longitude cells shrink towards the poles."""
        rows = self._reach
        shrink = max(math.cos(math.radians(min(abs(lat) + CELL_DEG, 89.0))), 0.05)
        cols = max(1, math.ceil(rows / shrink))
        for dr in range(-rows, rows + 1):
            for dc in range(-cols, cols + 1):
                yield dr, dc
