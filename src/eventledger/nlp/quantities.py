"""``el_quantities``: every counted figure, what it counts and what happened to those counted.

Sets ``doc._.quantities`` (``list[Quantity]``, text order). Four kinds of figure:
1. numbers and vague counts ("at least 12 soldiers", "dozens of fighters", "one to two");
2. people counted without a number ("a soldier was killed" → 1, "Zaman and two other passengers
   were killed" → 3, "civilians were killed" → the event-size rule), ``implicit=True``;
3. explicit zeros ("no casualties", "no one was hurt" → 0 killed and 0 injured);
4. casualty words without any figure ("heavy losses", "causing casualties") → ``low=None``.
Breakdowns never double count: "five people, including two police officers" marks the 2
``included``. Vague numbers follow ``vague_numbers.csv`` and DESIGN.md; a vague plural counts
``small_event_size``, or ``large_event_size`` when the article describes a large event
(``event_scale_cues.csv``). Needs the parser; without it (blank model) only figures are read.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventledger.nlp.casualty_outcome import OutcomeFinder, OutcomeHit
from eventledger.nlp.counted_phrases import counted_noun, counted_noun_by_position, determiner
from eventledger.nlp.figure_drafts import Draft, mark_breakdowns
from eventledger.nlp.figure_lexicon import load_figure_lexicon
from eventledger.nlp.numbers import NumberReader, NumberReading
from eventledger.nlp.victim_counts import VictimCounter

# Entity labels whose numbers are never counts. DATE and QUANTITY are not trusted: the small model
# tags "Twenty assailants" DATE and "four assailants" QUANTITY; dates come from el_dates instead,
# and measures ("5 km", "two hours") from counted_nouns.csv.
_BLOCKING_ENTS = frozenset({"TIME", "MONEY", "PERCENT"})
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_NAME_ENTS = frozenset({"ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "PERSON", "GPE", "LOC"})


class QuantitiesComponent:
    """Reads figures with the packaged word tables, loaded once per instance."""

    def __init__(self, small_event_size: int, large_event_size: int) -> None:
        self.small_event_size = small_event_size
        self.large_event_size = large_event_size
        self.lexicon = load_figure_lexicon()
        self.reader = NumberReader(self.lexicon)
        self.outcomes = OutcomeFinder(self.lexicon)
        self.victims = VictimCounter(self.lexicon, self.outcomes)

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP")
        drafts = self._figures(doc, parsed)
        if parsed:
            mark_breakdowns(drafts)
            candidates = self._casualty_sentence_tokens(doc)
            drafts.extend(self.victims.implicit(candidates, drafts))
            drafts.extend(self.victims.zeros_and_words(candidates, drafts))
            _fold_vague_into_exact(doc, drafts)
            for draft in drafts:
                draft.background = self._background(doc, draft)
        text = doc.text
        size = self._event_size(doc) if any(d.rule == "event_size" or d.vague_parts for d in drafts) else 0
        doc._.quantities = [d.to_quantity(text, size) for d in sorted(drafts, key=lambda d: (d.start, d.end))]
        return doc

    def _casualty_sentence_tokens(self, doc: Doc) -> list[Token]:
        """Tokens of the sentences that use an outcome word; no other sentence counts victims."""
        words = self.lexicon.outcome_words
        tokens: list[Token] = []
        for sentence in doc.sents:
            if any(t.lower_ in words or t.lemma_.lower() in words for t in sentence):
                tokens.extend(sentence)
        return tokens

    def _background(self, doc: Doc, draft: Draft) -> bool:
        """A figure of an earlier event: under a motive cue ("in retaliation for the deaths of"),
        or in a clause whose only dates are background ("killed two people in 1997")."""
        token = draft.nominal
        if token is None:
            return False
        if any(self.lexicon.contexts.get(a.lemma_.lower()) == "background" for a in token.ancestors):
            return True
        clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if clause is None:
            return False
        start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
        inside = [d for d in doc._.dates or () if start <= d.start and d.end <= end]
        return bool(inside) and all(d.background for d in inside)

    def _event_size(self, doc: Doc) -> int:
        large = any(t.lemma_.lower() in self.lexicon.scale_cues for t in doc)
        return self.large_event_size if large else self.small_event_size

    def _figures(self, doc: Doc, parsed: bool) -> list[Draft]:
        words = [t.lower_ for t in doc]
        blocked = _blocked_tokens(doc)
        drafts: list[Draft] = []
        i = 0
        while i < len(doc):
            reading = self.reader.read(words, i) if i not in blocked else None
            if reading is None or any(k in blocked for k in range(reading.number_start, reading.end)):
                i += 1
                continue
            draft = self._draft(doc, reading, parsed)
            if draft is not None:
                drafts.append(draft)
            i = reading.end
        return drafts

    def _draft(self, doc: Doc, reading: NumberReading, parsed: bool) -> Draft | None:
        if _is_name_or_age(doc, reading):
            return None
        if parsed:
            counted = counted_noun(doc, reading, self.lexicon)
        else:
            counted = counted_noun_by_position(doc, reading, self.lexicon)
        entry = counted.entry
        if entry is not None and entry.kind == "measure":
            return None
        hit: OutcomeHit | None
        if parsed:
            hit = self.outcomes.for_nominal(counted.nominal)
        else:
            hit = self.outcomes.following_words(counted.noun or counted.nominal)
        if hit is None and counted.noun is not None and counted.noun.i != counted.nominal.i:
            hit = self.outcomes.for_nominal(counted.noun)
        if counted.noun is None and hit is None:
            return None
        if entry is not None and entry.kind in ("place", "thing"):
            hit = None  # "14 cities", "48 sites", "five vehicles were destroyed": never casualties
        about = entry.about if entry is not None else ("people" if hit is not None else None)
        noun = counted.noun
        start = doc[reading.start].idx
        end = doc[reading.end - 1].idx + len(doc[reading.end - 1])
        return Draft(start=start, end=end, low=reading.low, high=reading.high, rule=reading.rule,
                     qualifier=reading.qualifier if reading.qualifier != "range" else None,
                     about=about, outcome=hit.outcome if hit else None,
                     head=(noun.idx, noun.idx + len(noun)) if noun is not None else None,
                     nominal=counted.nominal, noun=noun, partitive=counted.partitive,
                     tokens=(reading.start, reading.end),
                     person=entry is None or entry.kind in ("person", "group"))


def _fold_vague_into_exact(doc: Doc, drafts: list[Draft]) -> None:
    """ACLED's event-size rule is for reports that give no number: "several victims were
    beheaded" beside "at least 92 people were killed" is part of the 92, so ``included``. Only
    an exact figure for the same outcome within two sentences counts: further away it is likely
    another event."""
    starts = [sentence.start for sentence in doc.sents]

    def sentence_of(draft: Draft) -> int:
        token = draft.nominal
        return bisect_right(starts, token.i) if token is not None else -99

    exact = [(d.outcome, sentence_of(d)) for d in drafts
             if d.rule is None and d.low and not d.included and d.outcome and not d.vague_parts]
    for draft in drafts:
        vague = draft.rule == "event_size" or draft.vague_parts > 0
        if vague and not draft.included:
            here = sentence_of(draft)
            draft.included = any(o == draft.outcome and abs(s - here) <= 2 for o, s in exact)


def _blocked_tokens(doc: Doc) -> set[int]:
    """Tokens inside dates, times, money, percentages and measures: never counts."""
    blocked = {t.i for t in doc if t.ent_type_ in _BLOCKING_ENTS}
    for mention in doc._.dates or ():
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    return blocked


def _is_name_or_age(doc: Doc, reading: NumberReading) -> bool:
    """"Route 7", "Phase 2.0", "Ahmed, 35,", "aged 35", "20-year-old": not counts."""
    first = doc[reading.number_start]
    last = doc[reading.end - 1]
    before = doc[reading.start - 1] if reading.start > 0 else None
    after = doc[reading.end] if reading.end < len(doc) else None
    if before is not None and (before.lower_ in _AGE_WORDS or before.lower_ == "no"):
        return True  # "aged 35"; "no one" is a zero, read with the victims
    if before is not None and before.pos_ == "PROPN" and before.whitespace_ and first.like_num \
            and first.text[:1].isdigit() and before.i == first.head.i:
        return True
    if before is not None and before.text == "," and after is not None and after.text == "," \
            and last.dep_ == "appos" and first.text.isdigit():
        return True
    if after is not None and after.text in ("-", "–") and reading.end + 1 < len(doc) \
            and doc[reading.end + 1].lower_ in ("year", "month", "week", "day", "hour", "minute"):
        return True
    if first.ent_type_ in _NAME_ENTS or (determiner(first) is not None and first.pos_ == "PROPN"):
        return True  # "the One World Outlook", "Brigade 313"
    return first.is_alpha and first.is_title and not first.is_sent_start and after is not None \
        and after.is_title and after.pos_ == "PROPN"


@Language.factory("el_quantities", default_config={"small_event_size": 3, "large_event_size": 10})
def make_quantities(nlp: Language, name: str, small_event_size: int, large_event_size: int
                    ) -> QuantitiesComponent:
    return QuantitiesComponent(small_event_size, large_event_size)

