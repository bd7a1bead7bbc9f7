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

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.ticker import MaxNLocator

from eventledger.report.figures import new_figure, png_bytes
from eventledger.report.palette import Palette
from eventledger.report.period import Period
from eventledger.report.units import Unit

DAY_MAX, WEEK_MAX = 45, 366
WIDTH_PX, HEIGHT_PX = 1000, 340


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


def draw_timeline(data: Series, palette: Palette) -> bytes | None:
    """Stacked bars as PNG bytes, or ``None`` when nothing is dated in the period."""
    if data.total == 0:
        return None
    figure = new_figure(WIDTH_PX, HEIGHT_PX)
    ax = figure.add_subplot()
    x = date2num(data.starts)
    width = {"day": 0.8, "week": 5.6, "month": 24.0}[data.bucket]
    offset = {"day": 0.5, "week": 3.5, "month": 15.0}[data.bucket]  # bars centred on their bucket
    bottom = [0] * len(data.starts)
    for event_type in data.types:
        values = data.counts[event_type]
        ax.bar(x + offset, values, width=width, bottom=bottom, color=palette.colour(event_type), label=event_type,
               edgecolor="white", linewidth=0.4)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    locator = AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(f"incidents per {data.bucket}")
    ax.set_xlim(x[0], date2num(next_bucket(data.starts[-1], data.bucket)))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#e3e3e3", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8, ncols=min(3, len(data.types)), frameon=False)
    figure.tight_layout()
    return png_bytes(figure)
