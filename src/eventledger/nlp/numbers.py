"""Read a figure from a run of words: "at least 12", "1,200", "twenty-one", "10-15", "dozens".

Works on lower-case token texts so it can be tested without a parser. Exact number words come
from ``number_words.csv`` and vague counts from ``vague_numbers.csv`` (our rule table: "dozens"
→ 12, "several" → the event-size rule). No library reads number words here: ``text2num`` turns
"thousands" into 1000 and would hide that a figure is vague.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventledger.nlp.figure_lexicon import FigureLexicon, VagueCount

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_DIGIT_RANGE = re.compile(r"^(\d+)[-–](\d+)$")
_RANGE_WORDS = ("-", "–", "—", "to", "or")
_ARTICLES = ("a", "an")


@dataclass(frozen=True)
class NumberReading:
    """A figure found at token ``start`` (its qualifier included) up to ``end`` (exclusive).

    ``number_start`` is where the number itself begins (after "at least"). ``rule`` is ``None``
    for an exact figure, else the vague-number rule (``fixed``, ``event_size``, ``unknown``);
    ``low`` is ``None`` for the ``event_size`` and ``unknown`` rules until the caller applies them.
    """

    start: int
    end: int
    number_start: int
    low: int | None
    high: int | None
    rule: str | None = None
    qualifier: str | None = None

    @property
    def vague(self) -> bool:
        return self.rule is not None


class NumberReader:
    """Reads figures with one lexicon; holds no state between calls."""

    def __init__(self, lexicon: FigureLexicon) -> None:
        self.lexicon = lexicon

    def read(self, words: Sequence[str], i: int) -> NumberReading | None:
        """The figure starting at ``words[i]``, or ``None`` when none starts there."""
        first = words[i]
        if first not in self.lexicon.figure_starts and not first[:1].isdigit():
            return None
        qualifier, j = self._qualifier(words, i)
        found = self._figure(words, j)
        if found is None:
            return None
        low, high, end, rule = found
        if qualifier == "range":
            return self._between(words, i, j, low, end, rule)
        if rule is None and high is None:
            high, end, qualifier = self._tail(words, end, low, qualifier)
        return NumberReading(i, end, j, low, high, rule, qualifier)

    def _qualifier(self, words: Sequence[str], i: int) -> tuple[str | None, int]:
        for size in range(self.lexicon.longest_qualifier, 0, -1):
            key = tuple(words[i:i + size])
            if len(key) == size and key in self.lexicon.qualifiers:
                return self.lexicon.qualifiers[key], i + size
        return None, i

    def _between(self, words: Sequence[str], i: int, j: int, low: int | None, end: int,
                 rule: str | None) -> NumberReading:
        """"between 10 and 15" → 10..15; a lone "between" reads as no qualifier."""
        if end < len(words) and words[end] == "and":
            other = self._figure(words, end + 1)
            if other is not None and other[3] is None and rule is None:
                return NumberReading(i, other[2], j, low, other[0], None, None)
        return NumberReading(j, end, j, low, None, rule, None)

    def _tail(self, words: Sequence[str], end: int, low: int | None,
              qualifier: str | None) -> tuple[int | None, int, str | None]:
        """A range ("10 to 15", "one or two") or a trailing qualifier ("20 or more")."""
        if end + 1 < len(words) and words[end] == "or" and words[end + 1] == "more":
            return None, end + 2, qualifier or "at_least"
        if end + 1 < len(words) and words[end] == "or" and words[end + 1] == "so":
            return None, end + 2, qualifier or "about"
        if end + 1 < len(words) and words[end] in _RANGE_WORDS:
            other = self._exact(words, end + 1)
            if other is not None and low is not None and other[0] > low:
                return other[0], other[1], qualifier
        return None, end, qualifier

    def _figure(self, words: Sequence[str], j: int) -> tuple[int | None, int | None, int, str | None] | None:
        """(low, high, end, rule) of an exact or vague figure at ``j``; the longer reading wins."""
        vague = self._vague(words, j)
        exact = self._exact_or_range(words, j)
        if vague is not None and (exact is None or vague[1] >= exact[2]):
            count, end = vague
            return count.low, None, end, count.rule
        if exact is not None:
            return exact[0], exact[1], exact[2], None
        return None

    def _vague(self, words: Sequence[str], j: int) -> tuple[VagueCount, int] | None:
        for size in range(self.lexicon.longest_vague, 0, -1):
            key = tuple(words[j:j + size])
            if len(key) == size and key in self.lexicon.vague:
                return self.lexicon.vague[key], j + size
        return None

    def _exact_or_range(self, words: Sequence[str], j: int) -> tuple[int, int | None, int] | None:
        if j < len(words):
            m = _DIGIT_RANGE.match(words[j])
            if m and int(m.group(2)) > int(m.group(1)):
                return int(m.group(1)), int(m.group(2)), j + 1
        exact = self._exact(words, j)
        return (exact[0], None, exact[1]) if exact is not None else None

    def _exact(self, words: Sequence[str], j: int) -> tuple[int, int] | None:
        """(value, end) of digits ("1,200", "1.5 million") or number words ("twenty-one")."""
        if j >= len(words):
            return None
        word = words[j]
        if _DIGITS.match(word) or _DECIMAL.match(word):
            value = float(word.replace(",", ""))
            scale = self.lexicon.number_words.get(words[j + 1]) if j + 1 < len(words) else None
            if scale is not None and scale.kind == "scale":
                return int(value * scale.value), j + 2
            return (int(value), j + 1) if value.is_integer() else None
        return self._words(words, j)

    def _words(self, words: Sequence[str], j: int) -> tuple[int, int] | None:
        """Number words: units and tens add, scales multiply ("one hundred and five" → 105)."""
        table = self.lexicon.number_words
        total, current, k, last = 0, 0, j, ""
        if k + 1 < len(words) and words[k] in _ARTICLES and words[k + 1] in table \
                and table[words[k + 1]].kind == "scale":
            current, k = 1, k + 1
        while k < len(words):
            entry = table.get(words[k])
            joiner = {"tens": "-", "scale": "and"}.get(last)
            if entry is None and joiner is not None and words[k] == joiner and k + 1 < len(words):
                entry = table.get(words[k + 1])
                if entry is None or entry.kind == "scale":
                    break
                k += 1
            if entry is None or not _may_follow(last, entry.kind):
                break
            if entry.kind == "scale":
                current = max(current, 1) * entry.value
                if entry.value >= 1000:
                    total, current = total + current, 0
            else:
                current += entry.value
            last, k = entry.kind, k + 1
        if not last:
            return None
        return total + current, k


def _may_follow(last: str, kind: str) -> bool:
    """Word order of English numbers: "twenty one", "five hundred", "hundred and five"."""
    if not last or kind == "scale":
        return True
    if last == "unit":
        return False
    if last == "tens":
        return kind == "unit"
    return True
