"""Figures while they are being read, and the rule that keeps breakdowns from double counting.

A :class:`Draft` is a :class:`~eventledger.nlp.mentions.Quantity` still linked to its tokens, so
later steps (breakdowns, implicit counts) can relate figures through the parse. Breakdowns:
"five people, including two police officers and three assailants" (``including``/``among``),
"five people (two soldiers and three civilians)" (apposition) and "two of them" / "two of the
dead" (a partition of a set counted just before) are ``included`` in the figure they break down
and inherit its outcome when they have none of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventledger.nlp.mentions import Quantity

_BREAKDOWN_PREPS = frozenset({"include", "including", "among", "amongst"})


@dataclass
class Draft:
    """A figure being read. ``rule`` is the vague-number rule (``None`` for exact figures);
    ``vague_parts`` counts vague plurals summed into an implicit count ("two soldiers and
    civilians"), each worth the event size."""

    start: int
    end: int
    low: int | None
    high: int | None
    about: str | None
    outcome: str | None
    rule: str | None = None
    qualifier: str | None = None
    head: tuple[int, int] | None = None
    nominal: Token | None = None
    noun: Token | None = None
    partitive: bool = False
    tokens: tuple[int, int] | None = None
    included: bool = False
    implicit: bool = False
    vague_parts: int = 0
    background: bool = False
    person: bool = True

    def to_quantity(self, text: str, event_size: int) -> Quantity:
        low = self.low
        if self.rule == "event_size":
            low = event_size
        elif self.vague_parts:
            low = (low or 0) + event_size * self.vague_parts
        return Quantity(
            start=self.start, end=self.end, text=text[self.start:self.end], low=low,
            high=self.high, about=self.about, outcome=self.outcome,
            vague=self.rule is not None or self.vague_parts > 0, qualifier=self.qualifier,
            head_start=self.head[0] if self.head else None, head_end=self.head[1] if self.head else None,
            included=self.included, implicit=self.implicit, background=self.background)

    def holds(self, token: Token) -> bool:
        return any(t is not None and t.i == token.i for t in (self.nominal, self.noun))


def mark_breakdowns(drafts: list[Draft]) -> None:
    """Mark figures that break down another figure as ``included`` (in place)."""
    for index, draft in enumerate(drafts):
        if not draft.person:
            continue  # "across three of the attacks" breaks down no casualty figure
        found = _breakdown_parent(drafts, index)
        if found is None:
            continue
        parent, relation = found
        if relation == "partitive" and draft.outcome not in (None, parent.outcome):
            continue
        if not _smaller(draft, parent, strictly=relation != "including"):
            continue
        draft.included = True
        if draft.outcome is None:
            draft.outcome = parent.outcome


def _smaller(part: Draft, whole: Draft, strictly: bool) -> bool:
    """A breakdown is smaller than what it breaks down ("one soldier, one soldier and three
    assailants" is a list, not a breakdown); "two, including two soldiers" may be equal."""
    if part.low is None or whole.low is None or whole.rule is not None:
        return True
    return part.low < whole.low if strictly else part.low <= whole.low


def _breakdown_parent(drafts: list[Draft], index: int) -> tuple[Draft, str] | None:
    """The figure ``drafts[index]`` breaks down, and how: apposition, including, partitive."""
    draft = drafts[index]
    token = draft.noun or draft.nominal
    if token is None:
        return None
    if draft.partitive:
        parent = _previous(drafts, index, token, same_sentence=False)
        return (parent, "partitive") if parent is not None else None
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        apposition = token.dep_ == "appos"
        token = token.head
        holder = next((d for d in drafts[:index] if d.holds(token)), None)
        if holder is not None and apposition:
            return holder, "apposition"
    if token.dep_ == "pobj" and (token.head.lower_ in _BREAKDOWN_PREPS
                                 or token.head.lemma_.lower() in _BREAKDOWN_PREPS):
        parent = _previous(drafts, index, token.head, same_sentence=True)
        return (parent, "including") if parent is not None else None
    return None


def _previous(drafts: list[Draft], index: int, before: Token, same_sentence: bool) -> Draft | None:
    """The nearest earlier figure that is not itself a breakdown, in this or the last sentence."""
    sentence = before.sent
    for other in reversed(drafts[:index]):
        if other.included or other.nominal is None or other.end > before.idx:
            continue
        other_sentence = other.nominal.sent
        if other_sentence.start == sentence.start:
            return other
        if not same_sentence and other_sentence.end == sentence.start:
            return other
        return None
    return None
