"""Article text cut into segments so evidence spans can be marked without building HTML by hand.

Spans may overlap (the trigger sentence contains the actor's name); the text is cut at every span
edge and each segment carries every label covering it. Templates print each segment's text through
Jinja's autoescaping, so article text can never become markup, whatever it contains.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """``text[start:end]`` is marked as ``kind`` (evidence, place, actor, date) with a ``label``."""

    start: int
    end: int
    kind: str
    label: str


@dataclass(frozen=True)
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def kinds(self) -> str:
        return " ".join(sorted({m.kind for m in self.marks}))

    @property
    def labels(self) -> str:
        seen: list[str] = []
        for mark in self.marks:
            if mark.label not in seen:
                seen.append(mark.label)
        return ", ".join(seen)


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` as consecutive segments; spans outside the text or empty are ignored."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(m for m in valid if m.start <= start and end <= m.end)
        out.append(Segment(text[start:end], covering))
    return out


def first_mark(segs: list[Segment]) -> int | None:
    """Index of the first marked segment (the page scrolls it into view)."""
    return next((i for i, s in enumerate(segs) if s.marks), None)
