"""Which noun a figure counts, and how a phrase without a figure counts people.

"dozens of fighters" → fighters; "two police officers" → police (the two-word key is tried before
the head word, from ``counted_nouns.csv``); "five of them" → a partition of a set counted before.
Phrases without a number count by their form: a singular person noun or a name is 1 ("a soldier",
"Aimaq"), "he"/"her" is 1, a bare plural ("civilians were killed") is a vague plural (ACLED's
event-size rule), and a definite plural ("the soldiers") refers back to a count already given.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventledger.nlp.figure_lexicon import CountedNoun, FigureLexicon
from eventledger.nlp.numbers import NumberReading

_NOMINAL_POS = ("NOUN", "PROPN", "PRON", "ADJ")
_MODIFIER_DEPS = ("nummod", "amod", "det", "quantmod", "compound", "advmod", "npadvmod")
_SINGLE_PRONOUNS = frozenset({"he", "him", "she", "her", "himself", "herself", "i", "me", "another", "one"})
_PARTITIVE_PRONOUNS = frozenset({"them", "whom", "those", "these", "which", "us"})
_DEFINITE = frozenset({"the", "these", "those", "this", "that", "its", "their", "his", "her", "our", "both"})
_NEGATIVE = frozenset({"no", "none", "nobody", "neither"})
# A name in a victim's role is a person even when the small model tags it GPE or ORG ("Aimaq ...
# was killed", "Dlomo, an induna, was killed"); group names are NORP, acronyms or contain a group
# noun ("the Afghan National Army"), and are not one person.
_NOT_PEOPLE_ENTS = frozenset({"NORP", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE", "MONEY",
                              "PERCENT", "QUANTITY"})


@dataclass(frozen=True)
class Counted:
    """The counted noun of a figure (``None`` for "killing 5") and the token with the clause role."""

    noun: Token | None
    nominal: Token
    entry: CountedNoun | None
    partitive: bool = False


def counted_entry(lexicon: FigureLexicon, noun: Token) -> CountedNoun | None:
    """The counted-noun entry for ``noun``: "police officer" before "officer"."""
    table = lexicon.counted_nouns
    head = noun.lemma_.lower()
    for child in reversed([c for c in noun.lefts if c.dep_ in ("compound", "amod")]):
        entry = table.get((child.lemma_.lower(), head)) or table.get((child.lower_, noun.lower_))
        if entry is not None:
            return entry
    return table.get((head,)) or table.get((noun.lower_,))


def counted_noun(doc: Doc, reading: NumberReading, lexicon: FigureLexicon) -> Counted:
    """Find what a figure counts: the noun it modifies, or the "of" phrase after a number word."""
    span = doc[reading.number_start:reading.end]
    for token in span:
        head = token.head
        if token.dep_ in _MODIFIER_DEPS and not (span.start <= head.i < span.end) \
                and head.pos_ in (*_NOMINAL_POS, "NUM") and head.i > token.i:
            head = _phrase_head(head)
            return Counted(head, head, counted_entry(lexicon, head))
    nominal = span[-1]
    for root in (nominal, *span):
        of_noun = _of_phrase(root)
        if of_noun is not None:
            partitive = of_noun.lower_ in _PARTITIVE_PRONOUNS or _is_definite(of_noun)
            return Counted(of_noun, root, counted_entry(lexicon, of_noun), partitive)
    if span.end < len(doc) and doc[span.end].lower_ == "of" and span.end + 1 < len(doc):
        after = doc[span.end + 1:min(len(doc), span.end + 5)]
        nouns = [t for t in after if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if nouns:
            noun = nouns[0]
            partitive = noun.lower_ in _PARTITIVE_PRONOUNS or _is_definite(noun)
            return Counted(noun, nominal, counted_entry(lexicon, noun), partitive)
    return Counted(None, nominal, None)


def counted_noun_by_position(doc: Doc, reading: NumberReading, lexicon: FigureLexicon) -> Counted:
    """Without a parser (blank model): the known noun right after the figure, or after "of"."""
    k = reading.end
    if k < len(doc) and doc[k].lower_ == "of":
        k += 1
    if k < len(doc) and doc[k].lower_ in ("the", "other", "more"):
        k += 1
    if k < len(doc):
        word = doc[k].lower_
        entry = lexicon.counted_nouns.get((word,)) or lexicon.counted_nouns.get((word.rstrip("s"),))
        if entry is not None:
            return Counted(doc[k], doc[k], entry)
    return Counted(None, doc[reading.end - 1], None)


def _phrase_head(token: Token) -> Token:
    """"two National Directorate of Security officers": the number hangs on a name inside the
    noun phrase; the phrase's head noun is what is counted."""
    while token.pos_ == "PROPN" and token.dep_ in ("compound", "nmod", "amod") \
            and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token


def _of_phrase(token: Token) -> Token | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > token.i:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _is_definite(noun: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in noun.children)


def determiner(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ in ("det", "poss"):
            return child.lower_
    return None


def is_negative(token: Token) -> bool:
    """"no civilians", "no one", "nobody", "none"."""
    return token.lower_ in _NEGATIVE or determiner(token) in _NEGATIVE


def implicit_count(token: Token, lexicon: FigureLexicon) -> tuple[int | None, bool]:
    """(count, vague) for a participant named without a number; count ``None`` when unknown.

    Vague plurals return ``(None, True)``: the caller applies the event-size rule.
    """
    if token.pos_ == "PRON":
        return (1, False) if token.lower_ in _SINGLE_PRONOUNS else (None, False)
    if token.pos_ == "PROPN":
        return (None, False) if _group_name(token, lexicon) else (1, False)
    if token.pos_ != "NOUN":
        return None, False
    entry = counted_entry(lexicon, token)
    if entry is not None and entry.kind != "person":
        return None, False
    det = determiner(token)
    if det == "both" and token.tag_ == "NNS":
        return 2, False
    if token.lower_ == "other" and det in ("the", "another"):
        return 1, False
    if token.tag_ == "NNS" or (entry is not None and token.lower_ in ("people", "personnel", "police")):
        if det in _DEFINITE or det in ("all", "every", "each", "any"):
            return None, False
        return None, True
    return (1, False) if det not in ("every", "each", "any", "all") else (None, False)


def _group_name(token: Token, lexicon: FigureLexicon) -> bool:
    """"the Taliban", "ISWAP", "the Afghan National Army": a name that is not one person."""
    if token.ent_type_ in _NOT_PEOPLE_ENTS or (token.text.isupper() and len(token.text) > 1):
        return True
    name = [t for t in token.subtree if t.i <= token.i and t.pos_ == "PROPN"]
    for word in name:
        entry = counted_entry(lexicon, word)
        if entry is not None and entry.kind != "person":
            return True
    return False


def anaphora_key(token: Token) -> tuple[str, str]:
    """A key that a later mention of the same person shares: a name's last word, a noun's lemma."""
    if token.pos_ == "PRON":
        return ("pron", "")
    if token.pos_ == "PROPN":
        return ("name", token.lower_)
    return ("noun", token.lemma_.lower())


def is_definite_plural(token: Token) -> bool:
    """"the victims", "the hostages", "the soldiers": a group counted before."""
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and determiner(token) in ("the", "these", "those")


def is_anaphoric(token: Token) -> bool:
    """A pronoun, or a definite singular noun ("the soldier"), may refer back to a counted person."""
    if token.pos_ in ("PRON", "PROPN"):
        return True
    return determiner(token) in _DEFINITE
