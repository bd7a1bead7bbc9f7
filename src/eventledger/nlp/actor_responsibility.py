"""Responsibility cues around an actor mention: who claimed, who is blamed, who denied.

Reads the dependency parse ("The Taliban claimed responsibility": *Taliban* is the subject of
*claim* whose object is *responsibility*); without a parse (blank model) a few surface
patterns stand in. A mention can carry several cues ("sources attributed the attack to the
Taliban, which denied involvement"); the strongest wins: claimed, then attributed, then denied.
"No group claimed responsibility" marks nobody because "group" is not a mention.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventledger.nlp.actor_cues import ResponsibilityCues

CLAIMED, ATTRIBUTED, DENIED = "claimed", "attributed", "denied"
_RANK = {CLAIMED: 0, ATTRIBUTED: 1, DENIED: 2}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_CLAUSES = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp"}
_WH = {"which", "who", "that", "whom"}


def strongest(*cues: str | None) -> str | None:
    found = [cue for cue in cues if cue]
    return min(found, key=_RANK.__getitem__) if found else None


def responsibility(span: Span, cues: ResponsibilityCues, *, parsed: bool,
                   surface: bool = True) -> str | None:
    """The responsibility cue the text attaches to the actor mentioned by ``span``. ``parsed``
    says whether the doc has a dependency parse; ``surface`` allows the word patterns as a
    fallback when the parse finds nothing."""
    if not parsed:
        return _surface(span, cues, parsed=False) if surface else None
    head = _role_token(span.root)
    hedged = _hedged(span, cues) if _acting(head) else None
    # The parse decides; the surface patterns catch sentences the small parser gets wrong.
    found = strongest(_as_subject(head, cues), _as_object(head, cues), _as_relative(span.root, cues),
                      _as_possessor(head, cues), hedged)
    return found or (_surface(span, cues, parsed=True) if surface else None)


def _acting(head: Token) -> bool:
    """Whether the mention acts in its clause: "suspected militants attacked" but not
    "an alleged gang leader was shot"."""
    return head.dep_ in {"nsubj", "ROOT"} or (head.dep_ == "pobj" and head.head.dep_ == "agent")


def role_token(span: Span) -> Token:
    """The token whose dependency tells the mention's role in its clause."""
    return _role_token(span.root)


def _role_token(token: Token) -> Token:
    """The token that carries the mention's role: the first conjunct or the appositive head."""
    seen = 0
    while token.dep_ in {"conj", "appos"} and token.head is not token and seen < 8:
        token, seen = token.head, seen + 1
    return token


def _negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _objects(verb: Token) -> list[Token]:
    out = [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd", "dative"}]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def _verb_cue(verb: Token, cues: ResponsibilityCues, *, passive: bool) -> str | None:
    """What ``verb`` says about its subject."""
    if _negated(verb):
        return None
    lemma = verb.lemma_.lower()
    objects = {o.lemma_.lower() for o in _objects(verb)}
    if not passive and lemma in cues.claim_verbs and objects & cues.responsibility_nouns:
        return CLAIMED
    if not passive and lemma == "claim" and objects & cues.claimable_nouns:
        return CLAIMED
    if not passive and lemma in cues.deny_verbs:
        return DENIED
    if passive and (lemma in cues.blame_verbs | cues.suspect_verbs or _held_responsible(verb, cues)):
        return ATTRIBUTED  # "X is suspected", "X was blamed", "X is believed to be behind"
    if not passive and lemma in cues.statement_verbs and _self_claim(verb, cues):
        return CLAIMED  # "X said it carried out the attack"
    # "sources suspected that X carried out / was involved in / was behind the attack"; a
    # passive "was killed" makes X the victim, so only "involved" counts in the passive.
    acts = (not passive and _perpetration(verb, cues)) or (passive and lemma == "involve")
    if acts and _hedged_clause(verb, cues):
        return ATTRIBUTED
    return None


def _held_responsible(verb: Token, cues: ResponsibilityCues) -> bool:
    """"held X responsible", "X was held accountable"."""
    return verb.lemma_.lower() == "hold" and any(
        t.lower_ in cues.behind_words | {"accountable"} for t in verb.subtree if t.i > verb.i)


def _self_claim(verb: Token, cues: ResponsibilityCues) -> bool:
    for clause in (c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}):
        subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
        own = subject is not None and (subject.lower_ in cues.self_references or any(
            c.lower_ in cues.self_references for c in subject.children if c.dep_ == "poss"))
        if own and (clause.lemma_.lower() in cues.perpetrate_verbs or _perpetration(clause, cues)):
            return True
    return False


def _perpetration(verb: Token, cues: ResponsibilityCues) -> bool:
    if verb.lemma_.lower() in cues.perpetrate_verbs:
        return True
    return any(c.lower_ in cues.behind_words for c in verb.children
               if c.dep_ in {"prep", "acomp", "advmod", "attr", "oprd"})


def _hedged_clause(verb: Token, cues: ResponsibilityCues) -> bool:
    """Whether a clause is reported as suspicion: a hedging adverb or a suspecting verb above."""
    if any(c.lower_ in cues.hedge_adverbs for c in verb.children if c.dep_ == "advmod"):
        return True
    token, steps = verb, 0
    while token.dep_ in _CLAUSES and token.head is not token and steps < 4:
        token, steps = token.head, steps + 1
        if token.lemma_.lower() in cues.suspect_verbs and not _negated(token):
            return True
    return False


def _as_subject(head: Token, cues: ResponsibilityCues) -> str | None:
    if head.dep_ not in _SUBJECTS:
        return None
    verb = head.head
    return _verb_cue(verb, cues, passive=head.dep_ == "nsubjpass")


def _as_object(head: Token, cues: ResponsibilityCues) -> str | None:
    if head.dep_ in {"dobj", "dative"}:
        verb = head.head
        if _negated(verb):
            return None
        if verb.lemma_.lower() in cues.blame_verbs or _held_responsible(verb, cues):
            return ATTRIBUTED  # "authorities blamed X", "police suspect X", "held X responsible"
        return None
    if head.dep_ != "pobj":
        return None
    prep, governor = head.head, head.head.head
    if prep.lower_ in {"to", "on", "with"} and governor.pos_ in {"NOUN", "PROPN"} and \
            governor.dep_ in {"dobj", "nsubjpass", "nsubj"}:
        governor = governor.head  # "attributed [the attack to X]": the parser hangs "to" on the noun
    word, lemma = prep.lower_, governor.lemma_.lower()
    if _negated(governor):
        return None
    if word in {"to", "with"} and lemma in cues.attribute_verbs:
        return ATTRIBUTED  # "attributed the attack to X", "linked with X"
    if word == "on" and lemma in cues.blame_verbs:
        return ATTRIBUTED  # "blamed the bombing on X"
    if word == "by":
        if lemma == "claim":
            return CLAIMED  # "the attack was claimed by X"
        if _perpetration(governor, cues) and (_hedged_clause(governor, cues) or _hedged_word(governor, cues)):
            return ATTRIBUTED  # "suspected to have been carried out by X"
    if word == "of" and lemma in cues.involvement_nouns:
        return _involvement(governor, cues)
    if word == "of" and governor.lower_ in cues.member_nouns and any(
            c.dep_ == "amod" and c.lower_ in cues.hedge_modifiers for c in governor.children):
        return ATTRIBUTED  # "two suspected members of X were arrested"
    return None


def _hedged_word(verb: Token, cues: ResponsibilityCues) -> bool:
    return any(t.lower_ in cues.hedge_adverbs or t.lower_ in cues.hedge_modifiers
               for t in verb.doc[max(0, verb.i - 3):verb.i])


def _involvement(noun: Token, cues: ResponsibilityCues) -> str | None:
    """"the involvement of X" under a suspecting verb → attributed; under a denial → denied."""
    if noun.lemma_.lower() in {"hallmark", "hallmarks", "handiwork", "signature"}:
        return ATTRIBUTED
    token, steps = noun, 0
    while token.dep_ in {"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr"} and steps < 4:
        token, steps = token.head, steps + 1
        lemma = token.lemma_.lower()
        if token.pos_ in {"VERB", "AUX"}:
            if _negated(token):
                return None
            if lemma in cues.deny_verbs:
                return DENIED
            if lemma in cues.suspect_verbs or lemma in cues.blame_verbs:
                return ATTRIBUTED
            return None
    return None


def _as_possessor(head: Token, cues: ResponsibilityCues) -> str | None:
    if head.dep_ == "poss" and head.head.lemma_.lower() in cues.involvement_nouns:
        return _involvement(head.head, cues)  # "suspected the group's involvement"
    return None


def _as_relative(root: Token, cues: ResponsibilityCues) -> str | None:
    """"X, which claimed responsibility" / "X, who denied involvement"."""
    for clause in root.children:
        if clause.dep_ != "relcl":
            continue
        subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and subject.lower_ in _WH:
            cue = _verb_cue(clause, cues, passive=subject.dep_ == "nsubjpass")
            if cue:
                return cue
    return None


def _hedged(span: Span, cues: ResponsibilityCues) -> str | None:
    """"suspected Boko Haram militants", "alleged Taliban fighters"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].dep_ == "det" or doc[i].lower_ in {"the", "a", "an"}):
        i -= 1
    if i >= 0 and doc[i].lower_ in cues.hedge_modifiers:
        return ATTRIBUTED
    if any(c.dep_ == "amod" and c.lower_ in cues.hedge_modifiers for c in span.root.children):
        return ATTRIBUTED
    return None


# ------------------------------------------------------------------ without a parse
_AUXILIARIES = {"has", "have", "had", "also", "later", "reportedly", "subsequently", "quickly"}
_ARTICLES = {"the", "a", "an"}


def _window(span: Span, size: int = 8) -> tuple[int, int]:
    """Up to ``size`` tokens either side of the span, not crossing a sentence start."""
    doc = span.doc
    first = span.start
    while first > max(0, span.start - size) and not doc[first].is_sent_start:
        first -= 1
    last = span.end
    while last < min(len(doc), span.end + size) and not doc[last].is_sent_start:
        last += 1
    return first, last


def _surface(span: Span, cues: ResponsibilityCues, *, parsed: bool) -> str | None:
    """Strict word patterns inside the mention's sentence: "X (has) claimed responsibility",
    "attributed the attack to X", "blamed on X", "the involvement of X", "X denied"."""
    doc = span.doc
    first, last = _window(span)
    # With a lemmatizer compare lemmas; without one, word beginnings stand in ("claim-ed").
    word = (lambda t: t.lemma_.lower()) if parsed else (lambda t: t.lower_)
    after = [word(t) for t in doc[span.end:last] if t.lower_ not in _AUXILIARIES]
    before = [word(t) for t in doc[first:span.start] if t.lower_ not in _ARTICLES]
    if _claims_after(after, cues):
        return CLAIMED
    if _attributed_before(before, cues):
        return ATTRIBUTED
    if not parsed and before and before[-1] in cues.hedge_modifiers:
        return ATTRIBUTED
    denies = any(_lemma_like(w, cues.deny_verbs) for w in after[:3])
    if after and after[0] in {",", "which", "who"} and denies:
        return DENIED
    if after and _lemma_like(after[0], cues.deny_verbs):
        return DENIED
    return None


def _lemma_like(word: str, lemmas: frozenset[str]) -> bool:
    if word in lemmas:
        return True
    return any(word.startswith(lemma[:-1] if lemma.endswith("e") else lemma) for lemma in lemmas)


def _claims_after(after: list[str], cues: ResponsibilityCues) -> bool:
    if not after or not _lemma_like(after[0], cues.claim_verbs) or after[0] in {"taken", "owned"}:
        return False
    objects = cues.responsibility_nouns | cues.claimable_nouns
    return any(w in objects for w in after[1:4] if w not in _ARTICLES)


def _attributed_before(before: list[str], cues: ResponsibilityCues) -> bool:
    """"... attributed the attack to | blamed the bombing on | the involvement of | claimed by"."""
    if len(before) < 2:
        return False
    link, words = before[-1], before[:-1]
    if link in {"to", "with"}:
        return any(_lemma_like(w, cues.attribute_verbs) for w in words[-4:])
    if link == "on":
        return any(_lemma_like(w, cues.blame_verbs) for w in words[-4:])
    if link == "of":
        return words[-1] in cues.involvement_nouns and any(
            _lemma_like(w, cues.suspect_verbs | cues.blame_verbs) for w in words[-4:-1])
    return False
