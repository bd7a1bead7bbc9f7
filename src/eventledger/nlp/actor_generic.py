"""Generic actor mentions: "security forces", "gunmen", "Pakistani authorities", "Fulani
extremists", "Iran-backed militias".

A class word becomes a mention named for the article's country (ACLED style: "Military
Forces of Pakistan", "Unidentified Armed Group (Nigeria)"). A country word beside it decides the
country ("Afghan troops", "Pakistan's security forces", "the police of Kenya"); an identity or
ideology word beside an armed class names the group instead ("Fulani extremists" is an
identity militia, "left-wing extremists" a political militia).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventledger.nlp.actor_country import CountryHit, CountryTable
from eventledger.nlp.actor_cues import NameCues
from eventledger.nlp.actor_dictionary import ActorClass, ActorDictionary
from eventledger.nlp.actor_drafts import GROUP, PERSON, Draft, class_draft, starting_at
from eventledger.nlp.actor_matching import Sentences

_POSSESSIVE = {"'s", "’s", "'"}
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}
_ARMED_CLASSES = {"political_militia", "rebel_group", "identity_militia"}


@dataclass(frozen=True)
class ClassHit:
    start: int
    end: int
    cls: ActorClass


@dataclass(frozen=True)
class CountryIndex:
    """Country mentions by the token where they end and start, for modifier lookups, and the
    names and provinces in text order, for the country a sentence is about."""

    by_end: dict[int, CountryHit]
    by_start: dict[int, CountryHit]
    places: tuple[CountryHit, ...]
    top: str | None
    table: CountryTable

    @classmethod
    def build(cls, hits: list[CountryHit], top: str | None, table: CountryTable) -> CountryIndex:
        places = tuple(h for h in hits if h.kind != "demonym")
        return cls({h.end: h for h in hits}, {h.start: h for h in hits}, places, top, table)

    def near(self, sentences: Sentences, start: int) -> str | None:
        """The country named last before ``start`` in its sentence ("In neighbouring Niger, the
        junta said ..."), else the article's country. Demonyms do not count here: they modify
        other words ("near the Iranian border")."""
        sentence_start = sentences.bounds(start)[0]
        before = [h for h in self.places if sentence_start <= h.start and h.end <= start]
        return before[-1].code if before else self.top


def _noun_head(doc: Doc, hit: ClassHit) -> bool:
    """With a tagger, the class word must be a noun: "military operation" is not the military."""
    pos = doc[hit.end - 1].pos_
    return not pos or pos in {"NOUN", "PROPN"}


def _country_before(doc: Doc, start: int, countries: CountryIndex) -> tuple[int, str] | None:
    hit = countries.by_end.get(start)
    if hit is None and start > 0 and doc[start - 1].text in _POSSESSIVE:
        hit = countries.by_end.get(start - 1)  # "Pakistan's security forces"
    return (hit.start, hit.code) if hit else None


def _country_after(doc: Doc, end: int, countries: CountryIndex) -> tuple[int, str] | None:
    if end < len(doc) and doc[end].lower_ in {"of", "in", "from"}:
        i = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
        hit = countries.by_start.get(i)
        if hit is not None and doc[end].lower_ == "of":
            return hit.end, hit.code  # "the security forces of Pakistan"
    return None


def _word_before(doc: Doc, start: int) -> tuple[int, str]:
    """The hyphenated word ending just before ``start`` ("left-wing", "Iran-backed")."""
    i = start - 1
    if i < 0:
        return start, ""
    word, first = doc[i].text, i
    while first >= 2 and doc[first - 1].text in {"-", "–"}:
        first -= 2
        word = f"{doc[first].text}-{word}"
    return first, word


def _entity_start(doc: Doc, i: int) -> int:
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _named_group(doc: Doc, hit: ClassHit, cues: NameCues, top: str | None) -> Draft | None:
    """"Fulani extremists", "Tiv militia", "left-wing extremists", "Iran-backed militias"."""
    if hit.cls.kind not in _ARMED_CLASSES and hit.cls.named_kind not in _ARMED_CLASSES:
        return None
    first, word = _word_before(doc, hit.start)
    lowered = word.lower()
    head = doc[hit.start:hit.end].text
    if lowered in cues.ideology_modifiers or any(lowered.endswith(s) for s in cues.backing_suffixes):
        return Draft(first, hit.end, f"{word} {head}", "political_militia", GROUP, country=top)
    norp = doc[hit.start - 1].ent_type_ == "NORP" if hit.start > 0 else False
    if (norp or word in cues.identity_adjectives) and word[:1].isupper():
        start = _entity_start(doc, hit.start - 1) if norp else first
        name = f"{doc[start:hit.start].text} {head}"
        kind = "identity_militia" if hit.cls.kind in _ARMED_CLASSES else (hit.cls.named_kind or "rebel_group")
        return Draft(start, hit.end, name, kind, GROUP, country=top)
    return None


def generic_draft(doc: Doc, hit: ClassHit, drafts: list[Draft], dictionary: ActorDictionary,
                  countries: CountryIndex, cues: NameCues, sentences: Sentences) -> Draft | None:
    """The mention for a class word not already part of a named mention, or ``None`` when the
    word is a person's title ("student Hayat Baloch") or not used as a noun."""
    if not _noun_head(doc, hit):
        return None
    if hit.cls.absorbable and hit.start > 0 and doc[hit.start - 1].lower_ in _POSSESSIVE_PRONOUNS:
        return None  # "its fighters", "their commanders": the named actor again, not a new one
    after = starting_at(drafts, hit.end)
    if after is not None and after.origin == PERSON:
        return None
    start, end = hit.start, hit.end
    country: str | None = None
    found = _country_before(doc, start, countries)
    if found is not None:
        start, country = found
    else:
        group = _named_group(doc, hit, cues, countries.top)
        if group is not None:
            return group
        found = _country_after(doc, end, countries)
        if found is not None:
            end, country = found
    country = country or countries.near(sentences, start)
    entry = dictionary.generic_entry(hit.cls.id, country)
    term = doc[hit.start:hit.end].text
    return class_draft(start, end, hit.cls, country, countries.table.display_name(country), entry, term)
