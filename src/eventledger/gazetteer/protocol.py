"""The ``Gazetteer`` interface every place index implements (SQLite index, in-memory double)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from eventledger.gazetteer.place import Place

# Feature classes as bits, so a name's summary row can say "some entry with this name is a
# country / an admin area / a city" in one integer.
FEATURE_BITS = {"city": 1, "admin1": 2, "admin2": 4, "country": 8, "site": 16, "region": 32, "other": 64}
AREA_BITS = FEATURE_BITS["admin1"] | FEATURE_BITS["admin2"] | FEATURE_BITS["country"] | FEATURE_BITS["region"]


@dataclass(frozen=True)
class NameInfo:
    """What the index knows about one name key, without fetching its places (the ruler's test).

    ``max_population`` is the largest population among entries bearing the name, ``features``
    the OR of their ``FEATURE_BITS``, ``curated`` true when a curated admin area has it,
    ``places`` how many entries share it.
    """

    max_population: int
    features: int
    places: int
    curated: bool = False

    def has(self, feature: str) -> bool:
        return bool(self.features & FEATURE_BITS[feature])

    @property
    def is_area(self) -> bool:
        return bool(self.features & AREA_BITS)


@dataclass(frozen=True)
class NameMatch:
    """A candidate and how well the text matched it.

    ``exact`` is true when the text equals one of the entry's names after ``normalise`` (not only
    after the looser ``name_key``); ``primary`` when that name is the entry's main name.
    """

    place: Place
    exact: bool
    primary: bool


class Gazetteer(Protocol):
    """Look places up by name. Implementations are read-only once opened."""

    def candidates(self, name: str) -> list[Place]:
        """Every entry whose name or alternate name has the same ``name_key`` as ``name``."""
        ...

    def matches(self, name: str) -> list[NameMatch]:
        """``candidates`` with match quality, for the resolver."""
        ...

    def fuzzy(self, name: str, country_code: str | None = None, limit: int = 5) -> list[tuple[Place, float]]:
        """Near-miss spellings (RapidFuzz ratio 0..100, best first); bounded cost."""
        ...

    def country(self, code: str) -> Place | None:
        """The country entry for an ISO 3166-1 alpha-2 code."""
        ...

    def has_name(self, key: str) -> bool:
        """Fast membership test for a ``name_key``."""
        ...

    def name_info(self, key: str) -> NameInfo | None:
        """Summary of the entries bearing a ``name_key`` (``None`` when there are none)."""
        ...

    def demonym(self, key: str) -> str | None:
        """ISO2 of the country a demonym ("Pakistani", "Afghans") refers to, by ``name_key``."""
        ...

    def neighbours(self, code: str) -> tuple[str, ...]:
        """ISO2 codes of the countries bordering ``code``."""
        ...
