"""Finding dictionary actors in a doc and choosing between actors that share a name.

Both actor components use ``NameFinder``: the ruler to mark names as entities before the NER,
``el_actors`` to turn them into mentions. Names can be shared ("al-Shabaab" in Somalia and in
Mozambique, "PTI" the party and the news agency); ``choose_entry`` picks by the article's
countries, and drops an ambiguous entry's acronym when the article gives no sign of its country.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from eventledger.nlp.actor_dictionary import ActorDictionary, ActorEntry
from eventledger.nlp.actor_matching import CasedPhraseMatcher, longest_first

# Acronym matches inside mostly upper-case stretches (headlines, shouted quotes) are unreliable.
_CAPS_WINDOW = 6
_CAPS_SHARE = 0.6


@dataclass(frozen=True)
class NameHit:
    """A dictionary name in the text: token offsets and every entry listing that form, each
    with whether the form is one of the entry's short names (acronyms)."""

    start: int
    end: int
    candidates: tuple[tuple[ActorEntry, bool], ...]

    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        return tuple(entry for entry, _ in self.candidates)


class NameFinder:
    """Finds dictionary names (longest match wins) with the capitalisation rules of
    ``CasedPhraseMatcher``; forms are the entries' names, aliases and short names."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self._matcher: CasedPhraseMatcher[str] = CasedPhraseMatcher(nlp)
        items: list[tuple[str, str, bool]] = []
        for entry in dictionary.entries:
            items += [(text, entry.id, False) for text in entry.names]
            items += [(text, entry.id, True) for text in entry.short_names]
        self._matcher.add_all(items)

    def __len__(self) -> int:
        return len(self._matcher)

    def find(self, doc: Doc) -> list[NameHit]:
        """Non-overlapping hits in text order; acronyms in shouted stretches are skipped."""
        grouped: dict[tuple[int, int], dict[str, tuple[ActorEntry, bool]]] = {}
        for hit in self._matcher.find(doc):
            if hit.short and _shouted(doc, hit.start, hit.end):
                continue
            entry = self.dictionary.entry(hit.payload)
            if entry is None:
                continue
            found = grouped.setdefault((hit.start, hit.end), {})
            # A form that is both an alias and a short name of one entry counts as an alias.
            found[entry.id] = (entry, hit.short and found.get(entry.id, (entry, True))[1])
        return [NameHit(start, end, tuple(grouped[(start, end)].values()))
                for start, end in longest_first(grouped)]


def _shouted(doc: Doc, start: int, end: int) -> bool:
    window = doc[max(0, start - _CAPS_WINDOW):min(len(doc), end + _CAPS_WINDOW)]
    words = [t for t in window if t.is_alpha and (t.i < start or t.i >= end)]
    if len(words) < 3:
        return False
    return sum(t.is_upper for t in words) / len(words) >= _CAPS_SHARE


def choose_entry(candidates: tuple[tuple[ActorEntry, bool], ...], context: Mapping[str, float], *,
                 defined: bool = False) -> ActorEntry | None:
    """The entry a name stands for here.

    Entries whose country the article names come first (heaviest country first), then entries
    not marked ambiguous, then file order. An ambiguous entry's acronym is dropped outright when
    its country is absent, unless the text defines the acronym ("the Arakan Army (AA)").
    """
    best: ActorEntry | None = None
    best_key: tuple[float, bool, int] | None = None
    for order, (entry, short) in enumerate(candidates):
        weight = context.get(entry.country, 0.0) if entry.country else 0.0
        if entry.ambiguous and short and weight == 0.0 and not defined:
            continue
        key = (-weight, entry.ambiguous, order)
        if best_key is None or key < best_key:
            best, best_key = entry, key
    return best
