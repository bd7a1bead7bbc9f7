"""Sending what the ledger holds as pending: webhooks (signed JSON POST) and email, with retries.

A pending delivery is sent when it is due; success marks it delivered, a failure counts an attempt
and schedules the next one after an exponential back-off with jitter (``alert_backoff_*``, on the
injected clock), and the last allowed attempt (``alert_attempts``) marks it failed. Every failure is
kept on the delivery and on its channel (``last_error``), where the CLI and the web page show it.

Exactly once: a delivery leaves ``pending`` in the same transaction that records its outcome, so a
restarted watcher never sends a delivered row again. The one gap is a crash between a receiver's
2xx and that commit; the ``X-Eventledger-Delivery`` header (the ledger row's id) lets a receiver
drop such a repeat.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, or_, select, update

from eventledger.alerts.mail import Mailer
from eventledger.alerts.payload import headline, summaries, text_body, version, webhook_body
from eventledger.alerts.signing import DELIVERY_HEADER, KIND_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from eventledger.errors import FetchError
from eventledger.settings import Settings
from eventledger.store import Database, schema
from eventledger.watch.clock import Clock, as_utc
from eventledger.watch.fetch import Fetcher
from eventledger.watch.politeness import backoff_delay

log = logging.getLogger(__name__)
dl, ch, wl = schema.watch_deliveries, schema.watch_channels, schema.watchlists
BATCH = 200


@dataclass
class DispatchResult:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    superseded: int = 0
    waiting_for_smtp: int = 0


@dataclass(frozen=True)
class _Due:
    id: int
    watchlist_id: int
    watchlist: str
    channel_id: int
    kind: str
    target: str
    secret: str | None
    event_id: int
    event_version: str
    attempts: int


class Dispatcher:
    """Delivers due webhook and email rows; ``mailer`` None means SMTP is not configured (email waits)."""

    def __init__(self, db: Database, settings: Settings, fetcher: Fetcher, mailer: Mailer | None, clock: Clock,
                 rng: random.Random | None = None, base_url: str | None = None) -> None:
        self.db = db
        self.settings = settings
        self.fetcher = fetcher
        self.mailer = mailer
        self.clock = clock
        self.rng = rng or random.Random()
        self.base_url = base_url or settings.alert_base_url

    def deliver_due(self) -> DispatchResult:
        """Send every due delivery (in batches, oldest first) once."""
        result = DispatchResult()
        done: set[int] = set()
        while True:
            batch = [d for d in self._due() if d.id not in done]
            if not batch:
                return result
            for due in batch:
                done.add(due.id)
                self._deliver(due, result)

    def _due(self) -> list[_Due]:
        now = self.clock.now()
        kinds = ["webhook", "email"] if self.mailer is not None else ["webhook"]
        query = (select(dl.c.id, dl.c.watchlist_id, wl.c.name.label("watchlist"), dl.c.channel_id, ch.c.kind,
                        ch.c.target, ch.c.secret, dl.c.event_id, dl.c.event_version, dl.c.attempts)
                 .join(ch, ch.c.id == dl.c.channel_id).join(wl, wl.c.id == dl.c.watchlist_id)
                 .where(dl.c.status == "pending", ch.c.enabled.is_(True), wl.c.enabled.is_(True),
                        ch.c.kind.in_(kinds), or_(dl.c.next_attempt_at.is_(None), dl.c.next_attempt_at <= now))
                 .order_by(dl.c.id).limit(BATCH))
        with self.db.read() as conn:
            return [_Due(**row._mapping) for row in conn.execute(query)]

    def _deliver(self, due: _Due, result: DispatchResult) -> None:
        with self.db.read() as conn:
            summary = summaries(conn, [due.event_id], self.base_url).get(due.event_id)
        if summary is None or version(summary) != due.event_version:
            # The event changed (or went) since it matched: the next scan queues what it is now.
            with self.db.begin_write() as conn:
                self._finish(conn, due, "superseded")
            result.superseded += 1
            return
        try:
            if due.kind == "webhook":
                self._post(due, summary)
            else:
                self._mail(due, summary)
        except FetchError as exc:
            self._failed(due, str(exc), result)
            return
        with self.db.begin_write() as conn:
            self._finish(conn, due, "delivered", attempts=due.attempts + 1, delivered_at=self.clock.now())
            conn.execute(update(ch).where(ch.c.id == due.channel_id).values(last_ok_at=self.clock.now()))
        result.delivered += 1

    def _post(self, due: _Due, summary: dict[str, Any]) -> None:
        body = webhook_body(summary, due.watchlist_id, due.watchlist, due.event_version, due.id)
        timestamp = str(int(self.clock.now().timestamp()))
        headers = {"Content-Type": "application/json", TIMESTAMP_HEADER: timestamp, DELIVERY_HEADER: str(due.id),
                   KIND_HEADER: "event", SIGNATURE_HEADER: sign(due.secret or "", timestamp, body)}
        response = self.fetcher.post(due.target, body, headers)
        if not response.ok:
            raise FetchError(f"webhook {due.target} answered HTTP {response.status}")

    def _mail(self, due: _Due, summary: dict[str, Any]) -> None:
        if self.mailer is None:  # not selected by _due; kept for type narrowing
            raise FetchError("SMTP is not configured (setting smtp_host)")
        self.mailer.send(due.target, f"[eventledger] {due.watchlist}: {headline(summary)}",
                         text_body(summary, due.watchlist))

    def _failed(self, due: _Due, error: str, result: DispatchResult) -> None:
        attempts = due.attempts + 1
        now = self.clock.now()
        with self.db.begin_write() as conn:
            conn.execute(update(ch).where(ch.c.id == due.channel_id).values(last_error=error[:2000],
                                                                            last_error_at=now))
            if attempts >= self.settings.alert_attempts:
                log.warning("alert %d to %s failed for good after %d attempts: %s", due.id, due.target, attempts,
                            error)
                self._finish(conn, due, "failed", attempts=attempts, last_error=error[:2000])
                result.failed += 1
                return
            delay = backoff_delay(attempts, self.settings.alert_backoff_base_s, self.settings.alert_backoff_max_s,
                                  self.rng)
            log.info("alert %d to %s failed (attempt %d, next in %.0f s): %s", due.id, due.target, attempts, delay,
                     error)
            conn.execute(update(dl).where(dl.c.id == due.id, dl.c.status == "pending").values(
                attempts=attempts, last_error=error[:2000], next_attempt_at=now + timedelta(seconds=delay)))
            result.retrying += 1

    @staticmethod
    def _finish(conn: Connection, due: _Due, status: str, **values: Any) -> None:
        conn.execute(update(dl).where(dl.c.id == due.id, dl.c.status == "pending").values(status=status, **values))

    def next_due(self) -> datetime | None:
        """When the earliest waiting retry is due (None: nothing waits)."""
        with self.db.read() as conn:
            value = conn.scalar(select(func.min(dl.c.next_attempt_at)).where(dl.c.status == "pending"))
        return as_utc(value)
