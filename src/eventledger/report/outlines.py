"""The outline layer under the report's map: the web app's vendored Natural Earth country outlines.

``make vendor`` installs npm's ``world-atlas`` ``countries-50m.json`` into ``web/static/vendor/``
(the web map draws it in the browser); the report decodes the same file with ``report.topojson``.
``Outlines`` is the interface the map draws from; ``TopoJsonOutlines`` reads the file once per
instance (the web app keeps one instance), ``MemoryOutlines`` is the test double.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path
from typing import Protocol

from eventledger.errors import DataFileError
from eventledger.report.topojson import BBox, Shape, decode_shapes

log = logging.getLogger(__name__)
VENDORED = ("web", "static", "vendor", "countries-50m.json")
OBJECT = "countries"
ATTRIBUTION = "Country outlines: Natural Earth (public domain), via world-atlas"


class Outlines(Protocol):
    def shapes_in(self, box: BBox) -> list[Shape]:
        """The polygons that meet ``box`` (west, south, east, north)."""
        ...

    @property
    def available(self) -> bool:
        """False when the layer could not be read (the map is then drawn without outlines)."""
        ...


def vendored_path() -> Path:
    return Path(str(resources.files("eventledger").joinpath(*VENDORED)))


class TopoJsonOutlines:
    """A TopoJSON file's polygons, decoded on first use and kept for the instance's life."""

    def __init__(self, path: Path | None = None, object_name: str = OBJECT) -> None:
        self.path = path or vendored_path()
        self.object_name = object_name
        self._shapes: list[Shape] | None = None

    def _load(self) -> list[Shape]:
        if self._shapes is None:
            try:
                topology = json.loads(self.path.read_text(encoding="utf-8"))
                self._shapes = decode_shapes(topology, self.object_name)
            except FileNotFoundError:
                log.warning("outline layer %s missing (run 'make vendor'): report maps show no outlines", self.path)
                self._shapes = []
            except (OSError, json.JSONDecodeError, DataFileError) as exc:
                log.warning("outline layer %s unreadable (%s): report maps show no outlines", self.path, exc)
                self._shapes = []
        return self._shapes

    @property
    def available(self) -> bool:
        return bool(self._load())

    def shapes_in(self, box: BBox) -> list[Shape]:
        return [s for s in self._load() if s.meets(box)]


class MemoryOutlines:
    """``Outlines`` over shapes given in memory (tests)."""

    def __init__(self, shapes: list[Shape]) -> None:
        self.shapes = shapes

    @property
    def available(self) -> bool:
        return bool(self.shapes)

    def shapes_in(self, box: BBox) -> list[Shape]:
        return [s for s in self.shapes if s.meets(box)]
