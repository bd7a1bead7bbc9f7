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
from spacy.tokens import Doc, Span, Token

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
HYPHENATED_CONNECTORS = CONNECTORS | {"on", "upon", "en", "sur", "am", "an", "im"}
STRONG_BITS = FEATURE_BITS["country"] | FEATURE_BITS["admin1"]
# Locatives that precede people about as often as places.
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


def _namey(tok: Token) -> bool:
    text = tok.text
    return len(text) > 1 and text[0].isupper() and (tok.is_alpha or "." in text or "'" in text or "’" in text)


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

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None or len(doc) == 0:
            return doc
        spans = self.find(doc)
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        new = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
        if new:
            doc.set_ents(new, default="unmodified")
        return doc

    # -- finding runs and matches ----------------------------------------------------------
    def runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Maximal runs of capitalised tokens, allowing connectors between two of them."""
        out: list[tuple[int, int]] = []
        i, n = 0, len(doc)
        while i < n:
            if not _namey(doc[i]):
                i += 1
                continue
            j = i + 1
            while j < n:
                if _namey(doc[j]):
                    j += 1
                    continue
                k = j
                while k < n and k - j < 3 and doc[k].lower_ in HYPHENATED_CONNECTORS:
                    k += 1
                words = {t.lower_ for t in doc[j:k]}
                if k == j or k >= n or not _namey(doc[k]) or ("-" not in words and not words <= CONNECTORS):
                    break
                j = k + 1
            out.append((i, j))
            i = j
        return out

    def _lookup(self, doc: Doc, start: int, end: int) -> NameInfo | None:
        key = name_key(doc[start:end].text)
        return self.gazetteer.name_info(key) if key and self.gazetteer is not None else None

    def matches_in(self, doc: Doc, start: int, end: int) -> list[Candidate]:
        """Greedy longest matches inside a run."""
        out: list[Candidate] = []
        i = start
        while i < end:
            if not _namey(doc[i]):  # a name starts and ends on a capitalised word, not "the"/"and"
                i += 1
                continue
            for j in range(min(end, i + self.max_words), i, -1):
                if not _namey(doc[j - 1]):
                    continue
                info = self._lookup(doc, i, j)
                if info is not None:
                    out.append(Candidate(i, j, info))
                    i = j
                    break
            else:
                i += 1
        return out

    def find(self, doc: Doc) -> list[Span]:
        spans: list[Span] = []
        ends: set[int] = set()
        for start, end in self.runs(doc):
            start = self._skip_leading(doc, start, end)
            if start >= end or (start > 0 and doc[start - 1].lower_.rstrip(".") in self.words.titles):
                continue
            found = self.matches_in(doc, start, end)
            whole = len(found) == 1 and found[0].start == start and found[0].end == end
            if not whole and self._unknown_with_cue(doc, start, end):
                spans.append(Span(doc, start, end, label="GPE", kb_id=RULER_ID))
                continue
            for cand in found:
                if self._covers_run(doc, cand, found, start, end) and self.accept(doc, cand, ends):
                    spans.append(Span(doc, cand.start, cand.end, label=label_for(cand.info), kb_id=RULER_ID))
                    ends.add(cand.end)
        return spans

    def _unknown_with_cue(self, doc: Doc, start: int, end: int) -> bool:
        """A name the gazetteer lacks, announced by a cue word: "in Khom Abbasi neighborhood",
        "the village of Dara-e-Taimoor"."""
        words = {t.lower_ for t in doc[start:end]}
        if words & (self.words.stops | self.words.peoples | self.words.titles):
            return False
        lead = NameInfo(0, 0, 0)
        return self._cue_near(doc, Candidate(start, end, lead)) and (
            end >= len(doc) or doc[end].is_lower)

    def _skip_leading(self, doc: Doc, start: int, end: int) -> int:
        """Drop sentence-initial capitalised function words ("In Quetta", "The Hague" is a name)."""
        while start < end - 1 and doc[start].lower_ in self.words.locatives | {"the", "and", "but"}:
            if doc[start].lower_ == "the" and self._lookup(doc, start, end) is not None:
                break
            start += 1
        return start

    def _covers_run(self, doc: Doc, cand: Candidate, found: list[Candidate], start: int, end: int) -> bool:
        """A match counts only when the rest of its run is other places or cue words: in
        "Kabul University" or "Michael Jordan" the place name is part of another name."""
        covered = {i for c in found for i in range(c.start, c.end)}
        for i in range(start, end):
            tok = doc[i]
            if i in covered or tok.lower_ in self.words.cues or tok.lower_ in CONNECTORS:
                continue
            return False
        return True

    # -- the evidence rules ----------------------------------------------------------------
    def accept(self, doc: Doc, cand: Candidate, ends: set[int] = frozenset()) -> bool:  # type: ignore[assignment]
        """The evidence rules; ``ends`` are the end tokens of places already marked, so a list
        ("in Quetta, Gwadar and Turbat") carries its locative to every member."""
        span = doc[cand.start:cand.end]
        info = cand.info
        if len(span) == 1 and span[0].lower_ in self.words.stops | self.words.peoples:
            return self._cue_near(doc, cand) and span[0].lower_ not in self.words.peoples
        if info.features & STRONG_BITS or info.curated:
            return True
        if self._cue_near(doc, cand) or self._heads_chain(doc, cand) or self._dateline_like(doc, cand):
            return True
        prev = doc[cand.start - 1].lower_ if cand.start > 0 else ""
        if prev in LIST_JOINERS and cand.start - 1 in ends:
            prev = "in"
        if prev not in self.words.locatives or prev == "of":
            return False
        needed = self.strong_population if prev in WEAK_LOCATIVES else self.min_population
        return info.max_population >= needed or info.is_area

    @staticmethod
    def _dateline_like(doc: Doc, cand: Candidate) -> bool:
        """"MANSFIELD -- Mayor ...", "BEIRUT (AP) —": a capitalised place opening a report."""
        span = doc[cand.start:cand.end]
        if not span.text.isupper() or len(span.text) < 4 or cand.end >= len(doc):
            return False
        return doc[cand.end].text in DATELINE_MARKS or doc[cand.end].text.startswith("--")

    def _cue_near(self, doc: Doc, cand: Candidate) -> bool:
        after = doc[cand.end].lower_ if cand.end < len(doc) else ""
        if after in self.words.cues:
            return True
        # "the city of X", "Dara village of X"
        return (cand.start >= 2 and doc[cand.start - 1].lower_ == "of"
                and doc[cand.start - 2].lower_ in self.words.cues)

    def _heads_chain(self, doc: Doc, cand: Candidate) -> bool:
        """"Turbat, Balochistan": a name followed by a comma and a country or admin1 name."""
        i = cand.end
        if i + 1 >= len(doc) or doc[i].text != "," or not _namey(doc[i + 1]):
            return False
        for j in range(min(len(doc), i + 1 + self.max_words), i + 1, -1):
            info = self._lookup(doc, i + 1, j)
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
