"""Figures from claims: ``best``, ``low``, ``high`` and ``disputed`` (DESIGN.md, numbers and claims).

Each source's account is first totalled: figures one source gives in one sentence add up
("four soldiers and four assailants were killed" = 8); when the same source gives figures in
several sentences the largest total is its account (later sentences usually restate or update
the toll). Then, across sources, in ACLED's and UCDP's terms:
- ``best`` is the lowest credible account when sources conflict (ACLED codes the most
  conservative report), else the single account;
- ``low``/``high`` span the accounts (UCDP's range; a range claim "10 to 15" gives its ends);
- ``disputed`` is true when different claimants give different accounts: different totals, or
  one gives a figure and another only words ("heavy losses").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from eventledger.extract.event import Claim


@dataclass(frozen=True)
class Figures:
    best: int | None
    low: int | None
    high: int | None
    disputed: bool


def _account(claims: list[Claim]) -> tuple[int | None, int | None]:
    """One claimant's (low, high) total, or (None, None) when it gives no number."""
    by_sentence: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.value_low is not None:
            by_sentence[claim.group].append(claim)
    if not by_sentence:
        return None, None
    totals = []
    for group in by_sentence.values():
        low = sum(c.value_low or 0 for c in group)
        high = sum(c.value_high if c.value_high is not None else (c.value_low or 0) for c in group)
        totals.append((low, high))
    return max(totals)


def figures(claims: list[Claim]) -> Figures:
    if not claims:
        return Figures(None, None, None, False)
    by_claimant: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_claimant[(claim.claimant or "").casefold()].append(claim)
    accounts = [_account(group) for group in by_claimant.values()]
    numeric = [a for a in accounts if a[0] is not None]
    disputed = len(accounts) > 1 and (len(set(numeric)) > 1 or len(numeric) < len(accounts))
    if not numeric:
        return Figures(None, None, None, disputed)
    lows = [a[0] for a in numeric if a[0] is not None]
    highs = [a[1] for a in numeric if a[1] is not None]
    return Figures(best=min(lows), low=min(lows), high=max(highs), disputed=disputed)


def split_total(total: int | None, parts: int) -> list[int | None]:
    """Split a total given for several places evenly, the remainder to the first (DESIGN.md)."""
    if total is None or parts <= 1:
        return [total] * max(parts, 1)
    share, rest = divmod(total, parts)
    out: list[int | None] = [share + rest]
    return out + [share] * (parts - 1)
