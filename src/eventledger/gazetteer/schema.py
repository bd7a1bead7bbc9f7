"""The SQLite layout of a gazetteer index and the writer that fills it.

Shared by the packaged build (``build.py``) and the GeoNames dump import (``geonames_import.py``)
so both indexes are read by the same code. ``FORMAT_VERSION`` changes whenever the layout or the
meaning of a column changes; an index with another version is rebuilt, never read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from eventledger.gazetteer.entry import Entry
from eventledger.gazetteer.normalise import key_of_normalised, name_key, normalise, skeleton
from eventledger.gazetteer.protocol import FEATURE_BITS

FORMAT_VERSION = "10"

DDL = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS places(
    id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, cc TEXT NOT NULL, feature TEXT NOT NULL, geonameid INTEGER, admin1 TEXT,
    admin2 TEXT, population INTEGER NOT NULL, source TEXT NOT NULL, cap_lat REAL, cap_lon REAL);
CREATE TABLE IF NOT EXISTS names(
    key TEXT NOT NULL, norm TEXT NOT NULL, place_id INTEGER NOT NULL, primary_name INTEGER NOT NULL,
    skel TEXT NOT NULL, cc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS name_keys(
    key TEXT PRIMARY KEY, max_pop INTEGER NOT NULL, features INTEGER NOT NULL, places INTEGER NOT NULL,
    curated INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS demonyms(key TEXT PRIMARY KEY, cc TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS neighbours(cc TEXT PRIMARY KEY, neighbours TEXT NOT NULL) WITHOUT ROWID;
"""

INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_skel ON names(skel);
CREATE INDEX IF NOT EXISTS names_cc ON names(cc, key);
CREATE INDEX IF NOT EXISTS places_geonameid ON places(geonameid);
"""

PLACE_COLUMNS = "id, key, name, lat, lon, cc, feature, geonameid, admin1, admin2, population, source, cap_lat, cap_lon"


class IndexWriter:
    """Add entries, then ``finish()`` to write the per-name summary and the indexes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.executescript(DDL)
        self._next_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM places").fetchone()[0] or 0) + 1
        self._places: list[tuple[object, ...]] = []
        self._names: list[tuple[object, ...]] = []
        self._summary: dict[str, list[int]] = {}
        self._replaced: list[tuple[int]] = []
        self.count = 0

    def add(self, entry: Entry, place_id: int | None = None) -> None:
        """Queue one entry; ``place_id`` fixes its row id (imports key rows by geonameid so a
        second import replaces the first)."""
        p = entry.place
        if place_id is None:
            pid = self._next_id
            self._next_id += 1
        else:
            pid = place_id
            self._replaced.append((pid,))
        cap_lat, cap_lon = p.capital if p.capital else (None, None)
        self._places.append((pid, p.key, p.name, p.lat, p.lon, p.country_code, p.feature, p.geonameid,
                             p.admin1, p.admin2, p.population, p.source, cap_lat, cap_lon))
        seen: set[str] = set()
        keys: set[str] = set()
        for i, text in enumerate(entry.all_names()):
            norm = normalise(text)
            if not norm or norm in seen:
                continue
            seen.add(norm)
            key = key_of_normalised(norm)
            self._names.append((key, norm, pid, int(i == 0), skeleton(key), p.country_code))
            keys.add(key)
        bit = FEATURE_BITS.get(p.feature, FEATURE_BITS["other"])
        for key in keys:
            s = self._summary.setdefault(key, [0, 0, 0, 0])
            s[0] = max(s[0], p.population)
            s[1] |= bit
            s[2] += 1
            s[3] |= int(p.source == "curated")
        self.count += 1
        if len(self._places) >= 20_000:
            self.flush()

    def add_all(self, entries: Iterable[Entry]) -> None:
        for e in entries:
            self.add(e)

    def flush(self) -> None:
        if self._replaced:
            self.conn.executemany("DELETE FROM names WHERE place_id = ?", self._replaced)
            self._replaced.clear()
        self.conn.executemany(
            f"INSERT OR REPLACE INTO places({PLACE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self._places)
        self.conn.executemany(
            "INSERT INTO names(key, norm, place_id, primary_name, skel, cc) VALUES (?,?,?,?,?,?)",
            self._names)
        self._places.clear()
        self._names.clear()

    def add_demonyms(self, demonyms: dict[str, str]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO demonyms(key, cc) VALUES (?, ?)",
                              [(name_key(k), v) for k, v in demonyms.items() if name_key(k)])

    def add_neighbours(self, neighbours: dict[str, tuple[str, ...]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO neighbours(cc, neighbours) VALUES (?, ?)",
                              [(cc, ",".join(n)) for cc, n in neighbours.items()])

    def finish(self, meta: dict[str, str], summary_from_db: bool = False) -> None:
        """Write the name summary (the ruler's fast test) and the indexes; commit.

        ``summary_from_db`` recomputes the summary over every row (an import adds to earlier ones).
        """
        self.flush()
        self.conn.executescript(INDEXES)
        if summary_from_db:
            self._summary = self._summary_from_db()
        self.conn.execute("DELETE FROM name_keys")
        self.conn.executemany(
            "INSERT INTO name_keys(key, max_pop, features, places, curated) VALUES (?,?,?,?,?)",
            ((k, *v) for k, v in self._summary.items()))
        self.conn.executemany("INSERT OR REPLACE INTO meta(name, value) VALUES (?, ?)",
                              [("format_version", FORMAT_VERSION), *meta.items()])
        self.conn.commit()

    def _summary_from_db(self) -> dict[str, list[int]]:
        summary: dict[str, list[int]] = {}
        rows = self.conn.execute(
            "SELECT n.key, p.feature, MAX(p.population), COUNT(DISTINCT p.id), MAX(p.source = 'curated') "
            "FROM names n JOIN places p ON p.id = n.place_id GROUP BY n.key, p.feature")
        for key, feature, pop, count, curated in rows:
            s = summary.setdefault(key, [0, 0, 0, 0])
            s[0] = max(s[0], int(pop or 0))
            s[1] |= FEATURE_BITS.get(feature, FEATURE_BITS["other"])
            s[2] += int(count)
            s[3] |= int(curated or 0)
        return summary
