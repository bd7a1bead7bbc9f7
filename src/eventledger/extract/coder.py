"""Event coding: an analysed doc → ACLED-coded events with claims and evidence.

Steps (each in its own module): find cues (``cues``), group them by clause and fold casualty
clauses into their event (``candidates``), read each candidate's arguments off the parse
(``arguments``), decide its sub-event type from the coding rules (``rules``), merge candidates
that describe one event (``merging``), and write one event per place (``assembly``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventledger.extract.assembly import Draft, assign_responsibility, build_events, draft_for
from eventledger.extract.candidates import attach_casualty_clauses, group_cues, merge_sentence_groups
from eventledger.extract.cues import Cue, find_cues
from eventledger.extract.event import Event
from eventledger.extract.lexicon import Lexicon
from eventledger.extract.merging import merge_drafts
from eventledger.extract.rules import RuleBook
from eventledger.ingest.article import Article
from eventledger.settings import Settings

# Prepositions that introduce what a protest is against, not what happened at it.
THEME_WORDS = {"against", "over", "condemning", "denouncing", "demanding", "protesting", "about"}


class Coder:
    """Holds the lexicon and rules, loaded once; ``code`` is called per doc."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lexicon = Lexicon.load()
        self.rules = RuleBook.load(self.lexicon.cues)

    def code(self, doc: Doc, article: Article | None = None) -> list[Event]:
        cues = _drop_protest_themes(doc, find_cues(doc, self.lexicon))
        candidates = merge_sentence_groups(doc, group_cues(doc, cues), list(doc._.actors or []))
        sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
        places = list(doc._.places or [])
        dates = list(doc._.dates or [])
        own = {c.anchor: _names_place_or_date(doc, c.anchor, places, dates) for c in candidates}
        candidates = attach_casualty_clauses(doc, candidates, sentence_index, own)
        drafts: list[Draft] = []
        for cand in candidates:
            draft = draft_for(doc, cand, self.rules, self.settings, sentence_index)
            if draft is not None:
                drafts.append(draft)
        assign_responsibility(doc, drafts, self.rules)
        drafts = merge_drafts(doc, drafts, self.rules, self.settings)
        events = build_events(doc, drafts, self.settings)
        return [e for e in events if e.confidence >= self.settings.min_confidence]


def _names_place_or_date(doc: Doc, anchor: int, places: list, dates: list) -> bool:  # type: ignore[type-arg]
    token = doc[anchor]
    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    return any(left <= m.start and m.end <= right for m in places) or any(
        left <= d.start and d.end <= right and d.first_day is not None for d in dates)


def _drop_protest_themes(doc: Doc, cues: list[Cue]) -> list[Cue]:
    """'protests held against violence and disappearances': the theme is not an event."""
    protest_heads = {c.head for c in cues if c.cue == "protest"}
    if not protest_heads:
        return cues
    kept = []
    for cue in cues:
        if cue.cue != "protest" and _under_theme(doc, cue.head, protest_heads):
            continue
        kept.append(cue)
    return kept


def _under_theme(doc: Doc, head: int, protest_heads: set[int]) -> bool:
    node = doc[head]
    seen_theme = False
    for _ in range(6):
        if node.head is node:
            return False
        if node.lower_ in THEME_WORDS:
            seen_theme = True
        node = node.head
        if node.lower_ in THEME_WORDS:
            seen_theme = True
        if seen_theme and (node.i in protest_heads or any(c.i in protest_heads for c in node.children)):
            return True
    return False


def code_events(doc: Doc, article: Article, settings: Settings) -> list[Event]:
    """Convenience for one-off use; ``Extractor`` keeps a ``Coder`` instead."""
    return Coder(settings).code(doc, article)
