"""Coding rules (``data/coding_rules.toml``): cue classes + actor kinds → ACLED sub-event type.

A candidate event is summarised as the strongest weight of each cue class in its scope and the
kinds of its perpetrator and target. Every rule that holds votes; the highest priority wins.
The rules are data: changing how cues combine needs no code change.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from eventledger.errors import DataFileError

RULES_FILE = "coding_rules.toml"
TAXONOMY_FILE = "taxonomy.toml"
NONE = "none"
ARMED_KINDS = frozenset({"state_forces", "rebel_group", "political_militia", "identity_militia", "external"})
_CONDITION = re.compile(r"^(?P<cue>[a-z_]+)(?:>=(?P<w>[0-9.]+))?$")


@dataclass(frozen=True)
class Condition:
    cue: str
    min_weight: float = 0.0

    def holds(self, cues: dict[str, float]) -> bool:
        return cue_weight(cues, self.cue) >= max(self.min_weight, 1e-9)


def cue_weight(cues: dict[str, float], cue: str) -> float:
    return cues.get(cue, 0.0)


@dataclass(frozen=True)
class Rule:
    sub_event_type: str
    priority: float
    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()
    none: tuple[Condition, ...] = ()
    agent: frozenset[str] = frozenset()
    not_agent: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    name: str = ""

    def holds(self, cues: dict[str, float], agent: str | None, target: set[str]) -> bool:
        if not all(c.holds(cues) for c in self.all):
            return False
        if self.any and not any(c.holds(cues) for c in self.any):
            return False
        if any(c.holds(cues) for c in self.none):
            return False
        if self.agent and not _kind_in(agent, self.agent):
            return False
        if self.not_agent and _kind_in(agent, self.not_agent):
            return False
        return not (self.target and not any(_kind_in(t, self.target) for t in target))

    def strength(self, cues: dict[str, float]) -> float:
        return sum(cue_weight(cues, c.cue) for c in (*self.all, *self.any))


def _kind_in(kind: str | None, kinds: frozenset[str]) -> bool:
    if kind is None:
        return False
    return kind in kinds or ("armed" in kinds and kind in ARMED_KINDS)


@dataclass(frozen=True)
class Decision:
    sub_event_type: str
    event_type: str | None
    priority: float
    strength: float
    rule: str


@dataclass(frozen=True)
class Taxonomy:
    type_of: dict[str, str]
    family_of_type: dict[str, str]
    rank: dict[str, int]
    tags: frozenset[str]

    @classmethod
    def load(cls) -> Taxonomy:
        data = tomllib.loads(resources.files("eventledger.data").joinpath(TAXONOMY_FILE).read_text("utf-8"))
        type_of = {sub: t for t, spec in data["types"].items() for sub in spec["sub_types"]}
        family = {t: spec["family"] for t, spec in data["types"].items()}
        order = data["rank"]["order"]
        if set(order) != set(type_of):
            raise DataFileError(f"{TAXONOMY_FILE}: rank.order must list every sub-event type once")
        return cls(type_of, family, {s: i for i, s in enumerate(order)}, frozenset(data["tags"]["names"]))

    def family(self, sub_event_type: str) -> str:
        return self.family_of_type.get(self.type_of.get(sub_event_type, ""), "other")


def _conditions(raw: object, where: str, cues: set[str]) -> tuple[Condition, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise DataFileError(f"{RULES_FILE}: {where}: conditions must be a list")
    out = []
    for item in raw:
        m = _CONDITION.match(str(item))
        if not m:
            raise DataFileError(f"{RULES_FILE}: {where}: cannot read condition {item!r}")
        if cues and m["cue"] not in cues:
            raise DataFileError(f"{RULES_FILE}: {where}: unknown cue {m['cue']!r}")
        out.append(Condition(m["cue"], float(m["w"] or 0.0)))
    return tuple(out)


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[Rule, ...]
    taxonomy: Taxonomy

    @classmethod
    def load(cls, known_cues: set[str], text: str | None = None) -> RuleBook:
        taxonomy = Taxonomy.load()
        if text is None:
            text = resources.files("eventledger.data").joinpath(RULES_FILE).read_text(encoding="utf-8")
        data = tomllib.loads(text)
        rules = []
        for i, raw in enumerate(data.get("rules", []), start=1):
            where = f"rule {i} ({raw.get('name') or raw.get('sub_event_type')})"
            sub = raw.get("sub_event_type")
            if sub != NONE and sub not in taxonomy.type_of:
                raise DataFileError(f"{RULES_FILE}: {where}: unknown sub_event_type {sub!r}")
            rules.append(Rule(
                sub_event_type=sub, priority=float(raw["priority"]),
                all=_conditions(raw.get("all"), where, known_cues),
                any=_conditions(raw.get("any"), where, known_cues),
                none=_conditions(raw.get("none"), where, known_cues),
                agent=frozenset(raw.get("agent", [])), not_agent=frozenset(raw.get("not_agent", [])),
                target=frozenset(raw.get("target", [])), name=raw.get("name", ""),
            ))
            if not rules[-1].all and not rules[-1].any:
                raise DataFileError(f"{RULES_FILE}: {where}: needs `all` or `any` conditions")
        return cls(tuple(rules), taxonomy)

    def decide(self, cues: dict[str, float], agent: str | None = None,
               target: set[str] | None = None) -> Decision | None:
        """The winning rule's sub-event type, or ``None`` when no rule holds."""
        target = target or set()
        best: tuple[float, float, Rule] | None = None
        for rule in self.rules:
            if rule.holds(cues, agent, target):
                key = (rule.priority, rule.strength(cues), rule)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is None:
            return None
        priority, strength, rule = best
        return Decision(rule.sub_event_type, self.taxonomy.type_of.get(rule.sub_event_type),
                        priority, strength, rule.name or rule.sub_event_type)
