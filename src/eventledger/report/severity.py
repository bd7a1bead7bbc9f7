"""The most severe incidents of the period: ranked by their best fatality figure (the lowest credible
account, docs/claims.md), then by injuries, then the latest first; each with the words of the report
that gives the highest figure and every outlet that reported it.

One sentence naming several places gives one incident per place with the same words and figures
("attacks in Quetta, Gwadar and Chagai"): such incidents are listed as one entry naming every place,
so the list is not the same quote three times.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventledger.report.reads import MemberReport, SourceRef
from eventledger.report.units import Unit


@dataclass
class SevereIncident:
    units: list[Unit]  # one, or several places told in the same words
    quote: str | None
    quote_source: SourceRef | None
    sources: list[SourceRef]

    @property
    def unit(self) -> Unit:
        return self.units[0]

    @property
    def places(self) -> list[str]:
        return list(dict.fromkeys(u.place for u in self.units))


def rank_key(unit: Unit) -> tuple[int, int, int, str, tuple[str, int]]:
    day = unit.date_start.toordinal() if unit.date_start else 0
    return (-unit.deaths, -(unit.fatalities_high or 0), -(unit.injuries_best or 0), f"{-day:08d}", unit.key)


def most_severe(units: Sequence[Unit], limit: int) -> list[Unit]:
    """Units that report deaths or injuries, most severe first, at most ``limit``."""
    harmful = [u for u in units if u.deaths > 0 or (u.injuries_best or 0) > 0]
    return sorted(harmful, key=rank_key)[:limit]


def quoted_report(members: Sequence[MemberReport], quotes: Mapping[int, str]) -> MemberReport | None:
    """The report to quote: the one with the highest figure that has evidence, the earliest on a tie."""
    with_quote = [m for m in members if m.event_id in quotes]
    if not with_quote:
        return None
    return min(with_quote, key=lambda m: (-(m.fatalities_best or 0), m.event_id))


def unique_sources(members: Sequence[MemberReport]) -> list[SourceRef]:
    seen: dict[int, SourceRef] = {}
    for member in members:
        seen.setdefault(member.source.article_id, member.source)
    return sorted(seen.values(), key=lambda s: (s.published is None, s.published, s.outlet))


def severe_incidents(units: Sequence[Unit], members: Mapping[tuple[str, int], list[MemberReport]],
                     quotes: Mapping[int, str], limit: int) -> list[SevereIncident]:
    """Entries for ``units`` (ranked), units told in the same words on the same day merged; at most ``limit``."""
    entries: dict[tuple[object, ...], SevereIncident] = {}
    for unit in units:
        reports = members.get(unit.key, [])
        chosen = quoted_report(reports, quotes)
        quote = quotes.get(chosen.event_id) if chosen else None
        key: tuple[object, ...] = (chosen.source.article_id, quote, unit.sub_event_type, unit.date_start,
                                   unit.fatalities_best) if chosen and quote else unit.key
        entry = entries.get(key)
        if entry is not None:
            entry.units.append(unit)
            continue
        if len(entries) == limit:
            continue
        entries[key] = SevereIncident([unit], quote, chosen.source if chosen else None, unique_sources(reports))
    return list(entries.values())
