"""``Report``: one stored event as duplicate merging sees it (no database types, easy to build in tests).

A *report* is an event coded from one article. Reports of one real event from different articles
end up in one incident. Everything scoring needs is precomputed here once per event: the type
family, the content words of the evidence, the specific (non-generic) actor names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from eventledger.resolve.rules import MatchRules

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class ReportActor:
    name: str
    role: str
    kind: str | None


@dataclass
class Report:
    """An event with what matching needs. ``incident_id`` is ``None`` until the event is resolved."""

    event_id: int
    article_id: int
    family: str
    event_type: str
    sub_event_type: str
    first_day: date | None
    last_day: date | None
    date_precision: str = "day"
    lat: float | None = None
    lon: float | None = None
    geo_precision: str = "unknown"
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location_name: str | None = None
    geonameid: int | None = None
    actors: tuple[ReportActor, ...] = ()
    evidence: str = ""
    fatalities: int | None = None
    source: str | None = None
    incident_id: int | None = None
    locked: bool = False
    sort_key: tuple[str, int] = ("", 0)
    words: str = field(default="", compare=False)
    specific_actors: tuple[ReportActor, ...] = field(default=(), compare=False)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def dated(self) -> bool:
        return self.first_day is not None and self.last_day is not None


def prepare(report: Report, rules: MatchRules, stop_words: frozenset[str]) -> Report:
    """Fill the derived fields (content words, specific actors) once, before any comparison."""
    report.words = content_words(report.evidence[:rules.text_max_chars], stop_words)
    report.specific_actors = tuple(a for a in report.actors if not is_generic_actor(a, rules))
    return report


def content_words(text: str, stop_words: frozenset[str]) -> str:
    """The text's words, lower case, without stop words (numbers are compared as figures)."""
    return " ".join(w for w in (m.group(0).casefold() for m in _WORD.finditer(text))
                    if len(w) > 1 and w not in stop_words)


def is_generic_actor(actor: ReportActor, rules: MatchRules) -> bool:
    """ACLED's "Unidentified Armed Group (X)", "Civilians (X)", bare "gunmen": say nothing about identity."""
    if actor.kind and actor.kind.casefold() in rules.actors.generic_kinds:
        return True
    head = actor.name.split("(", 1)[0]
    words = {w.casefold() for w in _WORD.findall(head)}
    return not words or bool(words & rules.actors.generic_words)


def stop_words_for(rules: MatchRules, base: Iterable[str]) -> frozenset[str]:
    return frozenset(w.casefold() for w in base) | rules.extra_stop_words
