"""The timeline chart: stacked bars of ``timeline.Series`` (imports matplotlib: loaded only when drawn)."""

from __future__ import annotations

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.ticker import MaxNLocator

from eventledger.report.figures import new_figure, png_bytes
from eventledger.report.palette import Palette
from eventledger.report.timeline import Series, next_bucket

WIDTH_PX, HEIGHT_PX = 1000, 340


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
