"""What happened to the people a phrase counts, read from the dependency parse.

"Five people were killed" (passive subject of an object verb), "killing five" (its object),
"five died" (subject of a subject verb), "left 12 dead" / "were found dead" (a state word),
"12 bodies" / "3 casualties" (the noun itself), "the death toll rose to 15", "lost their lives",
"claimed 5 lives", "sustained injuries". Which word says what, and how, is ``outcome_words.csv``.
An active subject of "kill" is the perpetrator, never the victim ("six gunmen killed two soldiers").
Coordinated predicates share a subject and the gravest outcome wins: "was injured and later died"
is a death, as GTD and ACLED count it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from eventledger.nlp.figure_lexicon import FigureLexicon, OutcomeWord

# Gravest first: a person injured and then dead is counted dead (ACLED, GTD).
SEVERITY = ("killed", "injured", "abducted", "arrested", "missing", "displaced", "casualties")
_SUBJECTS = ("nsubj", "nsubjpass")
_STATE_DEPS = ("oprd", "acomp", "xcomp", "ccomp", "advcl", "attr", "dep")
_ADDITIVE_PREPS = ("besides", "plus", "alongside")
# A verb put its participant in a state: "beaten to death", "taken into custody".
_STATE_PREPS = {"to": ("killed",), "into": ("arrested", "abducted"), "in": ("arrested", "abducted"),
                "under": ("arrested",)}
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})
_LINKING = frozenset({"were", "was", "are", "is", "have", "has", "had", "been", "being", "reportedly",
                      "also", "later", "all", "both", "reported", "confirmed", "allegedly"})
_ADDITIVE_HEADS = ("addition", "along", "together", "as")


@dataclass(frozen=True)
class OutcomeHit:
    """An outcome and the token that says it (for evidence)."""

    outcome: str
    cue: Token
    word: OutcomeWord


def gravest(hits: list[OutcomeHit]) -> OutcomeHit | None:
    return min(hits, key=lambda h: SEVERITY.index(h.outcome)) if hits else None


def is_passive(verb: Token) -> bool:
    """Passive voice, including headline and reduced forms ("5 people killed in blast")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in verb.children):
        return True
    return verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN"


def _alternatives(verb: Token) -> bool:
    """"were killed or injured": two outcomes offered as alternatives, so only casualties."""
    return any(c.dep_ == "cc" and c.lower_ in ("or", "and/or") for c in verb.children) \
        and any(c.dep_ == "conj" and c.i == c.head.i + 2 for c in verb.children)


def is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def coordinated_verbs(verb: Token, role: str, passive: bool | None = None) -> Iterator[tuple[Token, bool]]:
    """The verb and the verbs coordinated after it that share its ``role`` participant, each with
    whether it is passive.

    A later conjunct shares the subject when it has none of its own ("was injured and later
    died"), and then its voice too ("was shot and killed"); it shares the object when it has no
    object of its own ("shot and killed a soldier").
    """
    passive = is_passive(verb) if passive is None else passive or is_passive(verb)
    yield verb, passive
    own = ("dobj", *_SUBJECTS) if role == "object" else _SUBJECTS
    for child in _following_predicates(verb, role):
        if child.pos_ in ("VERB", "AUX", "ADJ") and not any(c.dep_ in own for c in child.children):
            shares_voice = passive and child.dep_ == "conj" \
                and not any(c.dep_ in ("aux", "auxpass") for c in child.children)
            yield from coordinated_verbs(child, role, shares_voice)


def _following_predicates(verb: Token, role: str) -> Iterator[Token]:
    """Conjuncts, and for the subject also "... before succumbing to his wounds" (a subjectless
    adverbial clause or a clause after "before"/"after", which is about the same person)."""
    for child in verb.children:
        if child.dep_ == "conj" or (role == "subject" and child.dep_ == "advcl" and child.tag_ == "VBG"):
            yield child
        elif role == "subject" and child.dep_ == "prep" and child.lower_ in ("before", "after"):
            yield from (c for c in child.children if c.dep_ == "pcomp")


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or its head conjunct's ("was injured and later died")."""
    while True:
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head


class OutcomeFinder:
    """Reads outcomes with one lexicon; stateless between calls."""

    def __init__(self, lexicon: FigureLexicon) -> None:
        self.lexicon = lexicon

    def word(self, token: Token, cue: str) -> OutcomeWord | None:
        return self.lexicon.outcome(token.lemma_.lower(), cue) or self.lexicon.outcome(token.lower_, cue)

    def hypothetical(self, verb: Token) -> bool:
        """"should be killed", "threatened to kill", "plans to abduct": not an outcome that happened."""
        contexts = self.lexicon.contexts
        if any(c.dep_ in ("aux", "auxpass") and contexts.get(c.lemma_.lower()) == "hypothetical"
               for c in verb.children):
            return True
        head = verb
        while head.dep_ in ("xcomp", "ccomp", "conj", "acl") and head.head.i != head.i:
            head = head.head
            if contexts.get(head.lemma_.lower()) == "hypothetical" and head.pos_ in ("VERB", "NOUN", "AUX"):
                return True
            if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("xcomp", "conj"):
                break
        return False

    def hit(self, token: Token, cue: str) -> OutcomeHit | None:
        found = self.word(token, cue)
        return OutcomeHit(found.outcome, token, found) if found else None

    # -- outcome of a verb for a participant ----------------------------------------------------
    def for_role(self, verb: Token, role: str) -> OutcomeHit | None:
        """The gravest outcome ``verb`` (and its subject-sharing conjuncts) gives its ``role``.

        ``role`` is ``subject`` (the verb's subject), ``object`` (its direct object) or
        ``victim`` (a participant the verb's victims include: "in addition to the assailant").
        """
        hits = []
        for v, passive in coordinated_verbs(verb, role):
            if is_negated(v) or self.hypothetical(v):
                continue
            hit = self._verb_outcome(v, role, passive)
            if hit is not None:
                hits.append(hit)
        if len({h.outcome for h in hits}) > 1 and _alternatives(verb):
            return OutcomeHit("casualties", hits[0].cue, hits[0].word)  # "killed or injured"
        return gravest(hits)

    def _verb_outcome(self, v: Token, role: str, passive: bool) -> OutcomeHit | None:
        obj_hit = self.hit(v, "object")
        if obj_hit and (role == "object" or role == "victim" or (role == "subject" and passive)):
            return obj_hit
        if role in ("subject", "victim"):
            found = self.hit(v, "subject") or (None if passive else self._lives(v) or self._suffers(v))
            if found:
                return found
        if role in ("subject", "object", "victim"):
            return self._state(v, role, passive) or self._to_death(v)
        return None

    def _state(self, v: Token, role: str, passive: bool) -> OutcomeHit | None:
        """"were found dead", "went missing", "left 12 people injured". An active verb with an
        object ("the blast left 12 people dead") describes the object, not its subject."""
        has_object = not passive and any(c.dep_ == "dobj" for c in v.children)
        for child in v.children:
            if child.dep_ in _STATE_DEPS and child.pos_ in ("ADJ", "VERB") and child.i > v.i \
                    and not any(c.dep_ in (*_SUBJECTS, "dobj", "nummod") for c in child.children):
                if role == "subject" and has_object:
                    continue
                hit = self.hit(child, "state")
                if hit and not is_negated(child):
                    return hit
        return self.hit(v, "state") if v.pos_ == "ADJ" else None

    def _to_death(self, v: Token) -> OutcomeHit | None:
        """"beaten to death", "burned to death"; "taken into custody", "held in captivity"."""
        for prep in v.children:
            if prep.dep_ != "prep" or prep.lower_ not in _STATE_PREPS:
                continue
            for pobj in prep.children:
                found = self.word(pobj, "noun") if pobj.dep_ == "pobj" else None
                if found is not None and found.outcome in _STATE_PREPS[prep.lower_]:
                    return OutcomeHit(found.outcome, pobj, found)
        return None

    def _lives(self, v: Token) -> OutcomeHit | None:
        """"lost their lives" (the subject died)."""
        if self.word(v, "lives") is None or v.lemma_ not in ("lose",):
            return None
        for child in v.children:
            if child.dep_ == "dobj" and child.lemma_.lower() == "life":
                return self.hit(v, "lives")
        return None

    def _suffers(self, v: Token) -> OutcomeHit | None:
        """"sustained injuries", "suffered gunshot wounds"."""
        for child in v.children:
            if child.dep_ == "dobj":
                hit = self.hit(child, "suffer")
                if hit:
                    return hit
        return None

    # -- outcome of a counted phrase --------------------------------------------------------
    def for_nominal(self, nominal: Token) -> OutcomeHit | None:
        """What the clause says happened to ``nominal`` (a counted noun or a bare number).

        The noun's own outcome ("hostages") and the clause's ("were killed", "the bodies of")
        both count, the gravest wins: "17 hostages were killed" is a death toll.
        """
        hits = [h for h in (self.hit(nominal, "noun"), self.hit(nominal, "state")) if h is not None]
        for child in nominal.children:
            if child.dep_ in ("amod", "acl", "appos") and child.i > nominal.i:
                hit = self.hit(child, "state")
                if hit is None and child.pos_ == "VERB" and is_passive(child):
                    hit = self.hit(child, "object")
                if hit is not None:
                    hits.append(hit)
            elif child.dep_ == "relcl":
                hit = self._relative_clause(child)
                if hit is not None:
                    hits.append(hit)
            elif child.dep_ == "prep" and child.lower_ == "with":
                hit = self._with_injuries(child)
                if hit is not None:
                    hits.append(hit)
        clause = self.for_clause_role(nominal) or self.following_words(nominal)
        if clause is not None:
            hits.append(clause)
        return gravest(hits)

    def _with_injuries(self, prep: Token) -> OutcomeHit | None:
        """"three tribals with bullet injuries", "820 persons with serious injuries"."""
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                return self.hit(pobj, "suffer")
        return None

    def _relative_clause(self, verb: Token) -> OutcomeHit | None:
        """"the 571 people who died", "40 people who were killed", "five men whom gunmen shot dead"."""
        for child in verb.children:
            if child.lower_ in _RELATIVE_PRONOUNS:
                if child.dep_ in _SUBJECTS:
                    return self.for_role(verb, "subject")
                if child.dep_ == "dobj":
                    return self.for_role(verb, "object")
        return None

    def following_words(self, token: Token) -> OutcomeHit | None:
        """"and thirteen were injured" when the parser lost the subject: the words right after the
        counted phrase ("were", "had been", ...) then an outcome participle."""
        doc = token.doc
        k = token.i + 1
        while k < len(doc) and k <= token.i + 4 and doc[k].lower_ in _LINKING:
            k += 1
        if k == token.i + 1 or k >= len(doc):
            return None
        nxt = doc[k]
        if nxt.tag_ in ("VBN", "") and (hit := self.hit(nxt, "object")) is not None:
            return hit  # no tag: a blank pipeline, where "killed" reads by its form
        return self.hit(nxt, "state") or self.hit(nxt, "subject")

    def for_clause_role(self, token: Token) -> OutcomeHit | None:
        """Climb from ``token`` through coordination to its role in a clause, and read the clause."""
        token = self.first_conjunct(token)
        dep, head = token.dep_, token.head
        if dep in _SUBJECTS:
            return self.for_role(head, "subject") or self._toll(head, token)
        if dep in ("dobj", "oprd"):
            if head.lemma_.lower() in ("claim", "take", "cost") and token.lemma_.lower() == "life":
                return self.hit(head, "lives")
            return self.for_role(head, "object")
        if dep == "attr":
            return self._toll(head, token)
        if dep == "pobj":
            return self._via_preposition(head, token)
        return None

    def first_conjunct(self, token: Token) -> Token:
        while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
            token = token.head
        return token

    def _via_preposition(self, prep: Token, pobj: Token) -> OutcomeHit | None:
        """"the killing of 5", "the bodies of 3", "rose to 15" (a toll), "in addition to the assailant"."""
        governor = prep.head
        word = prep.lower_
        if word == "of" and governor.pos_ in ("NOUN", "PROPN"):
            return self.hit(governor, "noun")
        if word in ("to", "at") and governor.pos_ in ("VERB", "AUX"):
            return self._toll(governor, pobj)
        if word in _ADDITIVE_PREPS or (word in ("to", "with") and governor.lower_ in _ADDITIVE_HEADS):
            return self._additive(governor)
        return None

    def _additive(self, token: Token) -> OutcomeHit | None:
        """"In addition to the assailant, two people were killed": share the clause's victims' fate."""
        while token.dep_ in ("pobj", "prep", "advmod") and token.head.i != token.i:
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                return self.for_role(token, "victim")
            if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and token.dep_ not in ("pobj",):
                return self.for_clause_role(token)
        return None

    def _toll(self, verb: Token, figure: Token) -> OutcomeHit | None:
        """"the death toll rose to 15", "the death toll was 15"."""
        for child in verb.children:
            if child.dep_ in _SUBJECTS and child.i != figure.i:
                hit = self.hit(child, "toll")
                if hit is not None:
                    return hit
        return None
