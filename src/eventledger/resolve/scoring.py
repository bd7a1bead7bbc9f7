"""Pair scoring: the weighted mean of the component scores, unless one of them vetoes the pair.

Cheap, decisive checks run first (type family, dates, place) so most candidate pairs are settled
before any string comparison. ``PairScore`` keeps every part, so a decision can be explained.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from eventledger.resolve.report import Report
from eventledger.resolve.rules import MatchRules
from eventledger.resolve.similarity import (
    VETO,
    actor_score,
    date_score,
    figures_score,
    place_score,
    text_score,
    type_score,
)

# A component's score in [0, 1], ``VETO``, or ``None`` when neither side says anything about it (no
# figure, no named actor): missing information is left out of the mean, it is no evidence either way.
_EPSILON = 1e-9  # a weighted mean of exact halves and tenths may land a hair under the threshold it equals

Scorer = Callable[[Report, Report, MatchRules], float | None]

# Order matters for speed only: vetoing components first, string comparisons last.
SCORERS: tuple[tuple[str, Scorer], ...] = (
    ("type", type_score),
    ("date", date_score),
    ("place", place_score),
    ("figures", figures_score),
    ("actors", actor_score),
    ("text", text_score),
)


@dataclass(frozen=True)
class PairScore:
    """``total`` in [0, 1]; ``veto`` names the component that ruled the pair out (total 0 then)."""

    total: float
    parts: dict[str, float] = field(default_factory=dict)
    veto: str | None = None

    def matches(self, rules: MatchRules) -> bool:
        """At or above the threshold, and the places agree well enough (``incident.min_place``)."""
        return self.veto is None and self.total >= rules.threshold - _EPSILON and \
            self.parts.get("place", 0.0) >= rules.min_place - _EPSILON


def score_pair(a: Report, b: Report, rules: MatchRules) -> PairScore:
    """How strongly ``a`` and ``b`` look like two reports of one event. Same-article pairs never match:
    the coder already merged an article's restatements, so two events of one article are two events."""
    if a.article_id == b.article_id:
        return PairScore(0.0, veto="same_article")
    if a.shadow or b.shadow:
        return PairScore(0.0, veto="shadow")
    parts: dict[str, float] = {}
    for name, scorer in SCORERS:
        value = scorer(a, b, rules)
        if value == VETO:
            return PairScore(0.0, parts, veto=name)
        if value is not None:
            parts[name] = value
    weights = rules.weights
    total = sum(weights[k] * v for k, v in parts.items()) / sum(weights[k] for k in parts)
    return PairScore(total, parts)
