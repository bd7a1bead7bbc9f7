"""Daily operation: follow feeds and pages (``Watcher``), with per-source state and health.

Public API: ``Source`` / ``load_sources`` (the TOML sources file), ``Watcher`` (poll, run),
``Fetcher`` / ``HttpxFetcher`` / ``Response`` (HTTP), ``Clock`` / ``SystemClock`` (injectable
time), ``WatchState`` (per-source state), ``health`` / ``SourceHealth``.
"""

from eventledger.watch.clock import Clock, SystemClock
from eventledger.watch.fetch import Fetcher, HttpxFetcher, Response
from eventledger.watch.health import SourceHealth, health
from eventledger.watch.sources import Source, load_sources, parse_sources
from eventledger.watch.state import SourceState, WatchState
from eventledger.watch.watcher import PollOutcome, Watcher

__all__ = ["Clock", "Fetcher", "HttpxFetcher", "PollOutcome", "Response", "Source", "SourceHealth", "SourceState",
           "SystemClock", "WatchState", "Watcher", "health", "load_sources", "parse_sources"]
