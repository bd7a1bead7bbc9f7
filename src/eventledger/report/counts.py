"""Headline figures: units and deaths per event type and per province (admin1), each beside the
previous period of the same length, so a reader sees at once what rose and what fell."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eventledger.report.units import Unit

UNKNOWN_ADMIN1 = "province not known"


@dataclass(frozen=True)
class CountRow:
    """``current``/``previous``: units in this and the previous period; ``deaths``: their best fatality figures."""

    key: str
    current: int
    previous: int
    deaths: int = 0
    previous_deaths: int = 0

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def change_pct(self) -> float | None:
        """The change as a percentage of the previous period; ``None`` when there was nothing before."""
        return None if self.previous == 0 else 100.0 * self.change / self.previous

    @property
    def deaths_change(self) -> int:
        return self.deaths - self.previous_deaths


def count_by(current: Sequence[Unit], previous: Sequence[Unit], key: Callable[[Unit], str]) -> list[CountRow]:
    """One row per key seen in either period (a type that vanished shows 0 and its fall), most units first."""
    now, before = Counter(map(key, current)), Counter(map(key, previous))
    deaths, before_deaths = Counter[str](), Counter[str]()
    for unit in current:
        deaths[key(unit)] += unit.deaths
    for unit in previous:
        before_deaths[key(unit)] += unit.deaths
    rows = [CountRow(k, now[k], before[k], deaths[k], before_deaths[k]) for k in set(now) | set(before)]
    return sorted(rows, key=lambda r: (-r.current, -r.deaths, -r.previous, r.key))


def total(current: Sequence[Unit], previous: Sequence[Unit]) -> CountRow:
    return CountRow("All", len(current), len(previous), sum(u.deaths for u in current),
                    sum(u.deaths for u in previous))


def by_type(unit: Unit) -> str:
    return unit.event_type


def admin1_key(with_country: bool) -> Callable[[Unit], str]:
    """The province name, with its country code when the report spans several countries."""

    def key(unit: Unit) -> str:
        name = unit.admin1 or UNKNOWN_ADMIN1
        return f"{name} ({unit.country_code})" if with_country and unit.country_code else name

    return key


def several_countries(units: Sequence[Unit]) -> bool:
    return len({u.country_code for u in units if u.country_code}) > 1
