"""``eventledger watch`` (follow the sources file) and ``eventledger sources`` (their health)."""

from __future__ import annotations

import signal
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from eventledger.cli._options import config_option, db_option
from eventledger.settings import Settings

SOURCES_HELP = "The TOML sources file (setting watch_sources_file; see docs/watch.md)"


def _when(value: datetime | None, now: datetime) -> str:
    if value is None:
        return "—"
    seconds = (value - now).total_seconds()
    ago = abs(seconds)
    text = f"{ago:.0f} s" if ago < 120 else f"{ago / 60:.0f} min" if ago < 7200 else f"{ago / 3600:.1f} h"
    return f"in {text}" if seconds > 0 else f"{text} ago"


def _stop_on_signals(stop: threading.Event) -> None:
    def handler(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def build_watcher(settings: Settings, database: Any, sources_file: Path | None, clock: Any,
                  resolve: bool) -> tuple[Any, Any]:
    """The watcher with the real fetcher, the NLP extractor (loaded on first new item), duplicate
    merging and alerts after each cycle; returns (watcher, fetcher) — close the fetcher when done."""
    from eventledger.alerts import Alerts, mailer_from
    from eventledger.cli.ingest_cmd import LazyExtract
    from eventledger.watch import HttpxFetcher, Watcher, load_sources
    from eventledger.watch.followup import AfterCycle

    sources = load_sources(sources_file or settings.watch_sources_file, settings.watch_default_interval_s)
    fetcher = HttpxFetcher(settings.watch_user_agent, settings.watch_timeout_s, settings.watch_max_bytes)
    resolver = None
    if resolve:
        from eventledger.resolve import Resolver

        resolver = Resolver(database, settings).resolve_new
    alerts = Alerts(database, settings, fetcher, mailer_from(settings), clock)
    watcher = Watcher(database, sources, settings, LazyExtract(settings), fetcher, clock,
                      after_cycle=AfterCycle(resolver, alerts))
    return watcher, fetcher


def watch(
    sources: Path | None = typer.Option(None, "--sources", help=SOURCES_HELP),
    once: bool = typer.Option(False, "--once", help="Poll the due sources once, deliver alerts and exit (cron)"),
    resolve: bool | None = typer.Option(None, "--resolve/--no-resolve", help="Link new events to incidents after "
                                        "each cycle (setting resolve_after_ingest)", show_default=False),
    db: str | None = db_option(),
    config: Path | None = config_option(),
) -> None:
    """Follow the feeds and pages of the sources file: ingest new items, merge duplicates, send alerts."""
    from eventledger.store import open_database
    from eventledger.watch import SystemClock

    settings = Settings.load(config_file=config)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    stop = threading.Event()
    clock = SystemClock(stop)
    database = open_database(settings, db)
    fetcher = None
    try:
        watcher, fetcher = build_watcher(settings, database, sources, clock,
                                         settings.resolve_after_ingest if resolve is None else resolve)
        if once:
            outcomes = watcher.run_once()
            for o in outcomes:
                err.print(f"{escape(o.source)}: {o.status} · new {o.new} · duplicate {o.duplicate} · "
                          f"waiting {o.pending} · failed {o.failed_items}"
                          + (f" · [red]{escape(o.error)}[/red]" if o.error else ""))
            err.print(f"polled {len(outcomes)} of {len(watcher.sources)} sources (the rest are not due yet)")
            return
        _stop_on_signals(stop)
        err.print(f"watching {len(watcher.sources)} sources → {escape(database.display_url)} (Ctrl-C stops)")
        cycles = watcher.run(stop=stop)
        err.print(f"stopped after {cycles} cycles")
    finally:
        if fetcher is not None:
            fetcher.close()
        database.close()


def sources_table(rows: list[Any], now: datetime) -> Table:
    table = Table(title="Watched sources")
    for column in ("name", "URL", "status", "last poll", "last new item", "failures", "next poll", "last error"):
        table.add_column(column, overflow="fold")
    for h in rows:
        s = h.state
        style = {"failing": "red", "stale": "yellow", "ok": "green"}.get(h.status, "")
        table.add_row(escape(s.name), escape(s.url), f"[{style}]{h.status}[/{style}]" if style else h.status,
                      _when(s.last_poll_at, now), _when(s.last_new_at, now),
                      f"{s.failures} ({s.total_failures} in all)", _when(s.next_poll_at, now),
                      escape((s.last_error or "")[:200]))
    return table


def sources_cmd(
    sources: Path | None = typer.Option(None, "--sources", help=SOURCES_HELP),
    db: str | None = db_option(),
    config: Path | None = config_option(),
) -> None:
    """Per-source health: last poll, last new item, failures, next poll and the last error."""
    from datetime import UTC

    from eventledger.store import open_database
    from eventledger.watch.health import read_sources, sources_health
    from eventledger.watch.state import WatchState

    settings = Settings.load(config_file=config)
    database = open_database(settings, db)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        listed, problem = read_sources(sources or settings.watch_sources_file, settings.watch_default_interval_s)
        state = WatchState(database)
        if listed is not None:
            state.sync(listed)
        now = datetime.now(UTC)
        rows = sources_health(state, listed, now)
    finally:
        database.close()
    if problem:
        err.print(f"[yellow]sources file:[/yellow] {escape(problem)}")
    if not rows:
        err.print("no sources yet: list them in the sources file (docs/watch.md)")
        return
    Console(highlight=False).print(sources_table(rows, now))
