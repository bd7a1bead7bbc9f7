"""Named people among the actor mentions: surname-only mentions and writers.

"Kaplan" after "Daniel Kaplan" is the same person, and so is a later "Mahrang" after "Mahrang
Baloch"; a name shared by two people ("Baloch" after "Hayat Baloch" and "Mahrang Baloch") is
left as written. A person who writes the opinion piece or is cited as a source is a source in
every mention, not only the one whose sentence says so.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.tokens import Doc

from eventledger.nlp.actor_cues import SourceCues
from eventledger.nlp.actor_drafts import ORG, PERSON, Draft, covered
from eventledger.nlp.actor_matching import WordSet
from eventledger.nlp.actor_sources import author, source_context


def _full_name_for(part: str, full_names: list[str]) -> str | None:
    matches = {name for name in full_names if part in (name.split()[0], name.split()[-1])}
    return matches.pop() if len(matches) == 1 else None


def resolve_people(doc: Doc, drafts: list[Draft], cues: SourceCues) -> None:
    """Resolve partial names to full ones, add surname-only mentions the NER missed, and mark
    writers and cited people as sources in all their mentions."""
    people = [d for d in drafts if d.origin == PERSON]
    full_names = list(dict.fromkeys(d.name for d in people if len(d.name.split()) > 1))
    for draft in people:
        if len(draft.name.split()) == 1:
            draft.name = _full_name_for(draft.name, full_names) or draft.name
    for draft in drafts:
        # The NER sometimes calls a lone surname an organisation ("Qureshi added ...").
        lone = draft.origin == ORG and " " not in draft.name
        name = _full_name_for(draft.name, full_names) if lone else None
        if name is not None:
            draft.name, draft.kind, draft.origin, draft.country = name, "person", PERSON, None
            people.append(draft)
    parts = {part for name in full_names for part in (name.split()[0], name.split()[-1])}
    for i in WordSet(doc.vocab.strings, parts).positions(doc, ORTH) if parts else []:
        token = doc[i]
        if token.pos_ != "PROPN" or token.ent_type_ or not token.is_title:
            continue
        name = _full_name_for(token.text, full_names)
        if name is not None and covered(drafts, token.i, token.i + 1) is None:
            draft = Draft(token.i, token.i + 1, name, "person", PERSON)
            drafts.append(draft)
            people.append(draft)
    drafts.sort(key=lambda d: d.start)
    sources = {d.name for d in people if author(d.span(doc), cues) or source_context(d.span(doc), cues)}
    for draft in people:
        draft.source_only = draft.source_only or draft.name in sources
