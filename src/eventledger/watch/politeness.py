"""Being a polite client: robots.txt per host (RFC 9309), a pause between requests to one host,
and back-off with jitter after failures.

Each object keeps its per-host memory on the instance (no module state) and asks the injected
clock for time, so a test can run hours of polling in seconds. That memory is bounded: a feed that
links to pages on ever new hosts (an aggregator) must not grow a long-lived watcher, so robots.txt
answers are kept for at most ``max_hosts`` hosts (least recently used dropped first) and a host's
pacing entry is dropped once its pause is over.
"""

from __future__ import annotations

import logging
import random
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from eventledger.errors import FetchError
from eventledger.watch.clock import Clock
from eventledger.watch.fetch import Fetcher

log = logging.getLogger(__name__)

# RFC 9309 §2.3.1: an unreachable robots.txt (5xx, network error) means "disallow everything" for
# now; ask again sooner than a good file's TTL.
_UNREACHABLE_TTL_S = 600
# Hosts whose robots.txt is kept; beyond this the least recently used is asked again when next seen.
MAX_ROBOTS_HOSTS = 256
# The pacer sweeps out hosts whose pause is over once it holds this many.
_PACER_SWEEP_AT = 64


def backoff_delay(failures: int, base_s: float, max_s: float, rng: random.Random) -> float:
    """Seconds to wait after ``failures`` failures in a row: base·2^(n-1), capped, ±25 % jitter
    (so many sources failing together, e.g. after a network outage, do not retry in step)."""
    exponent = min(max(failures - 1, 0), 30)
    delay = min(max_s, base_s * (2 ** exponent))
    return float(min(max_s, delay * rng.uniform(0.75, 1.25)))


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed (no robots.txt)
    fetched_at: datetime
    ttl_s: float
    blocked: bool = False  # robots.txt unreachable: everything disallowed for now


class RobotsPolicy:
    """Whether ``user_agent`` may fetch a URL, and the host's Crawl-delay, from cached robots.txt."""

    def __init__(self, fetcher: Fetcher, clock: Clock, user_agent: str, ttl_s: float,
                 max_hosts: int = MAX_ROBOTS_HOSTS) -> None:
        self.fetcher = fetcher
        self.clock = clock
        self.user_agent = user_agent
        self.ttl_s = ttl_s
        self.max_hosts = max(max_hosts, 1)
        self._hosts: OrderedDict[str, _Robots] = OrderedDict()

    def allowed(self, url: str) -> bool:
        robots = self._for(url)
        if robots.blocked:
            return False
        return robots.parser is None or robots.parser.can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float:
        robots = self._for(url)
        if robots.parser is None:
            return 0.0
        delay = robots.parser.crawl_delay(self.user_agent)
        return float(delay) if delay else 0.0

    def _for(self, url: str) -> _Robots:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        now = self.clock.now()
        cached = self._hosts.get(key)
        if cached is not None and (now - cached.fetched_at).total_seconds() < cached.ttl_s:
            self._hosts.move_to_end(key)
            return cached
        robots = self._fetch(key, now)
        self._hosts[key] = robots
        self._hosts.move_to_end(key)
        while len(self._hosts) > self.max_hosts:
            self._hosts.popitem(last=False)
        return robots

    def __len__(self) -> int:
        """Hosts whose robots.txt is held."""
        return len(self._hosts)

    def _fetch(self, origin: str, now: datetime) -> _Robots:
        try:
            response = self.fetcher.get(f"{origin}/robots.txt")
        except FetchError as exc:
            log.warning("%s/robots.txt unreachable (%s): not fetching from this host for now", origin, exc)
            return _Robots(None, now, min(self.ttl_s, _UNREACHABLE_TTL_S), blocked=True)
        if response.status >= 500:
            log.warning("%s/robots.txt answered %d: not fetching from this host for now", origin, response.status)
            return _Robots(None, now, min(self.ttl_s, _UNREACHABLE_TTL_S), blocked=True)
        if not response.ok:
            return _Robots(None, now, self.ttl_s)  # 4xx: no rules (RFC 9309 §2.3.1.3)
        parser = RobotFileParser()
        parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return _Robots(parser, now, self.ttl_s)


class HostPacer:
    """At most one request per ``interval_s`` (or the host's Crawl-delay, when longer) per host.

    Only hosts still inside their pause are remembered: once a host's next request is allowed
    anyway its entry carries no information, so it is swept out (the memory is bounded by the hosts
    asked within one pause, not by all hosts ever asked).
    """

    def __init__(self, clock: Clock, interval_s: float) -> None:
        self.clock = clock
        self.interval_s = interval_s
        self._ready: dict[str, datetime] = {}  # host → when its next request is allowed

    def wait(self, url: str, crawl_delay_s: float = 0.0) -> None:
        host = urlsplit(url).netloc.lower()
        ready = self._ready.get(host)
        if ready is not None:
            now = self.clock.now()
            if now < ready:
                self.clock.sleep((ready - now).total_seconds())
        now = self.clock.now()
        self._ready[host] = now + timedelta(seconds=max(self.interval_s, crawl_delay_s))
        if len(self._ready) >= _PACER_SWEEP_AT:
            self._ready = {h: t for h, t in self._ready.items() if t > now}

    def __len__(self) -> int:
        """Hosts still inside their pause."""
        return len(self._ready)
