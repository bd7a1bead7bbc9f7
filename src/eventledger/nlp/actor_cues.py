"""Lexical cues for the actor components, loaded from ``data/actor_cues.toml``.

The cues are the words that turn a mention into a claimant ("X claimed responsibility"), a
suspect ("sources attributed the attack to X"), a source ("Kaplan wrote"), or an armed group
("the militant group X"). They live in a data file so that adding a word never needs code; the
schema below is checked at load so a misspelt section fails at start-up.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

from eventledger.errors import DataFileError


@dataclass(frozen=True)
class ResponsibilityCues:
    claim_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    claimable_nouns: frozenset[str]
    deny_verbs: frozenset[str]
    deniable_nouns: frozenset[str]
    attribute_verbs: frozenset[str]
    blame_verbs: frozenset[str]
    suspect_verbs: frozenset[str]
    member_nouns: frozenset[str]
    involvement_nouns: frozenset[str]
    perpetrate_verbs: frozenset[str]
    behind_words: frozenset[str]
    hedge_modifiers: frozenset[str]
    hedge_adverbs: frozenset[str]
    statement_verbs: frozenset[str]
    self_references: frozenset[str]


@dataclass(frozen=True)
class SourceCues:
    author_verbs: frozenset[str]
    author_titles: frozenset[str]
    media_nouns: frozenset[str]
    report_verbs: frozenset[str]
    name_words: frozenset[str]


@dataclass(frozen=True)
class NameCues:
    armed_modifiers: frozenset[str]
    armed_name_words: frozenset[str]
    state_name_words: frozenset[str]
    organisation_words: frozenset[str]
    facility_words: frozenset[str]
    absorb_heads: frozenset[str]
    part_heads: frozenset[str]
    ideology_modifiers: frozenset[str]
    backing_suffixes: tuple[str, ...]
    identity_adjectives: frozenset[str]


@dataclass(frozen=True)
class CountryCues:
    display: Mapping[str, str]
    names: Mapping[str, tuple[str, ...]]
    demonyms: Mapping[str, tuple[str, ...]]
    ignore_subdivisions: frozenset[str]


@dataclass(frozen=True)
class ActorCues:
    responsibility: ResponsibilityCues
    sources: SourceCues
    names: NameCues
    countries: CountryCues


# Sections whose words compare in their written case (names, not lemmas).
_CASED = {"armed_name_words", "state_name_words", "organisation_words", "facility_words", "name_words",
          "identity_adjectives"}


def _words(section: str, key: str, value: Any, *, cased: bool = False) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"actor_cues.toml [{section}] {key}: expected a list of words")
    return [v.strip() if cased or key in _CASED else v.strip().lower() for v in value]


def _section(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise DataFileError(f"actor_cues.toml: missing section [{name}]")
    return section


def _word_section(data: Mapping[str, Any], name: str, cls: type[Any]) -> Any:
    section = _section(data, name)
    expected = {f.name for f in fields(cls)}
    unknown, missing = set(section) - expected, expected - set(section)
    if unknown or missing:
        raise DataFileError(f"actor_cues.toml [{name}]: unknown keys {sorted(unknown)}, "
                            f"missing keys {sorted(missing)}")
    values: dict[str, Any] = {}
    for f in fields(cls):
        words = _words(name, f.name, section[f.name])
        values[f.name] = tuple(words) if f.type == "tuple[str, ...]" else frozenset(words)
    return cls(**values)


def _code_map(section: str, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and len(k) == 2 and k.isupper()
                                              for k in value):
        raise DataFileError(f"actor_cues.toml [{section}] {key}: expected ISO2 code keys")
    return value


def _country_cues(data: Mapping[str, Any]) -> CountryCues:
    section = _section(data, "countries")
    display = _code_map("countries", "display", section.get("display"))
    if not all(isinstance(v, str) for v in display.values()):
        raise DataFileError("actor_cues.toml [countries] display: expected names")
    # Country names keep their capitals: the matcher needs them to tell "US" from "us".
    names = {k: tuple(_words("countries", "names", v, cased=True)) for k, v in
             _code_map("countries", "names", section.get("names")).items()}
    demonyms = {k: tuple(_words("countries", "demonyms", v, cased=True)) for k, v in
                _code_map("countries", "demonyms", section.get("demonyms")).items()}
    ignore = _words("countries", "ignore_subdivisions", section.get("ignore_subdivisions"), cased=True)
    return CountryCues(display=display, names=names, demonyms=demonyms,
                       ignore_subdivisions=frozenset(ignore))


def parse_cues(text: str) -> ActorCues:
    """Cues from the TOML text; raises ``DataFileError`` when the schema is broken."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"actor_cues.toml: {exc}") from exc
    unknown = set(data) - {"responsibility", "sources", "names", "countries"}
    if unknown:
        raise DataFileError(f"actor_cues.toml: unknown sections {sorted(unknown)}")
    return ActorCues(
        responsibility=_word_section(data, "responsibility", ResponsibilityCues),
        sources=_word_section(data, "sources", SourceCues),
        names=_word_section(data, "names", NameCues),
        countries=_country_cues(data),
    )


def load_cues(path: Path | str | None = None) -> ActorCues:
    """The packaged cues, or cues read from ``path`` (same schema)."""
    try:
        text = (Path(path).read_text(encoding="utf-8") if path else
                resources.files("eventledger.data").joinpath("actor_cues.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read actor cues: {exc}") from exc
    return parse_cues(text)
