"""The word lists the toponym components read: cue words, locative prepositions, person titles,
and words that are never toponyms on their own. Data files with a checked schema:

- ``data/place_cues.csv`` (``word, feature, note``): "Kech *district*", "*village* of X"; the
  feature is what the cue says the named place is.
- ``data/place_words.csv`` (``word, kind, note``): kind ``locative`` ("in", "near"), ``title``
  ("Mr", "Sheriff": a name after it is a person), ``stop`` (month names, "Police") or
  ``people`` (names of peoples, "Baloch", "Pashtun": never a place on their own),
  ``landmark`` (roads, rivers: a place named in "the Kabul-Jalalabad *highway*" names the
  road, which may run far from it) or ``facility`` (airports, junctions, bridges: "Turbat
  *Airport*", "Ghazni Amanullah *roundabout*" are near or in a town, not necessarily the one
  named).

Adding a word never needs code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from eventledger.errors import DataFileError
from eventledger.gazetteer.place import FEATURES

WORD_KINDS = frozenset({"locative", "title", "stop", "people", "landmark", "facility"})


@dataclass(frozen=True)
class PlaceWords:
    """All lists lower-cased; ``cues`` maps a cue word to the feature it implies."""

    cues: dict[str, str]
    locatives: frozenset[str]
    titles: frozenset[str]
    stops: frozenset[str]
    peoples: frozenset[str] = frozenset()
    landmarks: frozenset[str] = frozenset()
    facilities: frozenset[str] = frozenset()


def _read(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    text = resources.files("eventledger.data").joinpath(name).read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != columns:
        raise DataFileError(f"{name}: header must be {','.join(columns)}, got {reader.fieldnames}")
    rows = []
    for i, row in enumerate(reader, start=2):
        word = (row.get(columns[0]) or "").strip().lower()
        if not word:
            raise DataFileError(f"{name}:{i}: empty {columns[0]}")
        rows.append({**row, columns[0]: word, columns[1]: (row.get(columns[1]) or "").strip()})
    return rows


def load_place_words() -> PlaceWords:
    """Read and check both files; raise ``DataFileError`` on any fault."""
    cues: dict[str, str] = {}
    for row in _read("place_cues.csv", ("word", "feature", "note")):
        if row["feature"] not in FEATURES:
            raise DataFileError(f"place_cues.csv: {row['word']!r} has unknown feature {row['feature']!r}")
        cues[row["word"]] = row["feature"]
    kinds: dict[str, set[str]] = {k: set() for k in WORD_KINDS}
    for row in _read("place_words.csv", ("word", "kind", "note")):
        if row["kind"] not in WORD_KINDS:
            raise DataFileError(f"place_words.csv: {row['word']!r} has unknown kind {row['kind']!r}")
        kinds[row["kind"]].add(row["word"])
    return PlaceWords(cues, frozenset(kinds["locative"]), frozenset(kinds["title"]), frozenset(kinds["stop"]),
                      frozenset(kinds["people"]), frozenset(kinds["landmark"]), frozenset(kinds["facility"]))
