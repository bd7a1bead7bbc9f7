"""``MatchRules``: the weights and tables of duplicate merging, from ``data/resolve.toml``.

The file is data so that tuning the matcher never needs a code change; this module checks its
schema once at load time (every key present, numbers in range) and raises ``DataFileError`` with
the offending key otherwise. The few settings a user is expected to change per run (threshold,
point radius, day gap) live in ``Settings`` and are merged in here, so scoring reads one object.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventledger.errors import DataFileError
from eventledger.settings import Settings

RULES_FILE = "resolve.toml"
GEO_PRECISIONS = ("point", "admin2", "admin1", "country", "unknown")
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
COMPONENTS = ("type", "place", "date", "actors", "text", "figures")


@dataclass(frozen=True)
class PlaceRules:
    radius_km: dict[str, float]  # per geo_precision; "country" and "unknown" are unbounded
    cap: dict[str, float]
    same_place_km: float
    different_town: float
    secondary: float
    named_elsewhere: float
    name_match: float
    unplaced: float
    unknown: float
    name_similarity: float
    area_words: frozenset[str]  # "district", "village": words after a place name that are not the name


@dataclass(frozen=True)
class ActorRules:
    same_name: float
    match: float
    neutral: float
    conflict: float
    generic_kinds: frozenset[str]
    generic_words: frozenset[str]


@dataclass(frozen=True)
class MatchRules:
    """Everything the pair scorer needs; build with ``MatchRules.load(settings)``."""

    weights: dict[str, float]
    threshold: float
    member_slack: float
    min_place: float
    ambiguity_margin: float
    max_day_gap: int
    type_scores: dict[str, float]  # same_sub_type, same_type, same_family, other_mechanism
    mechanism: dict[str, str]  # sub-event type → the means of violence it names
    cross_family: dict[frozenset[str], float]  # compatible families → score; other pairs veto
    place: PlaceRules
    gap_scores: tuple[float, ...]
    date_cap: dict[str, float]
    linkable_precisions: frozenset[str]  # date precisions precise enough to link reports at all
    actors: ActorRules
    rare_word_articles: int
    extra_stop_words: frozenset[str]
    text_max_chars: int
    figures_ratio_zero: float
    figures_ratio_one: float

    @classmethod
    def load(cls, settings: Settings | None = None, text: str | None = None) -> MatchRules:
        """Rules from the packaged file (or ``text``, for tests) and ``settings``."""
        settings = settings or Settings.load(env={})
        raw = text if text is not None else resources.files("eventledger.data").joinpath(RULES_FILE).read_text("utf-8")
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise DataFileError(f"{RULES_FILE}: {exc}") from exc
        return _build(_Reader(data), settings)

    def radius_km(self, geo_precision: str) -> float | None:
        """How far a place of this precision may lie from its coordinates; ``None``: unbounded."""
        return self.place.radius_km.get(geo_precision)


class _Reader:
    """Typed access to the parsed TOML with one error format: ``resolve.toml: key: problem``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def get(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise DataFileError(f"{RULES_FILE}: missing {dotted}")
            node = node[part]
        return node

    def number(self, dotted: str, lo: float = 0.0, hi: float | None = 1.0) -> float:
        value = self.get(dotted)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DataFileError(f"{RULES_FILE}: {dotted} must be a number")
        if value < lo or (hi is not None and value > hi):
            raise DataFileError(f"{RULES_FILE}: {dotted} must lie in [{lo}, {hi if hi is not None else 'inf'}]")
        return float(value)

    def table(self, dotted: str, keys: tuple[str, ...], hi: float | None = 1.0) -> dict[str, float]:
        table = self.get(dotted)
        if not isinstance(table, dict):
            raise DataFileError(f"{RULES_FILE}: {dotted} must be a table")
        unknown = sorted(set(table) - set(keys))
        missing = [k for k in keys if k not in table]
        if unknown or missing:
            raise DataFileError(f"{RULES_FILE}: {dotted} must have exactly the keys {', '.join(keys)}")
        return {k: self.number(f"{dotted}.{k}", hi=hi) for k in keys}

    def words(self, dotted: str) -> frozenset[str]:
        value = self.get(dotted)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise DataFileError(f"{RULES_FILE}: {dotted} must be a list of words")
        return frozenset(v.strip().casefold() for v in value)


def _build(r: _Reader, settings: Settings) -> MatchRules:
    weights = r.table("weights", COMPONENTS, hi=None)
    if sum(weights.values()) <= 0:
        raise DataFileError(f"{RULES_FILE}: weights must not all be zero")
    radius = r.table("place.radius_km", ("admin2", "admin1"), hi=None)
    radius["point"] = float(settings.resolve_radius_km)
    cap = r.table("place.cap", GEO_PRECISIONS)
    date_cap = r.table("date.cap", DATE_PRECISIONS)
    gaps = r.get("date.gap_scores")
    if not isinstance(gaps, list) or not gaps:
        raise DataFileError(f"{RULES_FILE}: date.gap_scores must be a non-empty list")
    gap_scores = tuple(_unit(v, f"date.gap_scores[{i}]") for i, v in enumerate(gaps))
    place = PlaceRules(radius, cap, r.number("place.same_place_km", hi=None), r.number("place.different_town"),
                       r.number("place.secondary"), r.number("place.named_elsewhere"),
                       r.number("place.name_match"), r.number("place.unplaced"),
                       r.number("place.unknown"), r.number("place.name_similarity", hi=100),
                       r.words("place.area_words"))
    actors = ActorRules(r.number("actors.same_name", hi=100), r.number("actors.match"), r.number("actors.neutral"),
                        r.number("actors.conflict"), r.words("actors.generic_kinds"), r.words("actors.generic_words"))
    return MatchRules(
        weights=weights, threshold=settings.resolve_match_threshold, member_slack=r.number("incident.member_slack"),
        min_place=r.number("incident.min_place"), ambiguity_margin=r.number("incident.ambiguity_margin"),
        max_day_gap=settings.resolve_max_day_gap,
        type_scores={k: r.number(f"type.{k}") for k in ("same_sub_type", "same_type", "same_family",
                                                          "other_mechanism")},
        mechanism=_mechanism(r),
        cross_family=_cross_family(r),
        place=place, gap_scores=gap_scores, date_cap=date_cap, actors=actors,
        linkable_precisions=_precisions(r),
        rare_word_articles=int(r.number("text.rare_word_articles", hi=None)),
        extra_stop_words=r.words("text.extra_stop_words"),
        text_max_chars=int(r.number("text.max_chars", lo=1, hi=None)),
        figures_ratio_zero=r.number("figures.ratio_zero"), figures_ratio_one=r.number("figures.ratio_one"))


def _precisions(r: _Reader) -> frozenset[str]:
    names = r.words("date.linkable")
    unknown = sorted(names - set(DATE_PRECISIONS))
    if unknown:
        raise DataFileError(f"{RULES_FILE}: date.linkable: unknown precision(s) {', '.join(unknown)}")
    return names


def _mechanism(r: _Reader) -> dict[str, str]:
    table = r.get("type.mechanism")
    if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
        raise DataFileError(f"{RULES_FILE}: type.mechanism must map sub-event types to names")
    return {str(k): str(v).strip() for k, v in table.items()}


def _cross_family(r: _Reader) -> dict[frozenset[str], float]:
    table = r.get("type.cross_family")
    if not isinstance(table, dict):
        raise DataFileError(f"{RULES_FILE}: type.cross_family must be a table")
    out: dict[frozenset[str], float] = {}
    for key, value in table.items():
        families = frozenset(part.strip() for part in str(key).split("+"))
        if len(families) != 2 or "" in families:
            raise DataFileError(f"{RULES_FILE}: type.cross_family key {key!r} must read 'family+family'")
        out[families] = _unit(value, f"type.cross_family.{key}")
    return out


def _unit(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        raise DataFileError(f"{RULES_FILE}: {where} must be a number in [0, 1]")
    return float(value)
