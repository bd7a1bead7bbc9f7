"""The coded ``Event`` and its parts, before serialisation to the contract's JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eventledger.gazetteer.place import Place


@dataclass(frozen=True)
class Span:
    """Evidence: ``text[start:end]`` supports ``supports`` (trigger, actor1, location, date, ...)."""

    start: int
    end: int
    supports: str = "trigger"


@dataclass(frozen=True)
class Claim:
    """One figure given by one source: "Pakistani authorities reported that dozens of fighters
    were killed" → low 12, claimant "Pakistani authorities", about fighters, outcome killed."""

    value_low: int | None
    value_high: int | None
    value_text: str
    claimant: str | None
    about: str | None
    outcome: str
    start: int
    end: int
    kind: str = "report"
    qualifier: str | None = None
    share_of: int | None = None  # set when a total for several places was split (DESIGN.md)
    group: int = 0  # the sentence the figure is given in (figures in one sentence add up)


@dataclass(frozen=True)
class EventActor:
    name: str
    role: str
    kind: str
    start: int | None = None
    end: int | None = None
    country: str | None = None


@dataclass(frozen=True)
class EventDate:
    first_day: date | None
    last_day: date | None
    precision: str
    start: int | None = None
    end: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class EventPlace:
    """Where the event happened: a resolved gazetteer place, or just the words when unresolved."""

    name: str | None
    place: Place | None
    start: int | None = None
    end: int | None = None
    precision_override: str | None = None
    basis: str = "text"  # text | dateline | article: where the place came from

    @property
    def geo_precision(self) -> str:
        if self.precision_override:
            return self.precision_override
        return self.place.geo_precision if self.place else "unknown"


@dataclass
class Event:
    event_type: str
    sub_event_type: str
    date: EventDate
    location: EventPlace
    tags: list[str] = field(default_factory=list)
    actors: list[EventActor] = field(default_factory=list)
    fatality_claims: list[Claim] = field(default_factory=list)
    injury_claims: list[Claim] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    reported_by_kind: str = "report"
    via: str | None = None
    background: bool = False
    confidence: float = 0.5
    trigger: str | None = None
