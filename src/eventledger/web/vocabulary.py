"""The closed vocabularies a correction is checked against, read from the packaged data files.

The event taxonomy comes from ``data/taxonomy.toml`` (the file the coder uses), read here without
importing the NLP stack so the web app starts in a fraction of a second.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from eventledger.errors import DataFileError

TAXONOMY_FILE = "taxonomy.toml"
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
GEO_PRECISIONS = ("point", "admin2", "admin1", "country", "unknown")
ACTOR_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "victim", "target")
# ACLED's eight actor kinds plus named people and bodies that are not armed actors (DESIGN.md).
ACTOR_KINDS = ("state_forces", "rebel_group", "political_militia", "identity_militia", "rioters", "protesters",
               "civilians", "external", "person", "organisation")


@dataclass(frozen=True)
class Vocabulary:
    types: dict[str, tuple[str, ...]]  # event type → its sub-event types, in the taxonomy's order
    tags: tuple[str, ...]

    def type_of(self, sub_event_type: str) -> str | None:
        return next((t for t, subs in self.types.items() if sub_event_type in subs), None)

    @classmethod
    def load(cls) -> Vocabulary:
        try:
            data = tomllib.loads(resources.files("eventledger.data").joinpath(TAXONOMY_FILE).read_text("utf-8"))
            types = {str(t): tuple(str(s) for s in spec["sub_types"]) for t, spec in data["types"].items()}
            tags = tuple(str(t) for t in data.get("tags", {}).get("names", []))
        except (tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise DataFileError(f"{TAXONOMY_FILE}: {exc}") from exc
        if not types:
            raise DataFileError(f"{TAXONOMY_FILE}: no event types")
        return cls(types, tags)
