"""Phrase matching with capitalisation rules, shared by the actor and country lookups.

spaCy's ``PhraseMatcher`` on ``LOWER`` finds every spelling fast; a match is then kept only when
its capitals agree with the listed form: a capitalised word in the list needs a capitalised
word in the text ("Levies" the force, not "levies" the taxes), an acronym needs the acronym in
capitals ("BLA", not "bla"), and a word listed in lower case matches any case ("al-Shabaab").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import StringStore
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

T = TypeVar("T")


@dataclass(frozen=True)
class PhraseHit(Generic[T]):
    """A match of one listed form: token offsets, the payload and whether it was exact-case."""

    start: int
    end: int
    payload: T
    short: bool


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def token_case_ok(listed: str, seen: str, *, short: bool) -> bool:
    """Whether a text token's capitals agree with the listed token's."""
    if short:
        return seen == listed or (seen == listed.upper() and len(listed) > 2)
    if not any(c.isupper() for c in listed):
        return True
    if _acronym(listed):
        return seen == listed or seen == listed.upper()
    return seen[:1].isupper() or seen.isupper()


class CasedPhraseMatcher(Generic[T]):
    """A ``PhraseMatcher`` over lower-cased forms whose matches must agree in capitals.

    ``add(text, payload, short=...)`` lists a form; ``short`` forms (acronyms, short names) must
    appear exactly or in all capitals. ``find(doc)`` returns every kept match, overlapping ones
    included, in text order.
    """

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._forms: dict[str, list[tuple[tuple[str, ...], T, bool]]] = {}

    def __len__(self) -> int:
        return sum(len(forms) for forms in self._forms.values())

    def add_all(self, items: Iterable[tuple[str, T, bool]]) -> None:
        """List many forms at once: ``(text, payload, short)`` triples."""
        items = [(text.strip(), payload, short) for text, payload, short in items if text.strip()]
        # News copy uses typographic apostrophes ("People’s"), which tokenise differently.
        items += [(text.replace("'", "’"), payload, short) for text, payload, short in items if "'" in text]
        new_keys: dict[str, Doc] = {}
        tokenizer = self._nlp.tokenizer
        texts = [text for text, _, _ in items]
        docs = tokenizer.pipe(texts) if isinstance(tokenizer, Tokenizer) else map(tokenizer, texts)
        for (_text, payload, short), doc in zip(items, docs, strict=True):
            key = doc.text.lower()
            words = tuple(token.text for token in doc)
            bucket = self._forms.setdefault(key, [])
            if key not in new_keys and len(bucket) == 0:
                new_keys[key] = doc
            bucket.append((words, payload, short))
        for key, doc in new_keys.items():
            self._matcher.add(key, [doc])

    def find(self, doc: Doc | Span) -> list[PhraseHit[T]]:
        hits: list[PhraseHit[T]] = []
        offset = doc.start if isinstance(doc, Span) else 0
        strings = self._nlp.vocab.strings
        for match_id, start, end in self._matcher(doc):
            seen = [token.text for token in doc[start:end]]
            for words, payload, short in self._forms.get(strings[match_id], ()):
                if len(words) == len(seen) and all(
                        token_case_ok(w, s, short=short) for w, s in zip(words, seen, strict=True)):
                    hits.append(PhraseHit(start + offset, end + offset, payload, short))
        hits.sort(key=lambda hit: (hit.start, -hit.end))
        return hits


class WordSet:
    """Words as string hashes, to find the tokens that carry one of them without visiting every
    token in Python (``doc.to_array`` and ``numpy.isin`` do the scan)."""

    def __init__(self, strings: StringStore, words: Iterable[str]) -> None:
        self._hashes = numpy.array(sorted({strings.add(w) for w in words if w}), dtype=numpy.uint64)

    def positions(self, doc: Doc, attr: int) -> list[int]:
        """Indices of the tokens whose ``attr`` (``spacy.attrs.LOWER``, ``LEMMA``, ``ORTH``) is
        in the set, in text order."""
        if not len(doc) or not len(self._hashes):
            return []
        values = doc.to_array(attr)
        # Sorted hashes: a vectorised binary search beats numpy.isin's hashing for small sets.
        found = numpy.searchsorted(self._hashes, values).clip(max=len(self._hashes) - 1)
        return numpy.flatnonzero(self._hashes[found] == values).tolist()


class Sentences:
    """Sentence boundaries of a doc from one array scan, so that steps asking "which sentence is
    this token in" do not walk tokens one by one."""

    def __init__(self, doc: Doc) -> None:
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if len(doc) else []
        self.starts: list[int] = starts if starts and starts[0] == 0 else [0, *starts]
        self.length = len(doc)

    def bounds(self, i: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding token ``i``."""
        k = bisect.bisect_right(self.starts, i) - 1
        end = self.starts[k + 1] if k + 1 < len(self.starts) else self.length
        return self.starts[max(k, 0)], end


def any_between(positions: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of token positions has one in ``[start, end)``."""
    k = bisect.bisect_left(positions, start)
    return k < len(positions) and positions[k] < end


def longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` token ranges, preferring longer then earlier ones."""
    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()
    for start, end in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if not taken.intersection(range(start, end)):
            chosen.append((start, end))
            taken.update(range(start, end))
    return sorted(chosen)
