"""``data/resolve.toml``: loaded and checked once; a broken file names the key."""

from __future__ import annotations

from importlib import resources

import pytest

from eventledger.errors import DataFileError, SettingsError
from eventledger.resolve import MatchRules
from eventledger.settings import Settings

PACKAGED = resources.files("eventledger.data").joinpath("resolve.toml").read_text("utf-8")


def test_packaged_rules_load_and_settings_are_merged_in() -> None:
    rules = MatchRules.load(Settings.load(env={}, resolve_radius_km=25.0, resolve_match_threshold=0.8))
    assert rules.radius_km("point") == 25.0
    assert rules.radius_km("country") is None
    assert rules.threshold == 0.8
    assert set(rules.weights) == {"type", "place", "date", "actors", "text", "figures"}


@pytest.mark.parametrize(("old", "new", "key"), [
    ("place = 2.0", "", "weights"),
    ("admin1 = 0.4", "admin1 = 1.4", "place.cap.admin1"),
    ('"demonstration+violent" = 0.1', '"demonstration" = 0.1', "type.cross_family"),
    ("gap_scores = [1.0, 0.45, 0.25]", "gap_scores = []", "date.gap_scores"),
    ('generic_kinds = ["civilians", "protesters", "rioters"]', "generic_kinds = 3", "actors.generic_kinds"),
])
def test_a_broken_rules_file_fails_naming_the_key(old: str, new: str, key: str) -> None:
    assert old in PACKAGED
    with pytest.raises(DataFileError, match=key.replace(".", r"\.")):
        MatchRules.load(Settings.load(env={}), text=PACKAGED.replace(old, new, 1))


@pytest.mark.parametrize(("name", "value"), [("resolve_match_threshold", "0"), ("resolve_radius_km", "-5"),
                                             ("resolve_max_day_gap", "-1"), ("bulk_in_flight", "0")])
def test_bad_resolve_and_bulk_settings_fail_at_start(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.load(env={f"EVENTLEDGER_{name.upper()}": value})


def test_every_mechanism_names_a_taxonomy_sub_type() -> None:
    import tomllib

    taxonomy = tomllib.loads(resources.files("eventledger.data").joinpath("taxonomy.toml").read_text("utf-8"))
    sub_types = {s for t in taxonomy["types"].values() for s in t["sub_types"]}
    rules = MatchRules.load(Settings.load(env={}))
    assert rules.mechanism and set(rules.mechanism) <= sub_types
