"""Time as a dependency: every scheduling decision of the watcher and the alerts asks a ``Clock``.

Why: a two-hour polling run must be testable in seconds, so nothing here calls ``time.sleep`` or
``datetime.now`` directly. ``SystemClock`` is the real one (its sleep wakes early on stop);
tests pass a clock whose ``sleep`` just moves time forward.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (a simulated clock just advances)."""
        ...


class SystemClock:
    """Wall-clock time; ``sleep`` returns early once ``stop`` is set (Ctrl-C, SIGTERM, tests)."""

    def __init__(self, stop: threading.Event | None = None) -> None:
        self.stop = stop or threading.Event()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.stop.wait(seconds)


def as_utc(value: datetime | None) -> datetime | None:
    """Database datetimes as aware UTC (SQLite hands them back naive, PostgreSQL aware)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
