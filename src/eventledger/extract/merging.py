"""Merge candidates of one article that describe the same event.

Reports restate: "The BLA's recent attacks ..." then "The BLA claimed responsibility for strikes
in 14 cities on January 31 ..."; "Assailants attacked a post in X. ... The attack was repelled."
Two drafts merge when they are close in the text (a few sentences), of the same type family,
in the same paragraph, and nothing they say conflicts: dates equal or one undated, places equal or one inside the
other (or one unplaced), perpetrators equal or one unnamed. A sentence that announces another
incident ("in a separate attack") never merges backwards.
"""

from __future__ import annotations

import re
from datetime import timedelta

from spacy.tokens import Doc

from eventledger.extract.arguments import _contains
from eventledger.extract.assembly import Draft, decide
from eventledger.extract.candidates import Candidate
from eventledger.extract.rules import RuleBook
from eventledger.nlp.mentions import PlaceMention
from eventledger.settings import Settings

MERGE_WINDOW = 3
NEW_INCIDENT = re.compile(r"\b(another|separate|second|third|elsewhere|meanwhile|earlier|later|in a different)\b",
                          re.I)


def _places_compatible(a: list[PlaceMention], b: list[PlaceMention]) -> bool:
    if not a or not b:
        return True
    pa = [m.place for m in a if m.place is not None]
    pb = [m.place for m in b if m.place is not None]
    if not pa and not pb:
        return {m.text.casefold() for m in a} == {m.text.casefold() for m in b}
    if not pa or not pb:
        return True  # an unresolved name ("near the Absar area") says nothing against it
    keys_a, keys_b = {p.key for p in pa}, {p.key for p in pb}
    if keys_a == keys_b:
        return True
    a_holds_b = all(any(x.key == y.key or _contains(x, y) for x in pa) for y in pb)
    b_holds_a = all(any(y.key == x.key or _contains(y, x) for y in pb) for x in pa)
    return a_holds_b or b_holds_a


def _more_specific(a: list[PlaceMention], b: list[PlaceMention]) -> list[PlaceMention]:
    if not a or not b:
        return a or b
    pa = [m.place for m in a if m.place is not None]
    pb = [m.place for m in b if m.place is not None]
    if pa and pb and all(any(x.key == y.key or _contains(x, y) for x in pa) for y in pb):
        return b  # a's places contain b's: b is more specific
    return a


def _is_background(draft: Draft, doc: Doc, settings: Settings) -> bool:
    d = draft.date
    if d is None:
        return False
    if d.background:
        return True
    anchor = doc._.anchor_date
    return bool(anchor and d.last_day and d.last_day < anchor - timedelta(days=settings.background_days))


def _families_compatible(a: Draft, b: Draft, rules: RuleBook) -> bool:
    """Same type family; arrests at a protest are part of the protest (ACLED codes them as a
    protest with intervention)."""
    family = rules.taxonomy.family
    fa, fb = family(a.decision.sub_event_type), family(b.decision.sub_event_type)
    if fa == fb:
        return True
    kinds = {a.decision.sub_event_type, b.decision.sub_event_type}
    return "Arrests" in kinds and {fa, fb} == {"strategic", "demonstration"}


def compatible(doc: Doc, a: Draft, b: Draft, rules: RuleBook, settings: Settings) -> bool:
    if abs(a.sentence - b.sentence) > MERGE_WINDOW:
        return False
    # Wires put each sentence in its own paragraph, so news may merge across paragraphs; context
    # told in the past (background) only within one: "UN experts in 2025 condemned ..." and, two
    # paragraphs on, "the killing of Hayat Baloch in 2025" are different events.
    if a.paragraph != b.paragraph and (_is_background(a, doc, settings) or _is_background(b, doc, settings)):
        return False
    if not _families_compatible(a, b, rules):
        return False
    later = b if b.sentence >= a.sentence else a
    if later.sentence != min(a.sentence, b.sentence) and NEW_INCIDENT.search(
            doc[later.cand.sent_start:later.cand.sent_end].text):
        return False
    da, db = a.date, b.date
    if da is not None and db is not None and da.first_day is not None and db.first_day is not None \
            and (da.first_day, da.last_day) != (db.first_day, db.last_day):
        return False
    if not _places_compatible(a.places, b.places):
        return False
    a1, b1 = a.actor1, b.actor1
    return not (a1 is not None and b1 is not None and not a1.generic and not b1.generic and a1.name != b1.name)


def merge(doc: Doc, a: Draft, b: Draft, rules: RuleBook) -> Draft:
    cand = Candidate(a.cand.anchor, a.cand.sent_start, a.cand.sent_end, a.cand.cues + b.cand.cues,
                     a.cand.attached + b.cand.attached)
    actor1 = a.actor1 if (a.actor1 is not None and not a.actor1.generic) or b.actor1 is None else b.actor1
    date = a.date if a.date is not None and a.date.first_day is not None else (b.date or a.date)
    parts = a.parts if a.parts.agent or a.parts.targets else b.parts
    targets = list(a.parts.targets) + [t for t in b.parts.targets if t.name not in {x.name for x in a.parts.targets}]
    parts = type(parts)(parts.agent or b.parts.agent, tuple(targets), parts.agent_range or b.parts.agent_range)
    seen = {(c.start, c.end) for c in a.fatalities}
    fatalities = a.fatalities + [c for c in b.fatalities if (c.start, c.end) not in seen]
    seen = {(c.start, c.end) for c in a.injuries}
    injuries = a.injuries + [c for c in b.injuries if (c.start, c.end) not in seen]
    evidence = a.evidence + [s for s in b.evidence if s not in a.evidence]
    merged = Draft(cand, a.decision, parts, actor1, _more_specific(a.places, b.places), date,
                   fatalities, injuries, min(a.sentence, b.sentence), evidence, a.paragraph)
    merged.decision = decide(rules, cand, actor1, parts) or a.decision
    if merged.decision.event_type is None:
        merged.decision = a.decision
    if "Arrests" in {a.decision.sub_event_type, b.decision.sub_event_type} and \
            merged.decision.sub_event_type == "Arrests":
        # the arrests happened at the protest: keep the protest's coding
        merged.decision = b.decision if a.decision.sub_event_type == "Arrests" else a.decision
    return merged


def merge_drafts(doc: Doc, drafts: list[Draft], rules: RuleBook, settings: Settings) -> list[Draft]:
    out: list[Draft] = []
    for draft in drafts:
        for i, kept in enumerate(out):
            if compatible(doc, kept, draft, rules, settings):
                out[i] = merge(doc, kept, draft, rules)
                break
        else:
            out.append(draft)
    return out
