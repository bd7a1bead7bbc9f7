"""``Alerts``: one pass of the alert machinery, run by the watcher after each poll cycle.

Scan every enabled watch list for new or changed matching events (queuing one ledger row per
channel and event version), then send what is due. Both halves read and write only the database,
so a watcher restarted at any point carries on from the ledger without sending anything twice.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field

from eventledger.alerts.dispatch import Dispatcher, DispatchResult
from eventledger.alerts.mail import Mailer
from eventledger.alerts.matching import Matcher, ScanResult
from eventledger.alerts.watchlists import WatchLists
from eventledger.settings import Settings
from eventledger.store import Database
from eventledger.watch.clock import Clock
from eventledger.watch.fetch import Fetcher

log = logging.getLogger(__name__)


@dataclass
class AlertRun:
    scanned: int = 0
    scan: ScanResult = field(default_factory=ScanResult)
    sent: DispatchResult = field(default_factory=DispatchResult)

    def __str__(self) -> str:
        return (f"{self.scanned} watch lists · {self.scan.queued} queued · {self.sent.delivered} delivered · "
                f"{self.sent.retrying} retrying · {self.sent.failed} failed")


class Alerts:
    def __init__(self, db: Database, settings: Settings, fetcher: Fetcher, mailer: Mailer | None, clock: Clock,
                 rng: random.Random | None = None) -> None:
        self.clock = clock
        self.lists = WatchLists(db)
        self.matcher = Matcher(db, settings.alert_base_url, settings.alert_scan_overlap_s)
        self.dispatcher = Dispatcher(db, settings, fetcher, mailer, clock, rng)

    def run(self) -> AlertRun:
        out = AlertRun()
        now = self.clock.now()
        for watchlist in self.lists.all():
            if not watchlist.enabled:
                continue
            scan = self.matcher.scan(watchlist, now)
            out.scanned += 1
            out.scan.matched += scan.matched
            out.scan.queued += scan.queued
            out.scan.superseded += scan.superseded
        out.sent = self.dispatcher.deliver_due()
        if out.scan.queued or out.sent.delivered or out.sent.failed:
            log.info("alerts: %s", out)
        return out
