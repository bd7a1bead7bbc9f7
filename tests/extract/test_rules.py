import pytest

from eventledger.errors import DataFileError
from eventledger.extract.lexicon import Lexicon
from eventledger.extract.rules import RuleBook, Taxonomy


@pytest.fixture(scope="module")
def rules() -> RuleBook:
    return RuleBook.load(Lexicon.load().cues)


@pytest.mark.parametrize(("cues", "agent", "targets", "expected"), [
    ({"protest": 1.0}, None, set(), "Peaceful protest"),
    ({"protest": 1.0, "intervention": 1.0}, None, set(), "Protest with intervention"),
    ({"protest": 1.0, "riot": 1.0}, "protesters", set(), "Violent demonstration"),
    ({"protest": 1.0, "kill": 1.0, "shoot": 0.9}, "state_forces", {"protesters"}, "Excessive force against protesters"),
    ({"kill": 1.0, "shoot": 1.0}, "rebel_group", {"civilians"}, "Attack"),
    ({"kill": 1.0, "shoot": 1.0}, "rebel_group", {"state_forces"}, "Armed clash"),
    ({"ied": 1.0, "kill": 0.5}, None, set(), "Remote explosive/landmine/IED"),
    ({"ied": 0.6, "grenade": 1.0}, None, set(), "Grenade"),
    ({"suicide": 1.0, "ied": 1.0}, None, set(), "Suicide bomb"),
    ({"weapons": 1.0, "ied": 1.0}, "state_forces", set(), "Disrupted weapons use"),
    ({"territory": 1.0}, "state_forces", set(), "Government regains territory"),
    ({"territory": 1.0}, "rebel_group", set(), "Non-state actor overtakes territory"),
    ({"arrest": 1.0}, "state_forces", set(), "Arrests"),
    ({"arrest": 0.5}, None, set(), "Other"),
    ({"natural": 1.0, "kill": 1.0}, None, set(), "none"),
    ({"diplomacy": 1.0}, None, set(), "none"),
])
def test_decisions(rules: RuleBook, cues: dict[str, float], agent: str | None, targets: set[str],
                   expected: str) -> None:
    decision = rules.decide(cues, agent, targets)
    assert decision is not None and decision.sub_event_type == expected


def test_no_rule_no_decision(rules: RuleBook) -> None:
    assert rules.decide({"attack": 0.15}) is None


def test_rule_file_is_checked() -> None:
    cues = Lexicon.load().cues
    with pytest.raises(DataFileError, match="unknown sub_event_type"):
        RuleBook.load(cues, '[[rules]]\nsub_event_type = "Skirmish"\nall = ["clash"]\npriority = 1\n')
    with pytest.raises(DataFileError, match="unknown cue"):
        RuleBook.load(cues, '[[rules]]\nsub_event_type = "Armed clash"\nall = ["klash"]\npriority = 1\n')
    with pytest.raises(DataFileError, match="needs"):
        RuleBook.load(cues, '[[rules]]\nsub_event_type = "Armed clash"\npriority = 1\n')


def test_taxonomy_is_acleds() -> None:
    tax = Taxonomy.load()
    assert set(tax.family_of_type) == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                       "Protests", "Riots", "Strategic developments"}
    assert len(tax.type_of) == 25
    assert tax.type_of["Grenade"] == "Explosions/Remote violence"
