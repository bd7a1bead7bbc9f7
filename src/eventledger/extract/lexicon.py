"""The trigger lexicon (``data/triggers.csv``): cue words compiled into a spaCy ``Matcher``.

The lexicon is data so that adding a word never needs a code change (DESIGN.md). Matching uses
lower-cased surface forms with generated regular inflections rather than lemmas, so it works the
same with the trained model and with the blank fallback pipeline (which has no lemmatizer).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from eventledger.errors import DataFileError

LEXICON_FILE = "triggers.csv"
FIELDS = ("cue", "pattern", "weight", "tags", "note")
POS_TAGS = {"VERB", "NOUN", "ADJ", "PROPN", "ADV", "AUX", "NUM", "ADP"}


@dataclass(frozen=True)
class LexiconEntry:
    """One row of the lexicon; ``key`` is the row's match id (``cue#line``)."""

    key: str
    cue: str
    pattern: str
    weight: float
    tags: tuple[str, ...]
    line: int


def inflections(word: str) -> set[str]:
    """Regular English inflections of a base word (over-generation is harmless here)."""
    w = word.lower()
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "ers"}
    if w.endswith("e"):
        out |= {w[:-1] + "ing", w[:-1] + "ed", w + "d"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if re.fullmatch(r".*[^aeiou][aeiou][bdgklmnprt]", w) and len(w) <= 6:
        out |= {w + w[-1] + "ed", w + w[-1] + "ing", w + w[-1] + "er", w + w[-1] + "ers"}
    if w.endswith(("ch", "sh", "ss", "x")):
        out.add(w + "es")
    return out


@dataclass(frozen=True)
class TokenSpec:
    """One compiled pattern token: a word set and/or prefixes, a part of speech, or a gap."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    pos: str | None = None
    optional: bool = False
    gap: int = 0

    def accepts(self, lower: str, pos: str) -> bool:
        if self.pos is not None and pos and pos != self.pos:
            return False
        return lower in self.words or any(lower.startswith(p) for p in self.prefixes)


def compile_token(spec: str, line: int) -> TokenSpec:
    """One pattern token (``kill``, ``gunned!``, ``a|b/NOUN``, ``pre*``, ``x?``, ``~3``)."""
    if re.fullmatch(r"~\d", spec):
        return TokenSpec(gap=int(spec[1]))
    optional = spec.endswith("?") and len(spec) > 1
    if optional:
        spec = spec[:-1]
    pos: str | None = None
    if "/" in spec:
        spec, pos = spec.rsplit("/", 1)
        if pos not in POS_TAGS:
            raise DataFileError(f"{LEXICON_FILE}:{line}: unknown part of speech {pos!r}")
    words: set[str] = set()
    prefixes: list[str] = []
    for alt in spec.split("|"):
        if not alt or alt in {"*", "!"}:
            raise DataFileError(f"{LEXICON_FILE}:{line}: empty alternative in {spec!r}")
        if alt.endswith("*"):
            prefixes.append(alt[:-1].lower())
        elif alt.endswith("!"):
            words.add(alt[:-1].lower())
        else:
            words |= inflections(alt)
    return TokenSpec(frozenset(words), tuple(prefixes), pos, optional)


def compile_pattern(pattern: str, line: int) -> list[tuple[TokenSpec, ...]]:
    """All alternatives of a row's pattern, each a tuple of token specs."""
    out = []
    for alternative in pattern.split(" ; "):
        tokens = alternative.split()
        if not tokens:
            raise DataFileError(f"{LEXICON_FILE}:{line}: empty pattern")
        specs = tuple(compile_token(t, line) for t in tokens)
        if specs[0].gap or specs[-1].gap or specs[0].optional:
            raise DataFileError(f"{LEXICON_FILE}:{line}: a pattern cannot start with an optional "
                                "token or start or end with a gap")
        out.append(specs)
    return out


def _match_rest(specs: tuple[TokenSpec, ...], k: int, lowers: list[str], tags: list[str],
                i: int, limit: int) -> int | None:
    """End index (exclusive) of the longest match of ``specs[k:]`` starting at token ``i``."""
    if k == len(specs):
        return i
    spec = specs[k]
    best: int | None = None
    if spec.gap:
        for skip in range(spec.gap, -1, -1):
            if i + skip <= limit:
                end = _match_rest(specs, k + 1, lowers, tags, i + skip, limit)
                if end is not None and (best is None or end > best):
                    best = end
        return best
    if i < limit and spec.accepts(lowers[i], tags[i]):
        best = _match_rest(specs, k + 1, lowers, tags, i + 1, limit)
    if spec.optional:
        end = _match_rest(specs, k + 1, lowers, tags, i, limit)
        if end is not None and (best is None or end > best):
            best = end
    return best


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    lines = text.splitlines()
    header = next(csv.reader([lines[0]]))
    if tuple(header) != FIELDS:
        raise DataFileError(f"{LEXICON_FILE}: header must be {','.join(FIELDS)}")
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip() or raw.startswith("#"):
            continue
        values = next(csv.reader(io.StringIO(raw)))
        if len(values) != len(FIELDS):
            raise DataFileError(f"{LEXICON_FILE}:{number}: expected {len(FIELDS)} fields, got {len(values)}")
        yield number, dict(zip(FIELDS, values, strict=True))


@dataclass(frozen=True)
class TriggerHit:
    """A lexicon match: tokens ``start``..``end`` (exclusive) of the doc."""

    key: str
    start: int
    end: int


@dataclass
class Lexicon:
    entries: dict[str, LexiconEntry]
    by_word: dict[str, list[tuple[str, tuple[TokenSpec, ...]]]]
    by_prefix: list[tuple[str, str, tuple[TokenSpec, ...]]]
    prefix_re: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        if self.by_prefix:
            self.prefix_re = re.compile("|".join(sorted({re.escape(p) for p, _, _ in self.by_prefix})))

    @classmethod
    def load(cls, text: str | None = None) -> Lexicon:
        """Load and compile the lexicon (the packaged file unless ``text`` is given)."""
        if text is None:
            text = resources.files("eventledger.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
        entries: dict[str, LexiconEntry] = {}
        by_word: dict[str, list[tuple[str, tuple[TokenSpec, ...]]]] = {}
        by_prefix: list[tuple[str, str, tuple[TokenSpec, ...]]] = []
        for line, row in _rows(text):
            try:
                weight = float(row["weight"])
            except ValueError:
                raise DataFileError(f"{LEXICON_FILE}:{line}: weight {row['weight']!r} is not a number") from None
            if not 0 < weight <= 1 or not row["cue"]:
                raise DataFileError(f"{LEXICON_FILE}:{line}: needs a cue and a weight in (0, 1]")
            key = f"{row['cue']}#{line}"
            tags = tuple(t for t in row["tags"].split("|") if t)
            entries[key] = LexiconEntry(key, row["cue"], row["pattern"], weight, tags, line)
            for specs in compile_pattern(row["pattern"], line):
                for word in specs[0].words:
                    by_word.setdefault(word, []).append((key, specs))
                for prefix in specs[0].prefixes:
                    by_prefix.append((prefix, key, specs))
        return cls(entries, by_word, by_prefix)

    @property
    def cues(self) -> set[str]:
        return {e.cue for e in self.entries.values()}

    def find(self, lowers: list[str], tags: list[str], limit: int | None = None) -> list[TriggerHit]:
        """Longest match per (entry, start token) over a token sequence (lower-cased words and
        their coarse part-of-speech tags, empty when the pipeline has no tagger)."""
        limit = len(lowers) if limit is None else limit
        hits: dict[tuple[str, int], int] = {}
        for i in range(limit):
            word = lowers[i]
            candidates = list(self.by_word.get(word, ()))
            if self.prefix_re is not None and self.prefix_re.match(word):
                candidates += [(key, specs) for prefix, key, specs in self.by_prefix if word.startswith(prefix)]
            for key, specs in candidates:
                end = _match_rest(specs, 0, lowers, tags, i, limit)
                if end is not None and end > hits.get((key, i), i):
                    hits[(key, i)] = end
        return [TriggerHit(key, start, end) for (key, start), end in sorted(hits.items(), key=lambda kv: kv[0][1])]
