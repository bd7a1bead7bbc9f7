"""``Report``: one stored event as duplicate merging sees it (no database types, easy to build in tests).

A *report* is an event coded from one article. Reports of one real event from different articles
end up in one incident. Everything scoring needs is precomputed here once per event: the type
family, the content words of the evidence, the specific (non-generic) actor names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from eventledger.resolve.rules import MatchRules

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class PlaceRef:
    geonameid: int | None
    lat: float
    lon: float


@dataclass(frozen=True)
class Toponym:
    """A place named in an event's sentences: its GeoNames id when resolved, and its words."""

    geonameid: int | None
    text: str


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
    vector: dict[str, float] = field(default_factory=dict, compare=False)  # TF-IDF, set per resolve step
    # The towns and districts of this event and of its siblings: the events the same article codes
    # with the same type and dates at other places (one sentence naming several places yields one
    # event per place). Set by ``link_siblings``.
    group_places: tuple[PlaceRef, ...] = field(default=(), compare=False)
    # A province- or country-level event whose article also codes it at a town or district: the
    # coarse place is context ("in Konduga, Borno state"), so this event is matched through its
    # finer sibling only.
    shadow: bool = field(default=False, compare=False)
    # Where the text names this event's place (its "location" evidence), and whether a sibling's
    # place is named first: the first place a report names is where it says the event happened,
    # later ones are often only references ("in Zawiya, west of Tripoli").
    location_start: int | None = field(default=None, compare=False)
    secondary: bool = field(default=False, compare=False)
    # The towns, villages, sites and districts the event's own sentences name (not the dateline).
    toponyms: tuple[Toponym, ...] = field(default=(), compare=False)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def dated(self) -> bool:
        return self.first_day is not None and self.last_day is not None


FINE_PRECISIONS = ("point", "admin2")
COARSE_PRECISIONS = ("admin1", "country")


def link_siblings(reports: Iterable[Report]) -> None:
    """Mark each report's place among its siblings (the events its article codes alike): fill
    ``group_places``, ``shadow`` and ``secondary``."""
    groups: dict[tuple[object, ...], list[Report]] = defaultdict(list)
    for report in reports:
        groups[(report.article_id, report.sub_event_type, report.first_day, report.last_day)].append(report)
    for members in groups.values():
        fine = [m for m in members if m.lat is not None and m.lon is not None and m.geo_precision in FINE_PRECISIONS]
        places = tuple(dict.fromkeys(PlaceRef(m.geonameid, m.lat, m.lon) for m in fine if m.lat is not None
                                     and m.lon is not None))
        first = _first_named(fine or members)
        for member in members:
            member.group_places = places
            member.shadow = bool(places) and member.geo_precision in COARSE_PRECISIONS
            member.secondary = len(members) > 1 and first is not None and not _same_spot(member, first)


def _first_named(members: list[Report]) -> Report | None:
    """The sibling whose place the text names first, a dateline (at the very start) only when nothing else."""
    named = [m for m in members if m.location_start is not None]
    if not named:
        return None
    return min(named, key=lambda m: (m.location_start == 0, m.location_start, m.event_id))


def _same_spot(a: Report, b: Report) -> bool:
    return a is b or (a.geonameid is not None and a.geonameid == b.geonameid) or \
        (a.location_name is not None and a.location_name == b.location_name and a.lat == b.lat)


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
