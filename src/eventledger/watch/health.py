"""Per-source health, as ``eventledger sources`` and the web app's sources page show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eventledger.watch.state import SourceState

STALE_INTERVALS = 3


@dataclass(frozen=True)
class SourceHealth:
    state: SourceState
    status: str  # ok, failing, stale, waiting (never polled), unlisted (not in the sources file)
    interval_s: int | None

    @property
    def name(self) -> str:
        return self.state.name


def health(state: SourceState, interval_s: int | None, now: datetime) -> SourceHealth:
    """``failing`` after a failed poll; ``stale`` when no poll succeeded for three intervals."""
    if interval_s is None:
        return SourceHealth(state, "unlisted", None)
    if state.last_poll_at is None:
        return SourceHealth(state, "waiting", interval_s)
    if state.failures:
        return SourceHealth(state, "failing", interval_s)
    if state.last_ok_at is None or (now - state.last_ok_at).total_seconds() > STALE_INTERVALS * interval_s:
        return SourceHealth(state, "stale", interval_s)
    return SourceHealth(state, "ok", interval_s)
