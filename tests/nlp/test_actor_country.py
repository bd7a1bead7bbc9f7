"""The actor components' country context: names, demonyms and provinces, weighted by place."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from eventledger.nlp.actor_country import (
    CountryFinder,
    CountryForm,
    CountryTable,
    packaged_country_table,
    top_country,
)
from eventledger.nlp.actor_cues import load_cues

TABLE = CountryTable(
    forms=(CountryForm("Sudan", "SD", "name"), CountryForm("South Sudan", "SS", "name"),
           CountryForm("Sudanese", "SD", "demonym"), CountryForm("US", "US", "demonym"),
           CountryForm("Darfur", "SD", "subdivision")),
    display={"SD": "Sudan", "SS": "South Sudan", "US": "United States"})


@pytest.fixture(scope="module")
def nlp() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


def test_longest_form_wins_and_case_matters(nlp: Language) -> None:
    finder = CountryFinder(nlp, TABLE)
    doc = nlp("Refugees from South Sudan reached Darfur. Let us hope US aid follows.")
    assert [(doc[h.start:h.end].text, h.code, h.kind) for h in finder.hits(doc)] == [
        ("South Sudan", "SS", "name"), ("Darfur", "SD", "subdivision"), ("US", "US", "demonym")]


def test_the_lead_outweighs_later_mentions(nlp: Language) -> None:
    finder = CountryFinder(nlp, TABLE)
    doc = nlp("Fighting resumed in Sudan on Monday. Aid agencies in South Sudan and South Sudan's "
              "capital braced for refugees.")
    context = finder.context(doc)
    assert context["SD"] == pytest.approx(4.0)
    assert context["SS"] == pytest.approx(4.0)
    assert top_country(context) == "SD"  # ties go to the country named first


def test_a_given_country_context_is_used_as_is(nlp: Language) -> None:
    finder = CountryFinder(nlp, TABLE)
    doc = nlp("Clashes in Darfur.")
    doc._.country_context = {"TD": 1.0}
    assert finder.context(doc) == {"TD": 1.0}


def test_code_of_reads_names_and_demonyms(nlp: Language) -> None:
    finder = CountryFinder(nlp, TABLE)
    assert finder.code_of("Sudanese") == "SD"
    assert finder.code_of("sudan") == "SD"
    assert finder.code_of("Chad") is None
    assert top_country({}) is None


def test_the_packaged_table_knows_names_demonyms_and_provinces(nlp: Language) -> None:
    table = packaged_country_table(load_cues().countries)
    finder = CountryFinder(nlp, table)
    doc = nlp("Afghan refugees in Balochistan, Pakistan, and clashes in Rakhine, Myanmar, and the DRC.")
    codes = [(doc[h.start:h.end].text, h.code) for h in finder.hits(doc)]
    assert codes == [("Afghan", "AF"), ("Balochistan", "PK"), ("Pakistan", "PK"), ("Rakhine", "MM"),
                     ("Myanmar", "MM"), ("DRC", "CD")]
    assert table.display_name("CD") == "Democratic Republic of Congo"
    assert table.display_name("PK") == "Pakistan"
