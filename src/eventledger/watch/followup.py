"""What the watcher does after each poll cycle: link the new events to incidents, then alert.

The same order as ``eventledger ingest`` (which resolves after its run): duplicate merging first,
so an alert carries the event as it will stay, then the alert pass (scan watch lists, send what is
due). Resolving also runs on the first cycle after a start, so events a crashed run stored but
never linked are picked up (``resolve_new`` takes every event without an incident).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from eventledger.watch.watcher import PollOutcome

if TYPE_CHECKING:
    from eventledger.alerts import Alerts

log = logging.getLogger(__name__)


class AfterCycle:
    """``Watcher(after_cycle=AfterCycle(resolve, alerts))``; either part may be None (switched off)."""

    def __init__(self, resolve: Callable[[], object] | None, alerts: Alerts | None) -> None:
        self.resolve = resolve
        self.alerts = alerts
        self.first = True
        self.resolved = 0
        self.alert_runs = 0

    def __call__(self, outcomes: Sequence[PollOutcome]) -> None:
        if self.resolve is not None and (self.first or any(o.new for o in outcomes)):
            summary = self.resolve()
            self.resolved += 1
            log.info("resolve after the poll cycle: %s", summary)
        self.first = False
        if self.alerts is not None:
            self.alerts.run()
            self.alert_runs += 1
