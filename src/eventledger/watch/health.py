"""Per-source health, as ``eventledger sources`` and the web app's sources page show it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from eventledger.errors import WatchError
from eventledger.watch.sources import Source, load_sources
from eventledger.watch.state import SourceState, WatchState

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


def sources_health(state: WatchState, sources: Sequence[Source] | None, now: datetime) -> list[SourceHealth]:
    """Health of every source the database knows (and those in ``sources`` not yet polled).

    ``sources`` is the current sources file (None when it cannot be read: every source then shows
    as unlisted, with its recorded state), so a removed source still shows, as unlisted.
    """
    intervals = {s.name: s.interval_s for s in sources or []}
    return [health(s, intervals.get(s.name), now) for s in state.all()]


def read_sources(path: Path, default_interval_s: int) -> tuple[list[Source] | None, str | None]:
    """The sources file's sources, or (None, why) when it cannot be read: health pages still show."""
    try:
        return load_sources(path, default_interval_s), None
    except WatchError as exc:
        return None, str(exc)
