"""Comma chains ("Turbat, Balochistan, Pakistan") and the most specific place of a passage.

A chain is a run of toponyms joined only by commas; its first member is the place meant and the
rest qualify it (province, country). ``el_toponyms`` marks the qualifiers with role
``qualifier``; the event coder asks ``most_specific`` for the one place an event happened at.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventledger.nlp.mentions import PlaceMention

# What may stand between two members of a chain: a comma, or a comma and "in".
_CHAIN_GAP = re.compile(r"\s*,\s*(?:in\s+)?", re.IGNORECASE)
PRECISION_RANK = {"point": 4, "admin2": 3, "admin1": 2, "country": 1}
MIN_SCORE = 0.25


@dataclass(frozen=True)
class Chain:
    """Toponyms joined by commas, most specific first."""

    members: tuple[PlaceMention, ...]

    @property
    def head(self) -> PlaceMention:
        return self.members[0]

    @property
    def qualifiers(self) -> tuple[PlaceMention, ...]:
        return self.members[1:]


def chains(mentions: Sequence[PlaceMention], text: str) -> list[Chain]:
    """Group mentions (in text order) into comma chains; a lone mention is a chain of one."""
    out: list[list[PlaceMention]] = []
    for m in mentions:
        if out and _CHAIN_GAP.fullmatch(text[out[-1][-1].end:m.start]):
            out[-1].append(m)
        else:
            out.append([m])
    return [Chain(tuple(c)) for c in out]


def _rank(m: PlaceMention) -> int:
    return PRECISION_RANK.get(m.place.geo_precision, 0) if m.place else 0


def with_landmarks(mentions: Sequence[PlaceMention], roles: tuple[str, ...]) -> list[PlaceMention]:
    """The mentions with one of ``roles``, plus towns named in facilities when the others name
    nothing finer than a province, and towns named in roads when they name nothing finer than a
    country: "near Turbat Airport in Balochistan" is near Turbat, "along the Kabul-Jalalabad
    highway, Afghanistan" near Kabul, but "on the Kabul-Kandahar highway in Qarabagh district"
    is in Qarabagh and "on the Maiduguri-Damaturu road in Mainok, Borno" somewhere in Borno."""
    pool = [m for m in mentions if m.role in roles]
    finest = max((_rank(m) for m in pool), default=0)
    extra = [m for m in mentions if (m.role == "facility" and finest <= PRECISION_RANK["admin1"])
             or (m.role == "landmark" and finest <= PRECISION_RANK["country"])]
    return sorted([*pool, *extra], key=lambda m: m.start) if extra else pool


def most_specific(mentions: Iterable[PlaceMention]) -> PlaceMention | None:
    """The resolved location mention with the finest precision (a town beats its district,
    province and country), the head of a comma chain first; ties go to the better-scored, then
    the earlier mention.

    Datelines and demonym-like mentions are not event places. A mention resolved with a score
    below ``MIN_SCORE`` (a weak fuzzy guess) only wins when nothing better is resolved, and a
    point that contradicts the country its chain names is skipped. Towns named in roads and
    facilities count only when nothing finer is named otherwise (``with_landmarks``).
    """
    ordered = sorted(mentions, key=lambda m: m.start)
    heads = {id(m) for m, nxt in itertools.pairwise(ordered)
             if nxt.role == "qualifier" and m.role == "location"}
    pool = with_landmarks([m for m in ordered if m.place is not None], ("location", "qualifier"))
    if not pool:
        return None
    countries = {m.place.country_code for m in pool if m.place and m.place.feature == "country"}
    consistent = [m for m in pool if not countries or (m.place and m.place.country_code in countries)]
    confident = [m for m in consistent if m.score >= MIN_SCORE] or consistent or pool
    # The head of a comma chain ("in Kolkata, West Bengal, India") is where the report puts the
    # event; other places of the sentence are often landmarks ("along Kabul-Ghazni highway").
    return max(confident, key=lambda m: (_rank(m) + (id(m) in heads), id(m) in heads, m.score, -m.start))
