"""The static map of the period's units: the outline layer zoomed to the units' extent with a margin,
one marker per unit coloured by event type and sized by its best fatality figure (squares for units
placed only to a province or country), the places with the most deaths (then units) labelled.
Imports matplotlib: loaded only when a map is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.patheffects import withStroke
from matplotlib.text import Annotation

from eventledger.report.figures import new_figure, png_bytes
from eventledger.report.outlines import ATTRIBUTION, Outlines
from eventledger.report.palette import Palette
from eventledger.report.places import PlaceRow, places
from eventledger.report.topojson import BBox, Shape
from eventledger.report.units import Unit

WIDTH_PX, HEIGHT_PX = 1000, 640
MIN_SPAN_DEG = 4.0  # a single place is shown with its surroundings, not as a dot on an empty square
MARGIN = 0.15  # of the events' extent, on each side
MIN_MARGIN_DEG = 0.5
SEA, LAND, BORDER = "#dde8f0", "#f4f1ea", "#7c8a99"
COARSE_PRECISIONS = ("admin1", "country")


def extent(lons: Sequence[float], lats: Sequence[float], aspect: float) -> BBox:
    """The points' box with a margin, at least ``MIN_SPAN_DEG`` across, widened to ``aspect`` (width/height
    on the map, where a degree of longitude is cos(latitude) of a degree of latitude)."""
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x = max(MIN_MARGIN_DEG, MARGIN * (east - west))
    pad_y = max(MIN_MARGIN_DEG, MARGIN * (north - south))
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    mid_lat = (south + north) / 2
    shrink = max(math.cos(math.radians(mid_lat)), 0.2)
    width, height = max(east - west, MIN_SPAN_DEG) * shrink, max(north - south, MIN_SPAN_DEG)
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    cx, cy = (west + east) / 2, (south + north) / 2
    half_lon, half_lat = width / shrink / 2, height / 2
    cy = min(max(cy, -85 + half_lat), 85 - half_lat) if half_lat < 85 else 0.0
    return (cx - half_lon, cy - half_lat, cx + half_lon, cy + half_lat)


def marker_size(deaths: int) -> float:
    """Marker area (points²): grows with the square root of the deaths so one massacre does not hide the rest."""
    return min(40.0 + 70.0 * math.sqrt(max(deaths, 0)), 1600.0)


def _draw_outlines(ax: Axes, shapes: Sequence[Shape]) -> None:
    patches = [PathPatch(MplPath.make_compound_path(*(MplPath(ring, closed=False) for ring in shape.rings)))
               for shape in shapes]
    ax.add_collection(PatchCollection(patches, facecolor=LAND, edgecolor=BORDER, linewidth=0.6, zorder=1))


def _centroid(ring: np.ndarray) -> tuple[float, float]:
    x, y = ring[:, 0], ring[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-9:
        return float(x.mean()), float(y.mean())
    return float(((x + np.roll(x, -1)) * cross).sum() / (6 * area)), float(((y + np.roll(y, -1)) * cross).sum()
                                                                          / (6 * area))


def _country_names(ax: Axes, shapes: Sequence[Shape], box: BBox) -> None:
    """Each country's name at the centre of its largest polygon in view, when that polygon is sizeable."""
    west, south, east, north = box
    view_area = (east - west) * (north - south)
    largest: dict[str, Shape] = {}
    for shape in shapes:
        area = (shape.bbox[2] - shape.bbox[0]) * (shape.bbox[3] - shape.bbox[1])
        best = largest.get(shape.name)
        if shape.name and (best is None or area > (best.bbox[2] - best.bbox[0]) * (best.bbox[3] - best.bbox[1])):
            largest[shape.name] = shape
    for name, shape in largest.items():
        x, y = _centroid(shape.rings[0])
        area = (shape.bbox[2] - shape.bbox[0]) * (shape.bbox[3] - shape.bbox[1])
        inside = west + 0.05 * (east - west) < x < east - 0.05 * (east - west) and south < y < north
        if inside and area > 0.02 * view_area:
            ax.text(x, y, name.upper(), fontsize=8, color="#8a8f96", ha="center", va="center", zorder=2,
                    fontstyle="italic")


def _draw_markers(ax: Axes, units: Sequence[Unit], palette: Palette) -> None:
    located = sorted((u for u in units if u.lat is not None and u.lon is not None), key=lambda u: -u.deaths)
    for coarse, marker in ((False, "o"), (True, "s")):
        chosen = [u for u in located if (u.geo_precision in COARSE_PRECISIONS) == coarse]
        if not chosen:
            continue
        colours = [palette.colour(u.event_type) for u in chosen]
        ax.scatter([u.lon or 0.0 for u in chosen], [u.lat or 0.0 for u in chosen],
                   s=[marker_size(u.deaths) for u in chosen], c=colours, marker=marker, alpha=0.85,
                   edgecolors=colours if coarse else "white", linewidths=0.8, zorder=3 if coarse else 4)


def _overlaps(label: Annotation, placed: list[Annotation], figure: Figure) -> bool:
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    box = label.get_window_extent(renderer)
    return any(box.overlaps(other.get_window_extent(renderer)) for other in placed)


def _labels(ax: Axes, figure: Figure, rows: Sequence[PlaceRow], limit: int) -> None:
    """Label up to ``limit`` places, trying four sides of the marker and skipping a label that would
    cover another."""
    placed: list[Annotation] = []
    halo = [withStroke(linewidth=3, foreground="white")]
    for row in rows[:limit]:
        for dx, dy, ha in ((8, 6, "left"), (-8, 6, "right"), (8, -12, "left"), (-8, -12, "right")):
            label = ax.annotate(row.name, (row.lon, row.lat), xytext=(dx, dy), textcoords="offset points",
                                fontsize=9, fontweight="bold", ha=ha, color="#222222", zorder=5, path_effects=halo)
            if not _overlaps(label, placed, figure):
                placed.append(label)
                break
            label.remove()


def _legend(ax: Axes, units: Sequence[Unit], palette: Palette) -> None:
    types = palette.order({u.event_type for u in units if u.lat is not None and u.lon is not None})
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=palette.colour(t),
                      markeredgecolor="white", label=t) for t in types]
    most = max((u.deaths for u in units if u.lat is not None), default=0)
    steps = [1] + [n for n in (10, 100, 1000) if n < most] + ([most] if most > 1 else [])
    for deaths in steps:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=math.sqrt(marker_size(deaths)),
                              markerfacecolor="#bbbbbb", markeredgecolor="white",
                              label=f"{deaths} death{'s' if deaths > 1 else ''}"))
    if any(u.geo_precision in COARSE_PRECISIONS for u in units if u.lat is not None):
        handles.append(Line2D([], [], marker="s", linestyle="", markersize=8, markerfacecolor="#bbbbbb",
                              markeredgecolor="#bbbbbb", label="placed to province/country"))
    ax.legend(handles=handles, loc="best", fontsize=8, framealpha=0.9, borderpad=0.6, labelspacing=0.8)


def draw_map(units: Sequence[Unit], outlines: Outlines, palette: Palette, labels: int) -> bytes | None:
    """The map as PNG bytes, or ``None`` when no unit has coordinates."""
    located = [u for u in units if u.lat is not None and u.lon is not None]
    if not located:
        return None
    figure = new_figure(WIDTH_PX, HEIGHT_PX)
    ax = figure.add_axes((0, 0, 1, 1))
    box = extent([u.lon for u in located if u.lon is not None], [u.lat for u in located if u.lat is not None],
                 WIDTH_PX / HEIGHT_PX)
    ax.set_facecolor(SEA)
    shapes = outlines.shapes_in(box)
    _draw_outlines(ax, shapes)
    _country_names(ax, shapes, box)
    _draw_markers(ax, located, palette)
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    ax.set_aspect(1 / max(math.cos(math.radians((box[1] + box[3]) / 2)), 0.2), adjustable="datalim")
    ax.set_xticks([])
    ax.set_yticks([])
    _labels(ax, figure, places(located), labels)
    _legend(ax, located, palette)
    if outlines.available:
        ax.text(0.995, 0.005, ATTRIBUTION, transform=ax.transAxes, fontsize=6.5, color="#555555", ha="right",
                va="bottom", zorder=6)
    return png_bytes(figure)
