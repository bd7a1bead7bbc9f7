"""el_dates: the date grammar, the resolver and the component (our own sentences)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from eventledger.nlp import dateline_component, dates  # noqa: F401  (register factories)
from eventledger.nlp.date_grammar import DateParts, find_date_parts, is_trigger
from eventledger.nlp.date_resolution import DateResolver
from eventledger.nlp.dateparser_fallback import DateparserFallback

FIXTURE = Path(__file__).parent / "fixtures" / "figures_date_cases.toml"
CASES = tomllib.loads(FIXTURE.read_text("utf-8"))["case"]
ANCHOR = date(2026, 2, 2)  # a Monday


@pytest.fixture(scope="module")
def blank() -> Language:
    """A blank English pipeline with our components: the grammar alone, no model entities."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("el_dateline", first=True)
    nlp.add_pipe("el_dates", config={"use_dateparser": False})
    return nlp


def run(nlp: Language, text: str, published: str | None) -> list[Any]:
    doc = nlp.make_doc(text)
    doc._.article_meta = {"published": published}
    return list(nlp(doc)._.dates)


def as_rows(mentions: list[Any]) -> list[list[Any]]:
    def day(value: date | None) -> str:
        return value.isoformat() if value else ""

    return [[m.text, day(m.first_day), day(m.last_day), m.precision, m.background] for m in mentions]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_table_on_grammar(blank: Language, case: dict[str, Any]) -> None:
    assert as_rows(run(blank, case["text"], case.get("published"))) == case["expect"]


def parts(text: str) -> DateParts:
    found = [p for p, _ in find_date_parts(text)]
    assert found, text
    return max(found, key=lambda p: p.end - p.start)


def test_resolver_weekday_on_the_anchor_day_is_the_anchor() -> None:
    resolved = DateResolver(ANCHOR, 45).resolve(parts("on Monday"))
    assert resolved is not None
    assert resolved.first_day == ANCHOR
    assert resolved.relative


def test_resolver_last_weekday_is_strictly_before() -> None:
    resolved = DateResolver(ANCHOR, 45).resolve(parts("last Monday"))
    assert resolved is not None
    assert resolved.first_day == date(2026, 1, 26)


def test_resolver_rejects_impossible_day() -> None:
    assert DateResolver(ANCHOR, 45).resolve(parts("on 31 February 2025")) is None


def test_resolver_since_runs_to_the_anchor_and_is_background() -> None:
    resolved = DateResolver(ANCHOR, 45).resolve(parts("since March 2023"))
    assert resolved is not None
    assert (resolved.first_day, resolved.last_day, resolved.background) == (date(2023, 3, 1), ANCHOR, True)


def test_background_days_setting_moves_the_line() -> None:
    old_day = parts("on 1 December 2025")
    strict = DateResolver(ANCHOR, 30).resolve(old_day)
    lenient = DateResolver(ANCHOR, 90).resolve(old_day)
    assert strict is not None
    assert strict.background
    assert lenient is not None
    assert not lenient.background


def test_month_day_a_day_after_the_anchor_keeps_its_year() -> None:
    resolved = DateResolver(ANCHOR, 45).resolve(parts("on February 3"))
    assert resolved is not None
    assert resolved.first_day == date(2026, 2, 3)


def test_triggers() -> None:
    assert is_trigger("tuesday")
    assert is_trigger("jan.")
    assert is_trigger("2021")
    assert is_trigger("1990s")
    assert not is_trigger("1500")
    assert not is_trigger("people")


def test_dateparser_fallback_memoises_and_needs_an_anchor_for_relative_text() -> None:
    fallback = DateparserFallback()
    assert fallback.parse("Jan 31 2025", None) is not None
    resolved = fallback.parse("the fifth of March 2024", None)
    assert resolved is None or resolved.precision in ("day", "month")
    unknown = fallback.parse("Christmas Eve", None)
    assert unknown is not None
    assert unknown.precision == "unknown"
    assert unknown.first_day is None
    assert fallback.parse("Jan 31 2025", None) is fallback.parse("Jan 31 2025", None)


def test_dateline_date_is_not_repeated(blank: Language) -> None:
    mentions = run(blank, "Kabul, Feb 2 (AP) - A bomb killed two guards on Sunday.", "2026-02-02")
    assert [m.text for m in mentions] == ["Sunday"]


@pytest.mark.slow
def test_full_pipeline_uses_model_entities_and_grammar() -> None:
    from eventledger.nlp.pipeline import build_pipeline
    from eventledger.settings import Settings

    nlp = build_pipeline(Settings.load())
    rows = as_rows(run(nlp, "Militants have attacked the base repeatedly since 2019, and again on "
                            "Christmas Eve 2025, officials said on Saturday.", "2026-01-05"))
    assert ["2019", "2019-01-01", "2026-01-05", "year", True] in rows
    assert ["Saturday", "2026-01-03", "2026-01-03", "day", False] in rows


@pytest.mark.slow
def test_date_of_a_motive_is_background() -> None:
    from eventledger.nlp.pipeline import build_pipeline
    from eventledger.settings import Settings

    nlp = _full_pipeline(build_pipeline, Settings)
    rows = as_rows(run(nlp, "The militia said the raid on Sunday was revenge for an airstrike on "
                            "January 20 that destroyed a clinic.", "2026-02-02"))
    assert rows == [["Sunday", "2026-02-01", "2026-02-01", "day", False],
                    ["January 20", "2026-01-20", "2026-01-20", "day", True]]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_table_on_full_pipeline(case: dict[str, Any]) -> None:
    from eventledger.nlp.pipeline import build_pipeline
    from eventledger.settings import Settings

    nlp = _full_pipeline(build_pipeline, Settings)
    assert as_rows(run(nlp, case["text"], case.get("published"))) == case["expect"]


_PIPELINES: dict[str, Language] = {}


def _full_pipeline(build: Any, settings: Any) -> Language:
    if "full" not in _PIPELINES:
        _PIPELINES["full"] = build(settings.load())
    return _PIPELINES["full"]
