"""Figures from claims: ``best``, ``low``, ``high`` and ``disputed`` (DESIGN.md, numbers and claims).

Rules, in ACLED's and UCDP's terms:
- ``best`` is the lowest credible figure when claims conflict (ACLED codes the most
  conservative report), else the single figure;
- ``low``/``high`` span every numeric claim (UCDP's range);
- ``disputed`` is true when different claimants give different accounts: different figures, or
  one gives a figure and another only words ("heavy losses") that contradict it.
A claim with a range ("10 to 15") contributes its low end to ``best`` and both ends to the range.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventledger.extract.event import Claim


@dataclass(frozen=True)
class Figures:
    best: int | None
    low: int | None
    high: int | None
    disputed: bool


def figures(claims: list[Claim]) -> Figures:
    numeric = [c for c in claims if c.value_low is not None]
    if not claims:
        return Figures(None, None, None, False)
    claimants = {(c.claimant or "").casefold() for c in claims}
    lows = [c.value_low for c in numeric if c.value_low is not None]
    highs = [c.value_high if c.value_high is not None else c.value_low for c in numeric]
    values = {(c.value_low, c.value_high) for c in numeric}
    disputed = len(claimants) > 1 and (len(values) > 1 or len(numeric) < len(claims))
    if not lows:
        return Figures(None, None, None, disputed)
    return Figures(best=min(lows), low=min(lows), high=max(h for h in highs if h is not None),
                   disputed=disputed)


def split_total(total: int | None, parts: int) -> list[int | None]:
    """Split a total given for several places evenly, the remainder to the first (DESIGN.md)."""
    if total is None or parts <= 1:
        return [total] * max(parts, 1)
    share, rest = divmod(total, parts)
    return [share + rest] + [share] * (parts - 1)
