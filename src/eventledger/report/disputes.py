"""Every disputed figure of the period with its claimants: who says how many, in which words, in
which article. A figure is disputed when claimants disagree (docs/claims.md); the unit's ``best``
is then the lowest credible account and ``low``/``high`` the range.

One sentence naming several places gives one event per place with the same claims (a total split
evenly, ``share_of`` keeping the total): such places are listed together under one entry instead
of repeating the same claims once per place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventledger.report.reads import MemberReport, SourceRef
from eventledger.report.units import Unit

MEASURES = ("fatalities", "injuries")


@dataclass(frozen=True)
class ClaimLine:
    """One claim: ``figure`` is empty when the claimant gives words without a number."""

    claimant: str
    figure: str
    words: str
    about: str | None
    split: bool  # a total for several places, split over them
    source: SourceRef


@dataclass
class DisputedFigure:
    measure: str
    units: list[Unit]
    claims: list[ClaimLine]
    signature: tuple[Any, ...] = field(compare=False, default=())

    @property
    def places(self) -> list[str]:
        return list(dict.fromkeys(u.place for u in self.units))

    @property
    def first(self) -> Unit:
        return self.units[0]

    def figures(self) -> tuple[int | None, int | None, int | None]:
        """The first unit's best, low and high for this measure (per place when split)."""
        unit = self.first
        return (getattr(unit, f"{self.measure}_best"), getattr(unit, f"{self.measure}_low"),
                getattr(unit, f"{self.measure}_high"))


def figure_text(claim: Mapping[str, Any]) -> str:
    """A claim's number: "8", "at least 8", "10–15"; the whole total when it was split over places."""
    low, high, total = claim.get("value_low"), claim.get("value_high"), claim.get("share_of")
    if total is not None:
        number = str(total)
    elif low is None:
        return ""
    else:
        number = f"{low}–{high}" if high is not None and high != low else str(low)
    qualifier = (claim.get("qualifier") or "").replace("_", " ").strip()
    return f"{qualifier} {number}" if qualifier else number


def claimant_of(claim: Mapping[str, Any], source: SourceRef) -> str:
    """The claimant, or the outlet itself when the article gives the figure in its own voice."""
    claimant = (claim.get("claimant") or "").strip()
    return claimant or f"{source.outlet} (own reporting)"


def claim_lines(measure: str, members: Sequence[MemberReport], claims: Mapping[int, list[dict[str, Any]]]
                ) -> tuple[list[ClaimLine], tuple[Any, ...]]:
    """The unit's claims of ``measure`` and a signature that equal claim sets share."""
    lines: list[ClaimLine] = []
    signature: list[tuple[Any, ...]] = []
    for member in members:
        for claim in claims.get(member.event_id, []):
            if claim["measure"] != measure:
                continue
            key = (member.source.article_id, claim["span_start"], claim["span_end"], claim["claimant"],
                   claim["value_text"], claim["share_of"] if claim["share_of"] is not None else claim["value_low"])
            if key in signature:
                continue
            signature.append(key)
            lines.append(ClaimLine(claimant_of(claim, member.source), figure_text(claim),
                                   (claim.get("value_text") or "").strip(), claim.get("about"),
                                   claim.get("share_of") is not None, member.source))
    return lines, (measure, *sorted(signature, key=repr))


def disputed_figures(units: Sequence[Unit], members: Mapping[tuple[str, int], list[MemberReport]],
                     claims: Mapping[int, list[dict[str, Any]]]) -> list[DisputedFigure]:
    """One entry per disputed figure (units with the very same claims share one), most deaths first."""
    entries: dict[tuple[Any, ...], DisputedFigure] = {}
    for unit in units:
        for measure in MEASURES:
            if not getattr(unit, f"{measure}_disputed"):
                continue
            lines, signature = claim_lines(measure, members.get(unit.key, []), claims)
            if not lines:
                continue
            entry = entries.get(signature)
            if entry is None:
                entries[signature] = DisputedFigure(measure, [unit], lines, signature)
            else:
                entry.units.append(unit)
    return sorted(entries.values(), key=lambda e: (e.measure != "fatalities", -max(u.deaths for u in e.units),
                                                  e.first.date_start is None, e.first.date_start, e.first.key))
