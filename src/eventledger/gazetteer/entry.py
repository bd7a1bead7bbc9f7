"""``Entry``: a place plus the names it is known by, as the index builders pass them around."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventledger.gazetteer.place import Place


@dataclass
class Entry:
    """One gazetteer row under construction; ``names`` are alternates besides ``place.name``."""

    place: Place
    names: list[str] = field(default_factory=list)
    curated: bool = False

    def all_names(self) -> list[str]:
        return [self.place.name, *self.names]
