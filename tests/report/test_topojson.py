"""The TopoJSON decoder on a hand-made topology: two unit squares sharing one border arc."""

import numpy as np
import pytest

from eventledger.errors import DataFileError
from eventledger.report.topojson import decode_arcs, decode_shapes

# Quantized: positions are deltas, scaled by 0.5 and shifted by (10, 20).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],  # the shared border x=11, from y=20 up to y=21
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # the west square's other sides: (11,21)→(10,21)→(10,20)→(11,20)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # the east square's other sides: (11,20)→(12,20)→(12,21)→(11,21)
    ],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "West"}},
        {"type": "MultiPolygon", "arcs": [[[2, -1]]], "properties": {"name": "East"}},
        {"type": "Point", "coordinates": [0, 0]},
    ]}},
}


def test_arcs_are_delta_decoded_and_scaled() -> None:
    arcs = decode_arcs(TOPOLOGY)
    assert np.allclose(arcs[0], [[11, 20], [11, 21]])
    assert np.allclose(arcs[1], [[11, 21], [10, 21], [10, 20], [11, 20]])


def test_rings_follow_arcs_forwards_and_reversed() -> None:
    west, east = decode_shapes(TOPOLOGY, "countries")
    assert (west.name, east.name) == ("West", "East")
    assert np.allclose(west.rings[0], [[11, 20], [11, 21], [10, 21], [10, 20], [11, 20]])
    assert np.allclose(east.rings[0], [[11, 20], [12, 20], [12, 21], [11, 21], [11, 20]])  # ~0 runs 21 → 20
    assert west.bbox == (10.0, 20.0, 11.0, 21.0)
    assert west.meets((10.5, 20.5, 30, 30)) and not west.meets((11.5, 20, 30, 30))


def test_unquantized_topologies_and_broken_ones() -> None:
    plain = {"arcs": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
             "objects": {"land": {"geometries": [{"type": "Polygon", "arcs": [[0]]}]}}}
    (shape,) = decode_shapes(plain, "land")
    assert np.allclose(shape.rings[0][2], [1, 1])
    with pytest.raises(DataFileError, match="missing arc"):
        decode_shapes({"arcs": [], "objects": {"land": {"geometries": [{"type": "Polygon", "arcs": [[3]]}]}}},
                      "land")
    with pytest.raises(DataFileError, match="countries"):
        decode_shapes({"arcs": [], "objects": {}}, "countries")
