"""``SqliteGazetteer``: the ``Gazetteer`` protocol over one or more SQLite indexes.

The packaged index is always read; a GeoNames dump index imported by the user
(``eventledger gazetteer import``) is read beside it, its entries winning over packaged ones with
the same geonameid. Connections are read-only; per-instance caches keep repeated lookups cheap
(a spaCy pipeline asks for the same names article after article).
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from eventledger.errors import GazetteerError
from eventledger.gazetteer.normalise import name_key, normalise, skeleton
from eventledger.gazetteer.place import Place
from eventledger.gazetteer.protocol import NameInfo, NameMatch
from eventledger.gazetteer.schema import FORMAT_VERSION, PLACE_COLUMNS

FUZZY_CUTOFF = 85.0
FUZZY_POOL = 20_000
CACHE_SIZE = 50_000


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        row = conn.execute("SELECT value FROM meta WHERE name = 'format_version'").fetchone()
    except sqlite3.Error as exc:
        raise GazetteerError(f"cannot open gazetteer index {path}: {exc}") from exc
    if not row or row[0] != FORMAT_VERSION:
        conn.close()
        raise GazetteerError(f"gazetteer index {path} has format {row[0] if row else None}, "
                             f"expected {FORMAT_VERSION}: rebuild or re-import it")
    return conn


PLACE_WIDTH = len(PLACE_COLUMNS.split(","))


def _place(row: tuple[Any, ...]) -> Place:
    _, key, name, lat, lon, cc, feature, gid, a1, a2, pop, source, cap_lat, cap_lon = row
    capital = (float(cap_lat), float(cap_lon)) if cap_lat is not None and cap_lon is not None else None
    return Place(str(key), str(name), float(lat), float(lon), str(cc), str(feature),
                 int(gid) if gid is not None else None, str(a1) if a1 else None, str(a2) if a2 else None,
                 int(pop or 0), str(source), capital)


class SqliteGazetteer:
    """Read-only lookups over the packaged index and an optional imported one."""

    def __init__(self, paths: list[Path]) -> None:
        if not paths:
            raise GazetteerError("no gazetteer index to open")
        self._conns = [_connect(p) for p in paths]
        self._countries: dict[str, Place] = {}
        self._country_pools: dict[str, list[str]] = {}
        self._neighbours: dict[str, tuple[str, ...]] = {}
        self.matches_cached = lru_cache(maxsize=CACHE_SIZE)(self._matches)
        self._name_info_cached = lru_cache(maxsize=CACHE_SIZE)(self._name_info)

    def close(self) -> None:
        for conn in self._conns:
            conn.close()

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        out: list[tuple[Any, ...]] = []
        for conn in self._conns:
            out.extend(conn.execute(sql, args).fetchall())
        return out

    def _matches(self, key: str, norm: str) -> tuple[NameMatch, ...]:
        columns = ", ".join("p." + c.strip() for c in PLACE_COLUMNS.split(","))
        sql = (f"SELECT {columns}, n.norm, n.primary_name "
               "FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?")
        best: dict[str, NameMatch] = {}
        by_gid: dict[int, str] = {}
        for row in self._rows(sql, (key,)):
            place = _place(row[:PLACE_WIDTH])
            exact = row[PLACE_WIDTH] == norm
            match = NameMatch(place, exact, exact and bool(row[PLACE_WIDTH + 1]))
            old = best.get(place.key)
            if old is None or (match.exact, match.primary) > (old.exact, old.primary):
                if place.geonameid is not None and by_gid.get(place.geonameid, place.key) != place.key:
                    best.pop(by_gid[place.geonameid], None)  # the imported entry replaces the packaged one
                best[place.key] = match
                if place.geonameid is not None:
                    by_gid[place.geonameid] = place.key
        return tuple(best.values())

    def matches(self, name: str) -> list[NameMatch]:
        key = name_key(name)
        return list(self.matches_cached(key, normalise(name))) if key else []

    def candidates(self, name: str) -> list[Place]:
        return [m.place for m in self.matches(name)]

    def _name_info(self, key: str) -> NameInfo | None:
        rows = self._rows("SELECT max_pop, features, places, curated FROM name_keys WHERE key = ?", (key,))
        if not rows:
            return None
        features = 0
        for r in rows:
            features |= int(r[1])
        return NameInfo(max(int(r[0]) for r in rows), features, sum(int(r[2]) for r in rows),
                        any(bool(r[3]) for r in rows))

    def name_info(self, key: str) -> NameInfo | None:
        return self._name_info_cached(key)

    def has_name(self, key: str) -> bool:
        return self.name_info(key) is not None

    def demonym(self, key: str) -> str | None:
        rows = self._rows("SELECT cc FROM demonyms WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def neighbours(self, code: str) -> tuple[str, ...]:
        code = code.upper()
        if code not in self._neighbours:
            rows = self._rows("SELECT neighbours FROM neighbours WHERE cc = ?", (code,))
            self._neighbours[code] = tuple(n for n in str(rows[0][0]).split(",") if n) if rows else ()
        return self._neighbours[code]

    def country(self, code: str) -> Place | None:
        code = code.upper()
        if code not in self._countries:
            rows = self._rows(f"SELECT {PLACE_COLUMNS} FROM places WHERE key = ?", (f"cc:{code}",))
            if not rows:
                return None
            self._countries[code] = _place(rows[0])
        return self._countries[code]

    def _pool(self, country_code: str) -> list[str]:
        if country_code not in self._country_pools:
            rows = self._rows("SELECT DISTINCT key FROM names WHERE cc = ? LIMIT ?",
                              (country_code, FUZZY_POOL))
            self._country_pools[country_code] = [str(r[0]) for r in rows]
        return self._country_pools[country_code]

    def fuzzy(self, name: str, country_code: str | None = None, limit: int = 5) -> list[tuple[Place, float]]:
        """Near spellings: same consonant skeleton, or RapidFuzz ratio >= 85 within the country
        (or, without one, among names sharing the first three letters); at most ``FUZZY_POOL``
        names are compared, so the cost is bounded."""
        key = name_key(name)
        if len(key) < 4:
            return []
        if country_code:
            pool = self._pool(country_code.upper())
        else:
            rows = self._rows("SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? LIMIT ?",
                              (key[:3], key[:3] + "\uffff", FUZZY_POOL))
            pool = [str(r[0]) for r in rows]
        scored: dict[str, float] = {}
        for found, score, _ in process.extract(key, pool, scorer=fuzz.ratio, limit=limit * 3,
                                               score_cutoff=FUZZY_CUTOFF):
            scored[found] = float(score)
        for row in self._rows("SELECT DISTINCT key FROM names WHERE skel = ? LIMIT 200", (skeleton(key),)):
            scored.setdefault(str(row[0]), FUZZY_CUTOFF)
        out: dict[str, tuple[Place, float]] = {}
        for found, score in sorted(scored.items(), key=lambda kv: -kv[1]):
            for m in self.matches_cached(found, ""):
                if country_code is None or m.place.country_code == country_code.upper():
                    out.setdefault(m.place.key, (m.place, score))
        return sorted(out.values(), key=lambda ps: (-ps[1], -ps[0].population))[:limit]

