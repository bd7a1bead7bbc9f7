"""A small TopoJSON decoder: the shipped outline layer's arcs → polygons in longitude/latitude.

TopoJSON (https://github.com/topojson/topojson-specification) stores each shared border once as an
*arc*; a polygon ring lists the arcs it follows (``~i`` = arc ``i`` reversed). A quantized topology
(one with a ``transform``) stores each arc as integer deltas from the previous point. Only what a
static map needs is decoded: Polygon and MultiPolygon geometries of one object, with their names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eventledger.errors import DataFileError

Ring = NDArray[np.float64]  # (n, 2): longitude, latitude
BBox = tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class Shape:
    """One polygon (outer ring first, then holes) of a named feature, with its bounding box."""

    name: str
    rings: tuple[Ring, ...]
    bbox: BBox

    def meets(self, box: BBox) -> bool:
        west, south, east, north = box
        return not (self.bbox[2] < west or self.bbox[0] > east or self.bbox[3] < south or self.bbox[1] > north)


def decode_arcs(topology: Mapping[str, Any]) -> list[Ring]:
    """Every arc as absolute coordinates (delta-decoded and scaled when the topology is quantized)."""
    transform = topology.get("transform")
    scale = np.asarray(transform["scale"], dtype=np.float64) if transform else None
    translate = np.asarray(transform["translate"], dtype=np.float64) if transform else None
    out: list[Ring] = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=np.float64).reshape(-1, len(arc[0]) if arc else 2)[:, :2]
        if scale is not None and translate is not None:
            points = np.cumsum(points, axis=0) * scale + translate
        out.append(points)
    return out


def ring_of(indices: Sequence[int], arcs: Sequence[Ring]) -> Ring:
    """The closed ring that follows ``indices`` (each arc's first point repeats the previous arc's last)."""
    parts: list[Ring] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if not parts else arc[1:])
    if not parts:
        return np.empty((0, 2), dtype=np.float64)
    return np.concatenate(parts)


def _shape(name: str, rings: list[Ring]) -> Shape | None:
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return None
    outer = rings[0]
    bbox = (float(outer[:, 0].min()), float(outer[:, 1].min()), float(outer[:, 0].max()), float(outer[:, 1].max()))
    return Shape(name, tuple(rings), bbox)


def decode_shapes(topology: Mapping[str, Any], object_name: str) -> list[Shape]:
    """The polygons of ``topology.objects[object_name]``: one ``Shape`` per polygon of each geometry."""
    try:
        geometries = topology["objects"][object_name]["geometries"]
        arcs = decode_arcs(topology)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise DataFileError(f"not a TopoJSON topology with an object {object_name!r}: {exc}") from exc
    shapes: list[Shape] = []
    for geometry in geometries:
        kind = geometry.get("type")
        name = str((geometry.get("properties") or {}).get("name") or geometry.get("id") or "")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue  # points, lines and empty geometries draw nothing on an outline map
        try:
            for polygon in polygons:
                shape = _shape(name, [ring_of(ring, arcs) for ring in polygon])
                if shape is not None:
                    shapes.append(shape)
        except (IndexError, TypeError) as exc:
            raise DataFileError(f"TopoJSON geometry {name!r} refers to a missing arc: {exc}") from exc
    return shapes
