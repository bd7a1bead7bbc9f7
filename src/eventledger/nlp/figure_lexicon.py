"""The word tables ``el_quantities`` reads figures with, loaded from ``eventledger/data``.

Each table is a small CSV with a fixed header, checked when it is loaded so a typo in a data file
fails at pipeline start with the file and line, never mid-run (DESIGN.md, style rule 4). Adding a
word means adding a row; no code changes. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from eventledger.errors import DataFileError

QUALIFIERS = frozenset({"at_least", "more_than", "up_to", "about", "range"})
NUMBER_KINDS = frozenset({"unit", "tens", "scale"})
VAGUE_RULES = frozenset({"fixed", "event_size", "unknown"})
NOUN_KINDS = frozenset({"person", "group", "place", "thing", "measure"})
OUTCOMES = frozenset({"killed", "injured", "abducted", "arrested", "missing", "displaced", "casualties"})
OUTCOME_CUES = frozenset({"object", "subject", "state", "noun", "toll", "lives", "suffer"})
CONTEXTS = frozenset({"background", "hypothetical"})


@dataclass(frozen=True)
class NumberWord:
    value: int
    kind: str


@dataclass(frozen=True)
class VagueCount:
    """A vague count such as "dozens" (fixed 12) or "several" (the event-size rule)."""

    low: int | None
    rule: str


@dataclass(frozen=True)
class CountedNoun:
    about: str
    kind: str


@dataclass(frozen=True)
class OutcomeWord:
    outcome: str
    zero: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class FigureLexicon:
    """Every word table the figure reader needs; build with :func:`load_figure_lexicon`.

    Multi-word keys (qualifiers, vague phrases, counted nouns) are tuples of lower-case words as
    spaCy tokenises them.
    """

    number_words: dict[str, NumberWord]
    vague: dict[tuple[str, ...], VagueCount]
    qualifiers: dict[tuple[str, ...], str]
    counted_nouns: dict[tuple[str, ...], CountedNoun]
    outcomes: dict[tuple[str, str], OutcomeWord]
    scale_cues: frozenset[str]
    contexts: dict[str, str]

    def outcome(self, word: str, cue: str) -> OutcomeWord | None:
        return self.outcomes.get((cue, word))

    @cached_property
    def longest_qualifier(self) -> int:
        return max((len(k) for k in self.qualifiers), default=0)

    @cached_property
    def longest_vague(self) -> int:
        return max((len(k) for k in self.vague), default=0)

    @cached_property
    def figure_starts(self) -> frozenset[str]:
        """Words a figure can start with (digits aside): a quick test before reading one."""
        words = {k[0] for k in self.qualifiers} | {k[0] for k in self.vague} | set(self.number_words)
        return frozenset(words | {"a", "an"})

    @cached_property
    def outcome_words(self) -> frozenset[str]:
        """Every word of any outcome cue: a sentence without one holds no casualty."""
        return frozenset(word for _, word in self.outcomes)


TableSource = Callable[[str], str]
"""Reads a table's text by file name: :func:`read_packaged`, or a dict's ``__getitem__`` in tests."""


def read_packaged(name: str) -> str:
    """A data file shipped in ``eventledger/data``."""
    try:
        return resources.files("eventledger.data").joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{name}: cannot read: {exc}") from exc


def _read_rows(name: str, columns: tuple[str, ...], read: TableSource
               ) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV as dicts, with 1-based line numbers; the header must match exactly."""
    text = read(name)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.lstrip().startswith("#")]
    lines = [(n, line) for n, line in lines if line.strip()]
    if not lines:
        raise DataFileError(f"{name}: empty table")
    header_line, header = lines[0]
    if tuple(next(csv.reader([header]))) != columns:
        raise DataFileError(f"{name}:{header_line}: header must be {','.join(columns)}")
    for number, line in lines[1:]:
        values = next(csv.reader(io.StringIO(line)))
        if len(values) != len(columns):
            raise DataFileError(f"{name}:{number}: expected {len(columns)} fields, got {len(values)}")
        yield number, dict(zip(columns, (v.strip() for v in values), strict=True))


def _check(name: str, line: int, ok: bool, message: str) -> None:
    if not ok:
        raise DataFileError(f"{name}:{line}: {message}")


def _int_or_none(name: str, line: int, text: str) -> int | None:
    if not text:
        return None
    _check(name, line, text.isdigit(), f"not a whole number: {text!r}")
    return int(text)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


def _table(name: str, columns: tuple[str, ...], row: Callable[[int, dict[str, str]], None],
           read: TableSource, key: tuple[str, ...] | None = None) -> None:
    """Check every row of a table (first column required, ``key`` columns unique) and hand it on."""
    seen: set[tuple[str, ...]] = set()
    for line, values in _read_rows(name, columns, read):
        _check(name, line, bool(values[columns[0]]), f"empty {columns[0]}")
        unique = tuple(values[c].lower() for c in (key or columns[:1]))
        _check(name, line, unique not in seen, f"duplicate entry {' / '.join(unique)!r}")
        seen.add(unique)
        row(line, values)


def load_number_words(read: TableSource = read_packaged) -> dict[str, NumberWord]:
    name, out = "number_words.csv", {}

    def row(line: int, v: dict[str, str]) -> None:
        _check(name, line, v["kind"] in NUMBER_KINDS, f"kind must be one of {sorted(NUMBER_KINDS)}")
        value = _int_or_none(name, line, v["value"])
        _check(name, line, value is not None, "value is required")
        out[v["word"].lower()] = NumberWord(value or 0, v["kind"])

    _table(name, ("word", "value", "kind"), row, read)
    return out


def load_vague_counts(read: TableSource = read_packaged) -> dict[tuple[str, ...], VagueCount]:
    name, out = "vague_numbers.csv", {}

    def row(line: int, v: dict[str, str]) -> None:
        _check(name, line, v["rule"] in VAGUE_RULES, f"rule must be one of {sorted(VAGUE_RULES)}")
        low = _int_or_none(name, line, v["low"])
        _check(name, line, (low is not None) == (v["rule"] == "fixed"), "low is given exactly for fixed rows")
        out[_words(v["phrase"])] = VagueCount(low, v["rule"])

    _table(name, ("phrase", "low", "rule"), row, read)
    return out


def load_qualifiers(read: TableSource = read_packaged) -> dict[tuple[str, ...], str]:
    name, out = "figure_qualifiers.csv", {}

    def row(line: int, v: dict[str, str]) -> None:
        _check(name, line, v["qualifier"] in QUALIFIERS, f"qualifier must be one of {sorted(QUALIFIERS)}")
        out[_words(v["phrase"])] = v["qualifier"]

    _table(name, ("phrase", "qualifier"), row, read)
    return out


def load_counted_nouns(read: TableSource = read_packaged) -> dict[tuple[str, ...], CountedNoun]:
    name, out = "counted_nouns.csv", {}

    def row(line: int, v: dict[str, str]) -> None:
        _check(name, line, v["kind"] in NOUN_KINDS, f"kind must be one of {sorted(NOUN_KINDS)}")
        _check(name, line, bool(v["about"]), "about is required")
        _check(name, line, len(_words(v["noun"])) <= 2, "nouns are one or two words")
        out[_words(v["noun"])] = CountedNoun(v["about"], v["kind"])

    _table(name, ("noun", "about", "kind"), row, read)
    return out


def load_outcome_words(read: TableSource = read_packaged) -> dict[tuple[str, str], OutcomeWord]:
    name, out = "outcome_words.csv", {}

    def row(line: int, v: dict[str, str]) -> None:
        _check(name, line, v["outcome"] in OUTCOMES, f"outcome must be one of {sorted(OUTCOMES)}")
        _check(name, line, v["cue"] in OUTCOME_CUES, f"cue must be one of {sorted(OUTCOME_CUES)}")
        _check(name, line, " " not in v["word"], "words are single tokens")
        zero = tuple(v["zero"].split()) or (v["outcome"],)
        _check(name, line, set(zero) <= OUTCOMES, f"zero outcomes must be among {sorted(OUTCOMES)}")
        out[(v["cue"], v["word"].lower())] = OutcomeWord(v["outcome"], zero)

    _table(name, ("word", "outcome", "cue", "zero"), row, read, key=("cue", "word"))
    return out


def load_context_cues(read: TableSource = read_packaged) -> dict[str, str]:
    name, out = "context_cues.csv", {}

    def row(line: int, v: dict[str, str]) -> None:
        _check(name, line, v["context"] in CONTEXTS, f"context must be one of {sorted(CONTEXTS)}")
        out[v["word"].lower()] = v["context"]

    _table(name, ("word", "context"), row, read)
    return out


def load_word_set(name: str, read: TableSource = read_packaged) -> frozenset[str]:
    """A one-column table of lower-case words (``event_scale_cues.csv``, ``date_name_words.csv``)."""
    words: set[str] = set()
    _table(name, ("word",), lambda line, v: words.add(v["word"].lower()), read)
    return frozenset(words)


def load_figure_lexicon(read: TableSource = read_packaged) -> FigureLexicon:
    """Read and check every table; call once per component instance."""
    return FigureLexicon(
        number_words=load_number_words(read),
        vague=load_vague_counts(read),
        qualifiers=load_qualifiers(read),
        counted_nouns=load_counted_nouns(read),
        outcomes=load_outcome_words(read),
        scale_cues=load_word_set("event_scale_cues.csv", read),
        contexts=load_context_cues(read),
    )
