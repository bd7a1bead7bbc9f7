"""Cased phrase matching and word sets, shared by the actor and country lookups."""

from __future__ import annotations

import spacy
from spacy.attrs import LEMMA, LOWER

from eventledger.nlp.actor_matching import CasedPhraseMatcher, WordSet, longest_first, token_case_ok


def test_capitals_in_the_list_must_appear_in_the_text() -> None:
    nlp = spacy.blank("en")
    matcher: CasedPhraseMatcher[str] = CasedPhraseMatcher(nlp)
    matcher.add_all([("Levies", "force", False), ("al-Shabaab", "group", False), ("BLA", "bla", True),
                     ("People's Front", "front", False)])
    doc = nlp("Levies said levies rose; AL-SHABAAB and al-shabaab; BLA not bla; the People’s Front")
    found = [(doc[h.start:h.end].text, h.payload) for h in matcher.find(doc)]
    # "al" is listed in lower case and matches any case; "Shabaab" needs its capital.
    assert found == [("Levies", "force"), ("AL-SHABAAB", "group"), ("BLA", "bla"),
                     ("People’s Front", "front")]


def test_token_case_rules() -> None:
    assert token_case_ok("JeM", "JEM", short=True)
    assert not token_case_ok("IS", "is", short=True)
    assert not token_case_ok("IS", "Is", short=True)
    assert token_case_ok("of", "OF", short=False)
    assert not token_case_ok("Taliban", "taliban", short=False)


def test_word_sets_find_tokens_by_lemma_or_lower_form() -> None:
    nlp = spacy.blank("en")
    words = WordSet(nlp.vocab.strings, ["report", "write"])
    doc = nlp("She will write a Report and a report.")
    assert words.positions(doc, LOWER) == [2, 4, 7]
    assert words.positions(doc, LEMMA) == []  # a blank pipeline has no lemmas
    assert WordSet(nlp.vocab.strings, []).positions(doc, LOWER) == []


def test_longest_first_keeps_longer_then_earlier_ranges() -> None:
    assert longest_first([(0, 2), (1, 4), (4, 5), (3, 5)]) == [(1, 4), (4, 5)]
