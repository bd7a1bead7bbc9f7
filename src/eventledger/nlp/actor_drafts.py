"""Working records for ``el_actors``: a mention being built, before it becomes an
``ActorMention``. Kept apart so the steps that extend, merge and classify mentions share one
small type.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventledger.nlp.actor_dictionary import ActorClass, ActorEntry
from eventledger.nlp.mentions import ActorMention

# Where a draft came from; decides which later steps may change it.
DICTIONARY, DEFINED, PERSON, ORG, OUTLET, GROUP, CLASS = (
    "dictionary", "defined", "person", "org", "outlet", "group", "class")
NAMED = frozenset({DICTIONARY, DEFINED, ORG, GROUP})
ARMED_KINDS = frozenset({"state_forces", "rebel_group", "political_militia", "identity_militia", "external"})


@dataclass(eq=False)  # drafts are compared by identity: two mentions of one actor stay two
class Draft:
    start: int
    end: int
    name: str
    kind: str
    origin: str
    country: str | None = None
    source_only: bool = False
    generic: bool = False
    entry_id: str | None = None
    responsibility: str | None = None
    class_id: str | None = None

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]

    def core(self, doc: Doc) -> Span:
        """The span without a trailing parenthesis ("Movement" in "... Movement (BIFM)"), whose
        root is the name's head: the parser often hangs the bracketed acronym elsewhere."""
        for token in doc[self.start + 1:self.end]:
            if token.text == "(":
                return doc[self.start:token.i]
        return self.span(doc)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def take_entry(self, entry: ActorEntry) -> None:
        self.name, self.kind, self.country = entry.name, entry.kind, entry.country
        self.source_only, self.entry_id = entry.source_only, entry.id

    def to_mention(self, doc: Doc) -> ActorMention:
        # Character offsets from the tokens: ``doc.text`` would rebuild the whole text.
        span = self.span(doc)
        last = doc[self.end - 1]
        start, end = doc[self.start].idx, last.idx + len(last.text)
        return ActorMention(
            start=start, end=end, text=span.text, name=self.name,
            kind=self.kind, country=self.country, source_only=self.source_only,
            generic=self.generic, entry_id=self.entry_id, responsibility=self.responsibility)


def entry_draft(start: int, end: int, entry: ActorEntry, origin: str = DICTIONARY) -> Draft:
    draft = Draft(start, end, entry.name, entry.kind, origin)
    draft.take_entry(entry)
    return draft


def class_draft(start: int, end: int, cls: ActorClass, country: str | None,
                country_name: str | None, entry: ActorEntry | None, term: str = "") -> Draft:
    """A generic mention: the class's entry for the country when the dictionary has one
    ("police" in PK → Police Forces of Pakistan), else the class's templated name."""
    if entry is not None:
        draft = entry_draft(start, end, entry, CLASS)
    else:
        has_country = "{country}" in cls.name
        draft = Draft(start, end, cls.display_name(country_name if has_country else None, term),
                      cls.kind, CLASS, country=country if has_country else None,
                      source_only=cls.source_only)
    draft.generic, draft.class_id = True, cls.id
    return draft


def covered(drafts: list[Draft], start: int, end: int) -> Draft | None:
    return next((d for d in drafts if d.overlaps(start, end)), None)


def ending_at(drafts: list[Draft], end: int) -> Draft | None:
    return next((d for d in drafts if d.end == end), None)


def starting_at(drafts: list[Draft], start: int) -> Draft | None:
    return next((d for d in drafts if d.start == start), None)
