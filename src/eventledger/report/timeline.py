"""The timeline chart: units per day, week or month of the period, stacked by event type.

A unit counts in the bucket of its first day, moved into the period when its span began earlier.
Buckets: days for periods up to ``DAY_MAX`` days, ISO weeks (Monday first) up to ``WEEK_MAX``, months
beyond; every bucket of the period is drawn, empty ones too, so the time axis is linear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from eventledger.report.palette import Palette
from eventledger.report.period import Period
from eventledger.report.units import Unit

DAY_MAX, WEEK_MAX = 45, 366


def bucket_for(period: Period) -> str:
    return "day" if period.days <= DAY_MAX else "week" if period.days <= WEEK_MAX else "month"


def bucket_start(day: date, bucket: str) -> date:
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def next_bucket(start: date, bucket: str) -> date:
    if bucket == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7 if bucket == "week" else 1)


@dataclass(frozen=True)
class Series:
    bucket: str
    starts: list[date]
    types: list[str]
    counts: dict[str, list[int]]  # event type → count per bucket, aligned with ``starts``

    @property
    def total(self) -> int:
        return sum(sum(values) for values in self.counts.values())


def series(units: Sequence[Unit], period: Period, palette: Palette) -> Series:
    bucket = bucket_for(period)
    starts = [bucket_start(period.start, bucket)]
    while next_bucket(starts[-1], bucket) <= period.end:
        starts.append(next_bucket(starts[-1], bucket))
    index = {start: i for i, start in enumerate(starts)}
    tally: Counter[tuple[str, int]] = Counter()
    for unit in units:
        if unit.date_start is None:
            continue
        tally[(unit.event_type, index[bucket_start(period.clamp(unit.date_start), bucket)])] += 1
    types = palette.order({t for t, _ in tally})
    counts = {t: [tally[(t, i)] for i in range(len(starts))] for t in types}
    return Series(bucket, starts, types, counts)
