"""Counts the text gives without a number: victims named or described, zeros, casualty words.

- "a soldier was killed", "Aimaq ... was killed", "the victim died", "killing her" → 1;
  "Zaman and two other passengers were killed" → 3 and "The assailant and at least one soldier
  were killed" → at least 2: one figure over the coordination, its numbered parts ``included``.
- A later "the soldier" / "he" / the same name with the same outcome refers back to someone
  already counted and adds nothing.
- "No casualties were reported", "no one was hurt", "did not cause any casualties" → explicit 0
  for each outcome the word rules out (``outcome_words.csv``, column ``zero``).
- "heavy losses", "causing casualties": a casualty claim without a figure (``low=None``).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from eventledger.nlp.casualty_outcome import OutcomeFinder
from eventledger.nlp.counted_phrases import (
    anaphora_key,
    counted_entry,
    determiner,
    implicit_count,
    is_anaphoric,
    is_definite_plural,
    is_negative,
)
from eventledger.nlp.figure_drafts import Draft
from eventledger.nlp.figure_lexicon import FigureLexicon

_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_RAISING = frozenset({"at_least", "more_than"})


class VictimCounter:
    def __init__(self, lexicon: FigureLexicon, outcomes: OutcomeFinder) -> None:
        self.lexicon = lexicon
        self.outcomes = outcomes

    # -- implicit counts ---------------------------------------------------------------------
    def implicit(self, tokens: list[Token], drafts: list[Draft]) -> list[Draft]:
        by_token = {t.i: d for d in drafts for t in (d.nominal, d.noun) if t is not None}
        counted: set[tuple[tuple[str, str], str | None]] = {
            (anaphora_key(d.noun), d.outcome) for d in drafts if d.noun is not None and d.outcome}
        found: list[Draft] = []
        for token in tokens:
            if token.dep_ not in _ROLES or token.pos_ not in _NOMINAL or token.dep_ == "conj" \
                    or is_negative(token) or self._casualty_word(token) or _second_subject(token, by_token):
                continue
            members = _members(token)
            if all(m.i in by_token for m in members):
                continue
            numbered_head = by_token.get(token.i)
            hit = self.outcomes.for_clause_role(token)
            outcome = hit.outcome if hit is not None else None
            if numbered_head is not None and numbered_head.outcome:
                outcome = numbered_head.outcome
            if outcome is None or outcome == "casualties":
                continue
            draft = self._coordination(members, outcome, by_token, counted, drafts)
            if draft is not None:
                found.append(draft)
        return found

    def _casualty_word(self, token: Token) -> bool:
        """"the death toll", "the bodies", "casualties": words for a count, not people; while
        "the hostage was killed" counts a person."""
        noun = self.outcomes.word(token, "noun")
        return self.outcomes.word(token, "toll") is not None or (
            noun is not None and noun.outcome in ("killed", "injured", "casualties"))

    def _coordination(self, members: list[Token], outcome: str, by_token: dict[int, Draft],
                      counted: set[tuple[tuple[str, str], str | None]], drafts: list[Draft]) -> Draft | None:
        """One figure over "Zaman and two other passengers": names, nouns and pronouns summed."""
        numbered = [by_token[m.i] for m in members if m.i in by_token]
        total, vague_parts, unknown, implicit = 0, 0, False, 0
        habitual = _habitual(members[0])
        for member in members:
            if member.i in by_token:
                continue
            count, vague = implicit_count(member, self.lexicon)
            if vague and numbered:
                continue  # "Fifteen people, soldiers and civilians": a description, not more people
            key = anaphora_key(member)
            if member.pos_ == "PRON":
                count, key = _pronoun(member, count, drafts, self.lexicon)
            elif is_definite_plural(member):
                count, key = self._group_antecedent(member, drafts)
            if is_anaphoric(member) and (key, outcome) in counted:
                continue
            counted.add((key, outcome))
            if vague:
                if habitual:
                    continue  # "security forces abduct activists": a practice, not a count
                vague_parts, implicit = 1, implicit + 1  # a list of bare plurals is one vague group
            elif count is None:
                unknown = True
            else:
                total, implicit = total + count, implicit + 1
        if implicit == 0:
            return None
        # "two people, including one assailant and a bystander": the whole list is a breakdown
        breakdown = any(d.included for d in numbered)
        for part in numbered:
            total += part.low or 0
            part.included = True
            unknown = unknown or part.qualifier in _RAISING or part.low is None
        head, last = members[0], members[-1]
        alone = vague_parts and not total and len(members) == 1
        return Draft(included=breakdown, start=head.left_edge.idx, end=last.idx + len(last),
                     low=total if (total or not vague_parts) else None, high=None,
                     about=self._about(members, numbered), outcome=outcome,
                     rule="event_size" if alone else None,
                     qualifier="at_least" if unknown else None, head=(head.idx, head.idx + len(head)),
                     nominal=head, noun=head, implicit=True, vague_parts=0 if alone else vague_parts)

    def _group_antecedent(self, token: Token, drafts: list[Draft]) -> tuple[int | None, tuple[str, str]]:
        """"Assailants assaulted two teenagers. The victims were injured." → 2: the last group
        counted in this or the previous sentence that the noun can name (same noun, same class,
        or a general word such as "victims" or "hostages")."""
        entry = counted_entry(self.lexicon, token)
        general = entry is not None and entry.about == "people"
        window_start = _previous_sentence_start(token)
        for draft in reversed(drafts):
            noun = draft.noun
            if noun is None or not window_start <= noun.i < token.i or draft.included or not draft.low:
                continue
            if general or noun.lemma_ == token.lemma_ or (entry is not None and draft.about == entry.about):
                return draft.low, anaphora_key(noun)
        return None, anaphora_key(token)

    def _about(self, members: list[Token], numbered: list[Draft]) -> str:
        """The class all members share ("soldiers"), else "people"."""
        classes: set[str | None] = {d.about for d in numbered}
        for member in members:
            if not any(d.holds(member) for d in numbered):
                entry = counted_entry(self.lexicon, member)
                classes.add(entry.about if entry is not None else "people")
        only = classes.pop() if len(classes) == 1 else None
        return only or "people"

    # -- zeros and figureless casualty words ------------------------------------------------------
    def zeros_and_words(self, tokens: list[Token], drafts: list[Draft]) -> list[Draft]:
        held = {t.i for d in drafts for t in (d.nominal, d.noun) if t is not None}
        found: list[Draft] = []
        for token in tokens:
            if token.i in held or token.pos_ not in _NOMINAL:
                continue
            if token.dep_ in _ROLES and is_negative(token):
                hit = self.outcomes.for_clause_role(token)
                if hit is not None:
                    found.extend(_zeros(token, hit.word.zero, about="people"))
                    continue
            word = self.outcomes.word(token, "noun")
            if word is None:
                continue
            if _ruled_out(token):
                found.extend(_zeros(token, word.zero, about="people"))
            elif self._bare_claim(token):
                found.append(Draft(start=token.left_edge.idx, end=token.idx + len(token), low=None, high=None,
                                   about=None, outcome=word.outcome, rule="unknown", nominal=token,
                                   noun=token, head=(token.idx, token.idx + len(token)), implicit=True))
        return found

    def _bare_claim(self, token: Token) -> bool:
        """"heavy losses", "causing casualties": plural, unowned, indefinite, not suffered."""
        if token.tag_ != "NNS" or any(c.dep_ in ("nummod", "poss") for c in token.children):
            return False
        if determiner(token) is not None:
            return False
        if token.dep_ == "pobj" and token.head.lower_ == "with":
            return False  # "three tribals with bullet injuries" describes people counted there
        return not (token.dep_ == "dobj" and self.outcomes.hit(token, "suffer") is not None)


def _conjuncts(head: Token) -> Iterator[Token]:
    yield head
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in _NOMINAL | {"NUM"}:
            yield from _conjuncts(child)


def _pronoun(token: Token, count: int | None, drafts: list[Draft], lexicon: FigureLexicon
             ) -> tuple[int | None, tuple[str, str]]:
    """(count, key of the antecedent) for a pronoun victim: "he" is the last person named in this
    or the previous sentence; "them" the last group counted there ("the two assailants ... killing
    them" → 2)."""
    window_start = _previous_sentence_start(token)
    if count is None:
        plural = next((t for t in reversed(token.doc[window_start:token.i]) if t.tag_ == "NNS"), None)
        draft = next((d for d in drafts if plural is not None and d.holds(plural)), None)
        if plural is not None and draft is not None and draft.low and not draft.included:
            return draft.low, anaphora_key(plural)
        return None, anaphora_key(token)
    for other in reversed(token.doc[window_start:token.i]):
        if other.dep_ != "compound" and (other.pos_ == "PROPN" or (
                other.pos_ == "NOUN" and (entry := counted_entry(lexicon, other)) is not None
                and entry.kind == "person")):
            return count, anaphora_key(other)
    return count, anaphora_key(token)


def _habitual(token: Token) -> bool:
    """Is the clause in the simple present ("forces abduct activists", "troops torture detainees")?"""
    verb = token.head
    return verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _previous_sentence_start(token: Token) -> int:
    sentence = token.sent
    if sentence.start == 0:
        return 0
    return token.doc[sentence.start - 1].sent.start


def _members(head: Token) -> list[Token]:
    """The coordinated participants: "Zaman and two other passengers". A list without "and"/"or"
    ("Jumagul, an officer, in Police District 2, Lashkar Gah") is the head alone."""
    members = [head, *(m for m in _conjuncts(head) if m.i != head.i and not _place(m))]
    if len(members) > 1 and not any(c.dep_ == "cc" for m in members for c in m.children):
        return [head]
    return members


def _place(token: Token) -> bool:
    """A place named in a list after the victim ("an employee ... in Ghazni city, Ghazni")."""
    return token.pos_ == "PROPN" and token.ent_type_ in ("GPE", "LOC", "FAC")


def _second_subject(token: Token, by_token: dict[int, Draft]) -> bool:
    """"Three civilians, A, B, and C were killed": the parser may hang the last name on the verb
    as a second subject; a clause has one, so a name after a counted subject is its apposition."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ == token.dep_ and c.i < token.i and c.i in by_token for c in token.head.children)


def _seen(counted: set[tuple[tuple[str, str], str | None]], key: tuple[str, str], outcome: str) -> bool:
    if key[0] == "pron":
        return any(o == outcome for _, o in counted)
    return (key, outcome) in counted


def _ruled_out(token: Token) -> bool:
    """"no casualties", "did not cause any casualties", "without casualties"."""
    if is_negative(token):
        return True
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "without":
        return True
    if determiner(token) == "any" and token.dep_ in ("dobj", "attr", "nsubjpass", "nsubj"):
        return any(c.dep_ == "neg" for c in head.children)
    return False


def _zeros(token: Token, outcomes: tuple[str, ...], about: str) -> Iterator[Draft]:
    start = token.left_edge.idx
    end = token.idx + len(token)
    for outcome in outcomes:
        yield Draft(start=start, end=end, low=0, high=None, about=about, outcome=outcome,
                    nominal=token, head=(token.idx, end), implicit=True)
