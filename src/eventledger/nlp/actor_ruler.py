"""``el_actor_ruler``: mark dictionary actor names as entities before the statistical NER.

The small English model misses or splits names it has not seen ("Human Rights Watch",
"Baloch Yakjehti Committee") and tags others oddly; entities set before ``ner`` are kept by it
and it predicts around them, so marking the dictionary's names here improves every later
component that reads ``doc.ents``. Entities another ruler has already set (places) are kept
unless a name strictly contains them ("Islamic State Pakistan Province" over "Pakistan").
Ambiguous acronyms are left to the NER: without the article's countries they cannot be told
apart ("PTI" the party or the news agency).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventledger.nlp.actor_dictionary import ActorDictionary, load_dictionary
from eventledger.nlp.actor_names import NameFinder


class ActorRuler:
    def __init__(self, nlp: Language, dictionary: ActorDictionary) -> None:
        self.names = NameFinder(nlp, dictionary)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        countries: dict[str, str] = {}  # entry id -> country: each named group counts once
        for hit in self.names.find(doc):
            entries = [entry for entry, short in hit.candidates if not (short and entry.ambiguous)]
            if entries and name_like(doc[hit.start:hit.end]):
                spans.append(Span(doc, hit.start, hit.end, label=entries[0].label))
                if len(entries) == 1 and entries[0].country:
                    countries[entries[0].id] = entries[0].country
        # "Awami League activists attacked a march in Gopalganj": the groups an article names say
        # which country it is about, as demonyms do (el_toponyms weighs them the same way).
        doc._.actor_countries = list(countries.values())
        if spans:
            doc.set_ents(merge_entities(list(doc.ents), spans), default="unmodified")
        return doc


# Lower-case words a proper name may contain ("Lashkar-e-Taiba", "Army of Justice", "al-Qaeda").
NAME_PARTICLES = frozenset({
    "of", "the", "and", "for", "in", "on", "al", "el", "ul", "ud", "ut", "e", "i", "wal", "wa", "ad",
    "as", "ash", "de", "du", "des", "del", "la", "le", "les", "y", "ya", "an", "bin", "ibn", "fi",
    "li", "lil", "lid", "to", "pour", "et", "da", "do",
})


def name_like(span: Span) -> bool:
    """Whether a matched form reads as a proper name: no lower-case word but particles.
    "Pakistani authorities" or "Houthi rebels" are left to the NER and to ``el_actors``."""
    return all(not (t.is_alpha and t.is_lower) or t.lower_ in NAME_PARTICLES for t in span)


def merge_entities(existing: list[Span], new: list[Span]) -> list[Span]:
    """``existing`` plus the ``new`` spans that overlap none of them or strictly contain the
    ones they overlap (which they then replace)."""
    kept = list(existing)
    for span in new:
        overlapping = [e for e in kept if e.start < span.end and span.start < e.end]
        if all(span.start <= e.start and e.end <= span.end and len(e) < len(span) for e in overlapping):
            kept = [e for e in kept if e not in overlapping] + [span]
    return sorted(kept, key=lambda s: s.start)


@Language.factory("el_actor_ruler", default_config={"actors_path": "", "classes_path": ""})
def make_actor_ruler(nlp: Language, name: str, actors_path: str, classes_path: str) -> ActorRuler:
    """``actors_path``/``classes_path``: replacement data files (empty: the packaged ones)."""
    dictionary = load_dictionary(Path(actors_path) if actors_path else None,
                                 Path(classes_path) if classes_path else None)
    return ActorRuler(nlp, dictionary)
