"""``el_toponyms``: every toponym mention, resolved, in ``doc._.places`` (after ``ner``).

Reads the entity spans the place ruler and the NER produced (GPE, LOC, FAC) and the dateline's
place, strips cue words ("Kech district" -> "Kech", cue admin2), links comma chains ("Turbat,
Balochistan, Pakistan"), collects the article's demonyms ("Pakistani"), and lets the resolver
choose one gazetteer entry per mention (``eventledger.gazetteer.resolver``). Sets:

- ``doc._.places``: ``PlaceMention`` per mention in text order, resolved or not, with its
  alternatives (best first), a confidence ``score`` and a ``role``: ``location``, ``dateline``,
  ``qualifier`` for the later members of a comma chain (they qualify the place before them;
  use ``eventledger.gazetteer.most_specific`` to pick an event's place), ``landmark`` for a
  place that names a road or river ("along the *Kabul*-*Jalalabad* highway") or ``facility``
  for one that names an airport, junction or bridge ("near *Ghazni* Amanullah roundabout"):
  the event is where the text says it was *in*, not there (see ``with_landmarks``).
- ``doc._.country_context``: ISO2 -> weight (0..1) of the countries the article is about.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventledger.gazetteer import gazetteer_from_config
from eventledger.gazetteer.normalise import name_key
from eventledger.gazetteer.protocol import FEATURE_BITS, Gazetteer
from eventledger.gazetteer.resolver import Resolver, Toponym, coarser, lies_in
from eventledger.gazetteer.wordlists import PlaceWords, load_place_words
from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventledger.nlp.mentions import PlaceMention
from eventledger.nlp.place_ruler import RULER_ID

PLACE_LABELS = ("GPE", "LOC", "FAC")
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"})
STRONG_BITS = FEATURE_BITS["country"] | FEATURE_BITS["admin1"]
HAMLET = 1000
# "Mand, Kech", "Mand, in Kech", and "Ariha in northwest Syria" / "Ariha in Idlib countryside" (a
# chain only when resolution confirms the second is a larger area holding the first).
_DIRECTIONS = (r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?")
_CHAIN_GAP = re.compile(rf"\s*,\s*(?:in\s+)?|\s+in\s+(?:the\s+)?(?:{_DIRECTIONS}\s+)?", re.IGNORECASE)
_LEADING = frozenset({"the"})
TRAILING_MARKS = frozenset({"-", "–", "—", ",", "/"})  # "Kabul-" from "Kabul-Parwan Highway"


class Toponyms:
    """Collects and resolves toponym mentions; see the module docstring."""

    def __init__(self, gazetteer: Gazetteer | None, words: PlaceWords,
                 labels: tuple[str, ...] = PLACE_LABELS) -> None:
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer) if gazetteer is not None else None
        self.words = words
        self.labels = frozenset(labels)

    def __call__(self, doc: Doc) -> Doc:
        if self.resolver is None:
            doc._.places, doc._.country_context = [], {}
            return doc
        ents = tuple(doc.ents)  # computed afresh on every access: read once
        toponyms = self.collect(doc, ents)
        link_chains(toponyms, doc.text, self.words.cues)
        dateline = doc._.dateline
        demonyms = self.demonyms(ents)
        hints = [cc for _, cc in demonyms] + list(doc._.actor_countries or ())
        context = self.resolver.resolve(toponyms, hints, dateline.place if dateline else None)
        confirm_chains(toponyms)
        mark_landmarks(toponyms, doc.text, self.words)
        mentions = [_mention(t) for t in toponyms if keep(t, context)]
        mentions.extend(self._demonym_mentions(demonyms))
        mentions.extend(propagate(doc, ents, mentions))
        doc._.places = sorted(mentions, key=lambda m: m.start)
        doc._.country_context = context
        return doc

    def _demonym_mentions(self, demonyms: list[tuple[Span, str]]) -> list[PlaceMention]:
        """"Pakistani authorities": the country, as a modifier use (role ``origin``)."""
        out = []
        for span, cc in demonyms:
            country = self.gazetteer.country(cc) if self.gazetteer is not None else None
            if country is not None:
                out.append(PlaceMention(span.start_char, span.end_char, span.text, country, (), "country",
                                        0.9, "origin"))
        return out

    # -- collecting --------------------------------------------------------------------------
    def collect(self, doc: Doc, ents: tuple[Span, ...]) -> list[Toponym]:
        out: dict[int, Toponym] = {}
        surnames = {ent[-1].text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
        for t in self.dateline_toponyms(doc):
            out[t.start] = t
        not_places = _dateline_non_place(doc)
        for ent in ents:
            if any(ent.start_char < end and start < ent.end_char for start, end in not_places):
                continue  # "Nov." of "MAIDUGURI, Nigeria, Nov. 3 (Reuters)" is a date, not Nov, Tajikistan
            if ent.label_ in self.labels and ent.kb_id_ != RULER_ID and self.person_like(doc, ent, surnames):
                continue
            found = [self.toponym(doc, ent)] if ent.label_ in self.labels else self.embedded(doc, ent)
            if ent.label_ in ("FAC", "LOC") and found[0] is not None and not self._known(found[0]):
                # "Arbil International Airport": the town in a facility's name says where it is
                found = self.embedded(doc, ent, role="location", towns=True) or found
            for one in found:
                if one is not None and not any(o.start <= one.start < o.end for o in out.values()):
                    out[one.start] = one
        return sorted(out.values(), key=lambda t: t.start)

    def dateline_toponyms(self, doc: Doc) -> list[Toponym]:
        """The dateline's place, split at commas ("SEOUL, South Korea (AP)"), each part
        held by the next."""
        dateline = doc._.dateline
        if dateline is None or not dateline.place or dateline.place_start is None:
            return []
        out: list[Toponym] = []
        offset = dateline.place_start
        for part in dateline.place.split(","):
            start = offset + len(part) - len(part.lstrip())
            end = offset + len(part.rstrip())
            offset += len(part) + 1
            span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
            t = self.toponym(doc, span) if span is not None else None
            if t is not None:
                t.role = "dateline"
                if out:
                    out[-1].container = t
                out.append(t)
        return out

    def person_like(self, doc: Doc, ent: Span, surnames: set[str]) -> bool:
        """An NER place that reads as a person: one word after a title ("coach Ripley"), or the
        surname of a person named in full elsewhere ("Capt. Roy A. Nelson ... Nelson said")."""
        if len(ent) != 1:
            return False
        prev = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        return prev in self.words.titles or ent.text in surnames

    def _known(self, t: Toponym) -> bool:
        if self.gazetteer is None:
            return False
        return any(self.gazetteer.has_name(name_key(n)) for n in (t.name, t.bare_name) if n)

    def embedded(self, doc: Doc, ent: Span, role: str = "origin",
                 towns: bool = False) -> list[Toponym | None]:
        """Countries, provinces and curated areas (and with ``towns`` any place of 1,000 people)
        inside another entity's name: "Pakistan Army", "Jamaica Observer" are modifier uses,
        role ``origin``."""
        if ent.label_ not in EMBEDDING_LABELS or self.gazetteer is None:
            return []
        out: list[Toponym | None] = []
        i = ent.start
        while i < ent.end:
            for j in range(min(ent.end, i + 3), i, -1):
                span = doc[i:j]
                if not span[0].text[:1].isupper() or span.text.lower() in self.words.stops:
                    continue
                info = self.gazetteer.name_info(name_key(span.text))
                if info is not None and (info.features & STRONG_BITS or info.curated
                                         or (towns and info.max_population >= HAMLET)):
                    t = self.toponym(doc, span)
                    if t is not None:
                        t.role = role
                    out.append(t)
                    i = j - 1
                    break
            i += 1
        return out

    def toponym(self, doc: Doc, span: Span) -> Toponym | None:
        """The mention of a span: leading "the" and a trailing possessive dropped, a cue word
        inside or right after the span read as a feature hint and left out of the name."""
        start, end = span.start, span.end
        while start < end and doc[start].lower_ in _LEADING:
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in TRAILING_MARKS):
            end -= 1
        if start >= end:
            return None
        cue: str | None = None
        bare: str | None = None
        if end - start > 1 and doc[end - 1].lower_ in self.words.cues:
            cue, bare = self.words.cues[doc[end - 1].lower_], doc[start:end - 1].text
        elif end < len(doc) and doc[end].lower_ in self.words.cues:
            cue = self.words.cues[doc[end].lower_]
        elif start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self.words.cues:
            cue = self.words.cues[doc[start - 2].lower_]
        first, last = doc[start], doc[end - 1]
        name = doc[start:end].text
        lowered = name.lower()
        if not name_key(name) or lowered in self.words.peoples or lowered in self.words.stops:
            return None
        if all(t.lower_ in self.words.cues for t in doc[start:end]):
            return None
        if name.replace(".", "").isupper() and len(name) <= 4 and not self._known_abbreviation(name):
            return None
        # Fuzzy matching only where the text says it is a place (the ruler's spans, GPE names,
        # cue words); a facility's or region's name is too often a near miss of some village.
        from_ruler = span.kb_id_ == RULER_ID
        root = doc[start:end].root
        modifier = root.dep_ in ("compound", "amod") and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.i >= end
        return Toponym(first.idx, last.idx + len(last.text), name, name, cue, bare_name=bare,
                       allow_fuzzy=bool(cue) or span.label_ == "GPE" or from_ruler,
                       source="ruler" if from_ruler else "ner", modifier=modifier)

    def _known_abbreviation(self, name: str) -> bool:
        """Short capitals are codes and acronyms ("BA", "CEO") unless a country or a curated
        area is called so ("US", "UAE", "KP", "FATA")."""
        info = self.gazetteer.name_info(name_key(name)) if self.gazetteer is not None else None
        if info is None:
            return False
        # "N.C.", "Md.": periods mark a deliberate abbreviation of a state or country
        return info.has("country") or info.curated or ("." in name and info.has("admin1"))

    def demonyms(self, ents: tuple[Span, ...]) -> list[tuple[Span, str]]:
        """Demonym spans and their countries ("Pakistani authorities", "Afghans")."""
        if self.gazetteer is None:
            return []
        out = []
        for ent in ents:
            if ent.label_ == "NORP":
                cc = self.gazetteer.demonym(name_key(ent.text))
                if cc:
                    out.append((ent, cc))
        return out


def link_chains(toponyms: list[Toponym], text: str, cues: Iterable[str] = ()) -> None:
    """Tentatively link "X, Y" and "X district, Y" pairs: Y is X's container (confirmed after
    resolution)."""
    cue = "|".join(sorted(map(re.escape, cues), key=len, reverse=True))
    gap = re.compile(rf"(?:\s+(?:{cue}))?{_CHAIN_GAP.pattern}", re.IGNORECASE) if cue else _CHAIN_GAP
    for a, b in itertools.pairwise(toponyms):
        if a.role != "dateline" and gap.fullmatch(text[a.end:b.start]):
            a.container = b


def confirm_chains(toponyms: list[Toponym]) -> None:
    """Keep a chain link only when the container is a larger area that holds the place
    ("Quetta, Gwadar" is a list, not a chain); mark confirmed containers as qualifiers."""
    for t in toponyms:
        c = t.container
        if c is None:
            continue
        if t.place is None or c.place is None:
            ok = t.place is None and c.place is not None and c.place.feature != "city"
        else:
            ok = coarser(c.place, t.place) and lies_in(t.place, c.place, c.name) is not False
        if ok:
            c.role = "qualifier" if c.role == "location" else c.role
        else:
            t.container = None


# A capitalised name, possibly of several words joined by spaces, hyphens and particles
# ("Islam Qala", "Deir ez-Zor", "Bab al-Hawa").
_JOIN = r"(?:\s+|\s*-\s*)"
_NAME = rf"[A-Z][\w'’.]*(?:{_JOIN}(?:(?:e|i|al|el|ez|ad|as|ash|ar|at|an|ud|ul|wa){_JOIN})?[A-Z][\w'’.]*)*"


def landmark_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """What may follow a toponym that names a landmark: another name after a dash ("-Jalalabad
    highway"), more capitalised words ("Amanullah roundabout"), then a landmark word."""
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    if not alternatives:
        return None
    return re.compile(rf"(?:\s*[-–/]\s*{_NAME})?(?:\s*{_NAME})?\s+(?i:{alternatives})s?\b")


def mark_landmarks(toponyms: list[Toponym], text: str, words: PlaceWords) -> None:
    """Give role ``landmark`` to places named in a road's or river's name ("the Herat-Islam Qala
    highway") and ``facility`` to those named in an airport's, junction's or bridge's ("Ghazni
    Amanullah roundabout", "Turbat Airport"), unless they qualify a chain."""
    patterns = [(role, pattern) for role, kind in (("landmark", words.landmarks), ("facility", words.facilities))
                if (pattern := landmark_pattern(kind)) is not None]
    for t in toponyms:
        if t.role != "location" or t.container is not None:
            continue
        role = next((role for role, pattern in patterns if pattern.match(text, t.end)), None)
        if role is not None:
            t.role = role


def propagate(doc: Doc, ents: tuple[Span, ...], mentions: list[PlaceMention]) -> list[PlaceMention]:
    """One sense per discourse: other occurrences of a resolved name ("Mansfield Police
    Department", "Mansfield's mayor") are the same place; inside another entity's name they are
    modifier uses (role ``origin``)."""
    text = doc.text  # rebuilt from the tokens on every access: read once
    taken = [(m.start, m.end) for m in mentions]
    others = [(e.start_char, e.end_char) for e in ents if e.label_ not in PLACE_LABELS]
    out: list[PlaceMention] = []
    seen: set[str] = set()
    for m in mentions:
        if m.place is None or m.role not in ("location", "dateline") or m.score < 0.5 or m.text in seen:
            continue
        seen.add(m.text)
        if len(m.text) < 4 or not m.text[0].isupper():
            continue
        for variant in {m.text, m.text.upper(), m.text.title()}:
            for found in re.finditer(rf"(?<![\w.]){re.escape(variant)}(?!\w)", text):
                a, b = found.span()
                if any(x < b and a < y for x, y in taken):
                    continue
                inside = any(x <= a and b <= y for x, y in others)
                out.append(PlaceMention(a, b, variant, m.place, m.alternatives, m.feature, m.score,
                                        "origin" if inside else "location"))
                taken.append((a, b))
    return out


def keep(t: Toponym, context: dict[str, float]) -> bool:
    """Whether a mention goes into ``doc._.places``. Dropped: a name nothing resolves and no cue
    word vouches for (mostly a person or an organisation the NER took for a place), and an
    NER-only name whose best reading is a hamlet in a country the article is not about."""
    if t.place is None:
        return bool(t.cue) or t.role in ("dateline", "qualifier") or t.container is not None
    if t.source == "ruler" or t.cue or t.role != "location":
        return True
    p = t.place
    return not (p.feature == "city" and p.population < HAMLET and context.get(p.country_code, 0.0) < 0.3)


def _mention(t: Toponym) -> PlaceMention:
    feature = t.place.feature if t.place is not None else (t.cue or "other")
    role = t.role
    if t.modifier and feature == "country" and role == "location":
        role = "origin"  # "United States soldiers", "Pakistan government": not where it happened
    return PlaceMention(t.start, t.end, t.text, t.place, t.alternatives, feature, t.score, role)


@Language.factory("el_toponyms", default_config={"gazetteer_path": None, "data_dir": None})
def make_toponyms(nlp: Language, name: str, gazetteer_path: str | None, data_dir: str | None) -> Toponyms:
    return Toponyms(gazetteer_from_config(gazetteer_path, data_dir), load_place_words())


def _dateline_non_place(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the dateline that are not its place: the date and the agency."""
    dateline = doc._.dateline
    if dateline is None:
        return []
    spans = []
    if dateline.date_start is not None and dateline.date_end is not None:
        spans.append((dateline.date_start, dateline.date_end))
    if dateline.place_end is not None and dateline.date_end is not None:
        spans.append((max(dateline.place_end, dateline.date_end), dateline.end))
    return spans
