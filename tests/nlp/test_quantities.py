"""el_quantities: the figure reader, its word tables and the component (our own sentences)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from eventledger.errors import DataFileError
from eventledger.nlp import dateline_component, dates, quantities  # noqa: F401  (register factories)
from eventledger.nlp.figure_lexicon import (
    load_counted_nouns,
    load_figure_lexicon,
    load_outcome_words,
    read_packaged,
)
from eventledger.nlp.numbers import NumberReader

CASES = tomllib.loads(
    (Path(__file__).parent / "fixtures" / "figures_quantity_cases.toml").read_text("utf-8"))["case"]


@pytest.fixture(scope="module")
def reader() -> NumberReader:
    return NumberReader(load_figure_lexicon())


@pytest.mark.parametrize(("words", "low", "high", "rule", "qualifier", "size"), [
    ("at least 12 soldiers", 12, None, None, "at_least", 3),
    ("1,200 families", 1200, None, None, None, 1),
    ("twenty - one villagers", 21, None, None, None, 3),
    ("one hundred and five", 105, None, None, None, 4),
    ("10 - 15 others", 10, 15, None, None, 3),
    ("10-15 others", 10, 15, None, None, 1),
    ("one to two", 1, 2, None, None, 3),
    ("between 40 and 50", 40, 50, None, None, 4),
    ("more than a hundred", 100, None, None, "more_than", 4),
    ("over a dozen", 12, None, "fixed", "more_than", 3),
    ("dozens of fighters", 12, None, "fixed", None, 1),
    ("tens of thousands", 10000, None, "fixed", None, 3),
    ("several hundred", 100, None, "fixed", None, 2),
    ("several people", None, None, "event_size", None, 1),
    ("an unknown number of", None, None, "unknown", None, 3),
    ("two dozen", 24, None, None, None, 2),
    ("some 40 people", 40, None, None, "about", 2),
    ("nearly 50", 50, None, None, "up_to", 2),
    ("20 or more", 20, None, None, "at_least", 3),
])
def test_reader(reader: NumberReader, words: str, low: int | None, high: int | None, rule: str | None,
                qualifier: str | None, size: int) -> None:
    found = reader.read(words.split(), 0)
    assert found is not None
    got = (found.low, found.high, found.rule, found.qualifier, found.end)
    assert got == (low, high, rule, qualifier, size)


@pytest.mark.parametrize("words", ["two and three", "a soldier", "some people", "the first"])
def test_reader_does_not_overread(reader: NumberReader, words: str) -> None:
    found = reader.read(words.split(), 0)
    assert found is None or found.end == 1


def tables(**overrides: str) -> dict[str, str]:
    names = ("number_words.csv", "vague_numbers.csv", "figure_qualifiers.csv", "counted_nouns.csv",
             "outcome_words.csv", "event_scale_cues.csv", "context_cues.csv")
    return {name: read_packaged(name) for name in names} | overrides


def test_lexicon_loads_from_an_in_memory_source() -> None:
    source = tables(**{"counted_nouns.csv": "noun,about,kind\nmedic,health workers,person\n"})
    lexicon = load_figure_lexicon(source.__getitem__)
    assert lexicon.counted_nouns[("medic",)].about == "health workers"
    assert ("soldier",) not in lexicon.counted_nouns


@pytest.mark.parametrize(("text", "message"), [
    ("noun,about\nmedic,people\n", "header"),
    ("noun,about,kind\nmedic,people,robot\n", "kind"),
    ("noun,about,kind\nmedic,people,person\nmedic,people,person\n", "duplicate"),
    ("noun,about,kind\nfield medic unit,people,person\n", "one or two words"),
])
def test_counted_nouns_schema_is_checked(text: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        load_counted_nouns({"counted_nouns.csv": text}.__getitem__)


def test_outcome_words_schema_is_checked() -> None:
    with pytest.raises(DataFileError, match=r"outcome_words\.csv:2: cue"):
        load_outcome_words({"outcome_words.csv": "word,outcome,cue,zero\nkill,killed,verb,\n"}.__getitem__)


def test_packaged_tables_load() -> None:
    lexicon = load_figure_lexicon()
    assert lexicon.vague[("dozens",)].low == 12
    assert lexicon.outcome("kill", "object") is not None
    assert lexicon.outcome("casualty", "noun") is not None
    assert lexicon.outcome("casualty", "noun").outcome == "casualties"  # type: ignore[union-attr]


def test_blank_model_reads_figures_without_outcomes() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("el_dateline", first=True)
    nlp.add_pipe("el_dates")
    nlp.add_pipe("el_quantities")
    doc = nlp.make_doc("At least 12 people were killed on Sunday and dozens were hurt.")
    doc._.article_meta = {"published": "2026-02-02"}
    found = nlp(doc)._.quantities
    got = [(q.text, q.low, q.outcome) for q in found]
    assert got == [("At least 12", 12, "killed"), ("dozens", 12, "injured")]


def run(nlp: Language, text: str) -> list[list[Any]]:
    doc = nlp.make_doc(text)
    doc._.article_meta = {"published": "2026-02-02"}
    rows = []
    for q in nlp(doc)._.quantities:
        flags = "".join(f for f, on in (("I", q.included), ("M", q.implicit), ("V", q.vague),
                                        ("B", q.background)) if on)
        rows.append([q.text, q.low if q.low is not None else "", q.about or "", q.outcome or "", flags])
    return rows


@pytest.fixture(scope="module")
def full() -> Language:
    from eventledger.nlp.pipeline import build_pipeline
    from eventledger.settings import Settings

    return build_pipeline(Settings.load())


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_table(full: Language, case: dict[str, Any]) -> None:
    assert run(full, case["text"]) == case["expect"]


@pytest.mark.slow
def test_event_size_setting_applies_to_vague_plurals() -> None:
    from eventledger.nlp.pipeline import build_pipeline
    from eventledger.settings import Settings

    small = build_pipeline(Settings.load(small_event_size=4))
    assert run(small, "Several civilians were injured when the wall collapsed.")[0][1] == 4
    assert run(small, "In the massacre several civilians were killed.")[0][1] == 10


@pytest.mark.slow
def test_offsets_point_at_the_evidence(full: Language) -> None:
    text = "Police said that at least 14 miners were abducted near the pit."
    doc = full.make_doc(text)
    doc._.article_meta = {"published": None}
    figure = full(doc)._.quantities[0]
    assert text[figure.start:figure.end] == "at least 14"
    assert figure.head_start is not None
    assert text[figure.head_start:figure.head_end] == "miners"
