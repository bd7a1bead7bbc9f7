"""``MemoryGazetteer``: the in-memory test double of the ``Gazetteer`` protocol.

Same lookup semantics as the SQLite index (same keys, same match quality, same fuzzy scorer), so
components can be unit-tested with a handful of places and no index build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from eventledger.gazetteer.normalise import name_key, normalise
from eventledger.gazetteer.place import Place
from eventledger.gazetteer.protocol import FEATURE_BITS, NameInfo, NameMatch

FUZZY_CUTOFF = 85.0


class MemoryGazetteer:
    """A gazetteer over ``(place, names)`` pairs; ``place.name`` is always one of its names."""

    def __init__(self, entries: Iterable[tuple[Place, Iterable[str]]] = (),
                 demonyms: dict[str, str] | None = None,
                 neighbours: dict[str, tuple[str, ...]] | None = None) -> None:
        self._by_key: dict[str, list[tuple[Place, str, bool]]] = defaultdict(list)
        self._countries: dict[str, Place] = {}
        for place, names in entries:
            self.add(place, names)
        self._demonyms = {name_key(k): v for k, v in (demonyms or {}).items()}
        self._neighbours = dict(neighbours or {})

    def add(self, place: Place, names: Iterable[str] = ()) -> None:
        seen: set[str] = set()
        for i, text in enumerate([place.name, *names]):
            norm = normalise(text)
            if not norm or norm in seen:
                continue
            seen.add(norm)
            self._by_key[name_key(text)].append((place, norm, i == 0))
        if place.feature == "country":
            self._countries[place.country_code] = place

    def matches(self, name: str) -> list[NameMatch]:
        norm = normalise(name)
        best: dict[str, NameMatch] = {}
        for place, entry_norm, primary in self._by_key.get(name_key(name), []):
            match = NameMatch(place, entry_norm == norm, primary and entry_norm == norm)
            old = best.get(place.key)
            if old is None or (match.exact, match.primary) > (old.exact, old.primary):
                best[place.key] = match
        return list(best.values())

    def candidates(self, name: str) -> list[Place]:
        return [m.place for m in self.matches(name)]

    def fuzzy(self, name: str, country_code: str | None = None, limit: int = 5) -> list[tuple[Place, float]]:
        key = name_key(name)
        if not key:
            return []
        pool = [k for k, rows in self._by_key.items()
                if country_code is None or any(p.country_code == country_code for p, _, _ in rows)]
        out: dict[str, tuple[Place, float]] = {}
        for found, score, _ in process.extract(key, pool, scorer=fuzz.ratio, limit=limit,
                                               score_cutoff=FUZZY_CUTOFF):
            for place, _, _ in self._by_key[found]:
                if country_code is None or place.country_code == country_code:
                    out.setdefault(place.key, (place, float(score)))
        return sorted(out.values(), key=lambda ps: -ps[1])[:limit]

    def country(self, code: str) -> Place | None:
        return self._countries.get(code.upper())

    def has_name(self, key: str) -> bool:
        return key in self._by_key

    def name_info(self, key: str) -> NameInfo | None:
        rows = self._by_key.get(key)
        if not rows:
            return None
        features = 0
        for place, _, _ in rows:
            features |= FEATURE_BITS.get(place.feature, FEATURE_BITS["other"])
        return NameInfo(max(p.population for p, _, _ in rows), features, len({p.key for p, _, _ in rows}),
                        any(p.source == "curated" for p, _, _ in rows))

    def demonym(self, key: str) -> str | None:
        return self._demonyms.get(key)

    def neighbours(self, code: str) -> tuple[str, ...]:
        return self._neighbours.get(code.upper(), ())
