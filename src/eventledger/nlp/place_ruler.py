"""``el_place_ruler``: mark toponyms as entities *before* spaCy's statistical NER.

The small English model tags Quetta as ORG and Gwadar as PRODUCT; a span set before ``ner``
is kept and the model predicts around it. The ruler must be precise, because whatever it marks
the NER can no longer correct: it looks up runs of capitalised tokens (longest first, up to
``max_words``) in the gazetteer's name summary and marks a match only when the evidence is good:

- the name is a country, a first-level admin area or a curated area/site ("Balochistan", "Chagai");
- a cue word follows or precedes it ("Kech district", "the village of X");
- it heads a comma chain ending in such a name ("Turbat, Balochistan");
- a locative preposition precedes it ("in Gwadar") and some place of that name has at least
  ``min_population`` people (``strong_population`` after a weak locative such as "to" or
  "from", which as often precede a person: "spoke to Kelly").

A big city's name alone is not enough evidence: "Kelly", "Allen" and "Chen" are towns somewhere
and names everywhere; such spans are left to the NER.

It never marks a stop word ("March", "Police"), a name after a title ("Sheriff Anderson"), or a
place name inside a longer capitalised name ("Kabul University"); those are left to the NER,
whose GPE/LOC/FAC spans ``el_toponyms`` also reads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventledger.gazetteer import gazetteer_from_config
from eventledger.gazetteer.normalise import name_key
from eventledger.gazetteer.protocol import FEATURE_BITS, Gazetteer, NameInfo
from eventledger.gazetteer.wordlists import PlaceWords, load_place_words
from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)

log = logging.getLogger(__name__)

# Lower-case words allowed inside a multi-word name ("Sar-e Pol", "Isle of Wight", "Trinidad and
# Tobago"); "on"/"upon" only between hyphens ("Southend-on-Sea"), not in "Quetta on Friday".
CONNECTORS = frozenset({"de", "del", "la", "le", "du", "da", "do", "al", "el", "e", "i", "ye", "of", "ul",
                        "ud", "-", "the", "and"})
# Between hyphens also Arabic articles ("Deir ez-Zor", "Ras al-Ain", "Tell ash-Shaykh"), which
# as separate words are English ones ("as", "at", "an").
HYPHENATED_CONNECTORS = CONNECTORS | {"on", "upon", "en", "sur", "am", "an", "im", "ez", "ed", "es", "ad", "as",
                                      "ash", "ar", "at", "az", "ath", "ud", "ur", "us"}
STRONG_BITS = FEATURE_BITS["country"] | FEATURE_BITS["admin1"]
# Locatives that precede people about as often as places.
LEADING = frozenset({"the", "and", "but"})
CACHE_SIZE = 100_000
LIST_JOINERS = frozenset({",", "and", "or"})
DATELINE_MARKS = frozenset({"--", "—", "–", "-", "(", ":", ","})
# Marks the ruler's spans (``Span.kb_id_``) so later components can tell them from the NER's.
RULER_ID = "el_place_ruler"
WEAK_LOCATIVES = frozenset({"to", "from", "via", "between", "towards", "toward", "through"})


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    info: NameInfo


def _namey(text: str, is_alpha: bool) -> bool:
    return len(text) > 1 and text[0].isupper() and (is_alpha or "." in text or "'" in text or "’" in text)


@dataclass(frozen=True)
class Tokens:
    """A doc's tokens as plain lists, read once: spaCy builds a Python object per ``doc[i]``,
    which would dominate the ruler's cost."""

    text: list[str]
    lower: list[str]
    space: list[str]
    namey: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> Tokens:
        text, lower, space, namey = [], [], [], []
        for t in doc:
            text.append(t.text)
            lower.append(t.lower_)
            space.append(t.whitespace_)
            namey.append(_namey(t.text, t.is_alpha))
        return cls(text, lower, space, namey)

    def __len__(self) -> int:
        return len(self.text)

    def span(self, start: int, end: int) -> str:
        return "".join(self.text[k] + self.space[k] for k in range(start, end - 1)) + self.text[end - 1]


def label_for(info: NameInfo) -> str:
    """GPE for countries, admin areas and towns; LOC for regions; FAC for sites."""
    if info.features & ~(FEATURE_BITS["site"] | FEATURE_BITS["region"]):
        return "GPE"
    return "FAC" if info.has("site") else "LOC"


class PlaceRuler:
    """Finds toponym spans by gazetteer lookups; see the module docstring for the rules."""

    def __init__(self, gazetteer: Gazetteer | None, words: PlaceWords, *, min_population: int = 1000,
                 strong_population: int = 50_000, max_words: int = 5) -> None:
        self.gazetteer = gazetteer
        self.words = words
        self.min_population = min_population
        self.strong_population = strong_population
        self.max_words = max_words
        self._info: dict[str, NameInfo | None] = {}  # span text -> summary; per instance, bounded

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None or len(doc) == 0:
            return doc
        tv = Tokens.of(doc)
        spans = [Span(doc, start, end, label=label, kb_id=RULER_ID) for start, end, label in self.find(tv)]
        if spans and doc.has_annotation("ENT_IOB"):
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            spans = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
        if spans:
            doc.set_ents(spans, default="unmodified")
        return doc

    # -- finding runs and matches ----------------------------------------------------------
    def runs(self, tv: Tokens) -> list[tuple[int, int]]:
        """Maximal runs of capitalised tokens, allowing connectors between two of them."""
        out: list[tuple[int, int]] = []
        i, n = 0, len(tv)
        while i < n:
            if not tv.namey[i]:
                i += 1
                continue
            j = i + 1
            while j < n:
                if tv.namey[j]:
                    j += 1
                    continue
                k = j
                while k < n and k - j < 3 and tv.lower[k] in HYPHENATED_CONNECTORS:
                    k += 1
                words = set(tv.lower[j:k])
                if k == j or k >= n or not tv.namey[k] or ("-" not in words and not words <= CONNECTORS):
                    break
                j = k + 1
            out.append((i, j))
            i = j
        return out

    def _lookup(self, tv: Tokens, start: int, end: int) -> NameInfo | None:
        text = tv.span(start, end)
        if text not in self._info:
            if len(self._info) > CACHE_SIZE:
                self._info.clear()
            key = name_key(text)
            self._info[text] = self.gazetteer.name_info(key) if key and self.gazetteer is not None else None
        return self._info[text]

    def matches_in(self, tv: Tokens, start: int, end: int) -> list[Candidate]:
        """Greedy longest matches inside a run; a name starts and ends on a capitalised word."""
        out: list[Candidate] = []
        i = start
        while i < end:
            if not tv.namey[i]:
                i += 1
                continue
            for j in range(min(end, i + self.max_words), i, -1):
                if not tv.namey[j - 1]:
                    continue
                info = self._lookup(tv, i, j)
                if info is not None:
                    out.append(Candidate(i, j, info))
                    i = j
                    break
            else:
                i += 1
        return out

    def find(self, tv: Tokens) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` token spans to mark."""
        spans: list[tuple[int, int, str]] = []
        ends: set[int] = set()
        for start, end in self.runs(tv):
            start = self._skip_leading(tv, start, end)
            if start >= end or (start > 0 and tv.lower[start - 1].rstrip(".") in self.words.titles):
                continue
            found = self.matches_in(tv, start, end)
            whole = len(found) == 1 and found[0].start == start and found[0].end == end
            if not whole and (self._unknown_with_cue(tv, start, end) or self._unknown_in_chain(tv, start, end)):
                spans.append((start, end, "GPE"))
                continue
            for cand in found:
                if self._covers_run(tv, cand, found, start, end) and self.accept(tv, cand, ends):
                    spans.append((cand.start, cand.end, label_for(cand.info)))
                    ends.add(cand.end)
        return spans

    def _unknown_with_cue(self, tv: Tokens, start: int, end: int) -> bool:
        """A name the gazetteer lacks, announced by a cue word: "in Khom Abbasi neighborhood",
        "the village of Dara-e-Taimoor"."""
        if set(tv.lower[start:end]) & (self.words.stops | self.words.peoples | self.words.titles):
            return False
        lowercase_next = end >= len(tv) or tv.text[end].islower()
        return lowercase_next and self._cue_near(tv, Candidate(start, end, NameInfo(0, 0, 0)))

    def _unknown_in_chain(self, tv: Tokens, start: int, end: int) -> bool:
        """A name the gazetteer lacks (or knows only in parts) after a locative and heading a
        comma chain that ends in a province or country: "in Shahrak-e-Arezo, Ghazni,
        Afghanistan" is one place, not Shahrak and a misspelt Arezzo."""
        if start == 0 or tv.lower[start - 1] not in self.words.locatives or tv.lower[start - 1] == "of":
            return False
        if set(tv.lower[start:end]) & (self.words.stops | self.words.peoples | self.words.titles):
            return False
        return self._heads_chain(tv, Candidate(start, end, NameInfo(0, 0, 0)))

    def _skip_leading(self, tv: Tokens, start: int, end: int) -> int:
        """Drop sentence-initial capitalised function words ("In Quetta", "The Hague" is a name)."""
        while start < end - 1 and (tv.lower[start] in self.words.locatives or tv.lower[start] in LEADING):
            if tv.lower[start] == "the" and self._lookup(tv, start, end) is not None:
                break
            start += 1
        return start

    def _covers_run(self, tv: Tokens, cand: Candidate, found: list[Candidate], start: int, end: int) -> bool:
        """A match counts only when the rest of its run is other places or cue words: in
        "Kabul University" or "Michael Jordan" the place name is part of another name."""
        covered = {i for c in found for i in range(c.start, c.end)}
        return all(i in covered or tv.lower[i] in self.words.cues or tv.lower[i] in CONNECTORS
                   for i in range(start, end))

    # -- the evidence rules ----------------------------------------------------------------
    def accept(self, tv: Tokens, cand: Candidate, ends: set[int] | None = None) -> bool:
        """The evidence rules; ``ends`` are the end tokens of places already marked, so a list
        ("in Quetta, Gwadar and Turbat") carries its locative to every member."""
        info = cand.info
        if cand.end - cand.start == 1 and tv.lower[cand.start] in self.words.stops | self.words.peoples:
            return self._cue_near(tv, cand) and tv.lower[cand.start] not in self.words.peoples
        if info.features & STRONG_BITS or info.curated:
            return True
        if self._cue_near(tv, cand) or self._heads_chain(tv, cand) or self._dateline_like(tv, cand):
            return True
        prev = tv.lower[cand.start - 1] if cand.start > 0 else ""
        if prev in LIST_JOINERS and cand.start - 1 in (ends or set()):
            prev = "in"
        if prev not in self.words.locatives or prev == "of":
            return False
        needed = self.strong_population if prev in WEAK_LOCATIVES else self.min_population
        return info.max_population >= needed or info.is_area

    @staticmethod
    def _dateline_like(tv: Tokens, cand: Candidate) -> bool:
        """"MANSFIELD -- Mayor ...", "BEIRUT (AP) —": a capitalised place opening a report."""
        text = tv.span(cand.start, cand.end)
        if not text.isupper() or len(text) < 4 or cand.end >= len(tv):
            return False
        return tv.text[cand.end] in DATELINE_MARKS or tv.text[cand.end].startswith("--")

    def _cue_near(self, tv: Tokens, cand: Candidate) -> bool:
        after = tv.lower[cand.end] if cand.end < len(tv) else ""
        if after in self.words.cues:
            return True
        # "the city of X", "Dara village of X"
        return (cand.start >= 2 and tv.lower[cand.start - 1] == "of"
                and tv.lower[cand.start - 2] in self.words.cues)

    def _heads_chain(self, tv: Tokens, cand: Candidate) -> bool:
        """"Turbat, Balochistan": a name followed by a comma and a country or admin1 name."""
        i = cand.end
        if i + 1 >= len(tv) or tv.text[i] != "," or not tv.namey[i + 1]:
            return False
        for j in range(min(len(tv), i + 1 + self.max_words), i + 1, -1):
            info = self._lookup(tv, i + 1, j)
            if info is not None:
                return bool(info.features & STRONG_BITS or info.curated)
        return False


@Language.factory("el_place_ruler", default_config={"gazetteer_path": None, "data_dir": None,
                                                    "min_population": 1000, "strong_population": 50_000,
                                                    "max_words": 5})
def make_place_ruler(nlp: Language, name: str, gazetteer_path: str | None, data_dir: str | None,
                     min_population: int, strong_population: int, max_words: int) -> PlaceRuler:
    return PlaceRuler(gazetteer_from_config(gazetteer_path, data_dir), load_place_words(),
                      min_population=min_population, strong_population=strong_population, max_words=max_words)
