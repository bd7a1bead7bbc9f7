"""Who says what: reporting verbs, 'according to', quotations, pronouns, kinds."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventledger.errors import DataFileError
from eventledger.nlp.attribution import AttributionComponent, ReportingCues
from eventledger.nlp.mentions import ActorMention

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def attribute(base_nlp: Language) -> AttributionComponent:
    return AttributionComponent(ReportingCues.load())


def run(base_nlp: Language, attribute: AttributionComponent, text: str,
        actors: list[ActorMention] | None = None) -> list[tuple[str | None, str, str]]:
    doc = base_nlp(text)
    doc._.actors = actors or []
    doc._.dateline = None
    attribute(doc)
    return [(a.claimant, a.kind, doc.text[a.scope_start:a.scope_end]) for a in doc._.attributions]


def test_trailing_reporting_clause_covers_the_sentence(base_nlp: Language, attribute: AttributionComponent) -> None:
    found = run(base_nlp, attribute, "Five people were killed in the blast near Mastung, police said.")
    assert found[0][:2] == ("police", "statement")
    assert "Five people were killed" in found[0][2]


def test_reported_clause_and_party_claim(base_nlp: Language, attribute: AttributionComponent) -> None:
    text = "Officials reported that nine militants died, while the group stated that the army lost 20 men."
    group = ActorMention(text.index("the group"), text.index("the group") + 9, "the group", "TTP", "rebel_group")
    found = run(base_nlp, attribute, text, [group])
    by_claimant = {c: (k, s) for c, k, s in found}
    assert by_claimant["Officials"][0] == "statement"
    assert "nine militants died" in by_claimant["Officials"][1]
    assert by_claimant["group"][0] == "claim"
    assert "the army lost 20 men" in by_claimant["group"][1]


def test_according_to(base_nlp: Language, attribute: AttributionComponent) -> None:
    found = run(base_nlp, attribute, "According to local residents, three houses were set on fire.")
    assert found == [("local residents", "report", "According to local residents, three houses were set on fire.")]


def test_opinion_quote_and_pronoun_carry_the_writer(base_nlp: Language, attribute: AttributionComponent) -> None:
    text = ("“The crackdown has only deepened the anger,” Sara Malik wrote in an op-ed for the weekly. "
            "“Dialogue is the only way out,” she added.")
    found = run(base_nlp, attribute, text)
    assert [(c, k) for c, k, _ in found] == [("Sara Malik", "opinion"), ("Sara Malik", "opinion")]
    assert found[0][2] == "The crackdown has only deepened the anger,"


def test_passive_reports_are_the_outlets_voice(base_nlp: Language, attribute: AttributionComponent) -> None:
    assert run(base_nlp, attribute, "It was reported that two soldiers were wounded.") == []


def test_cue_file_is_checked() -> None:
    with pytest.raises(DataFileError):
        ReportingCues.load("word,role,kind,note\nsay,verbb,report,\n")
    with pytest.raises(DataFileError):
        ReportingCues.load("word,role,kind,note\nsay,verb,gossip,\n")
