"""Event-type colours for the report's map and timeline, read once from ``data/report.toml``.

The file is checked: every key is an event type of ``data/taxonomy.toml`` (or ``other``) and every
value a ``#rrggbb`` colour, so a typo fails at load instead of silently drawing grey.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from eventledger.errors import DataFileError

REPORT_FILE = "report.toml"
TAXONOMY_FILE = "taxonomy.toml"
OTHER = "other"
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Palette:
    """``colours``: event type → colour, in the taxonomy's order; ``other`` for anything else."""

    colours: dict[str, str]
    other: str

    def colour(self, event_type: str | None) -> str:
        return self.colours.get(event_type or "", self.other)

    def order(self, event_types: set[str]) -> list[str]:
        """``event_types`` in the taxonomy's order, unknown ones last (alphabetically)."""
        known = [t for t in self.colours if t in event_types]
        return known + sorted(event_types - set(known))

    @classmethod
    def load(cls, text: str | None = None) -> Palette:
        """The packaged palette (or ``text``, for tests)."""
        data_dir = resources.files("eventledger.data")
        try:
            raw = tomllib.loads(text if text is not None else data_dir.joinpath(REPORT_FILE).read_text("utf-8"))
            types = list(tomllib.loads(data_dir.joinpath(TAXONOMY_FILE).read_text("utf-8"))["types"])
        except (tomllib.TOMLDecodeError, KeyError) as exc:
            raise DataFileError(f"{REPORT_FILE}: {exc}") from exc
        colours = raw.get("colours")
        if not isinstance(colours, dict):
            raise DataFileError(f"{REPORT_FILE}: missing [colours]")
        for key, value in colours.items():
            if key != OTHER and key not in types:
                raise DataFileError(f"{REPORT_FILE}: {key!r} is not an event type of {TAXONOMY_FILE}")
            if not isinstance(value, str) or not _HEX.fullmatch(value):
                raise DataFileError(f"{REPORT_FILE}: colour of {key!r} must be #rrggbb")
        ordered = {t: str(colours[t]) for t in types if t in colours}
        return cls(ordered, str(colours.get(OTHER, "#777777")))
