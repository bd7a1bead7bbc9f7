"""``eventledger watchlist add|list|show|remove``: saved filters with alert channels."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from eventledger.cli._options import config_option, db_option
from eventledger.settings import Settings

app = typer.Typer(help="Watch lists: saved event filters delivered to Atom, webhook and email channels.",
                  no_args_is_help=True)
ACTOR = "eventledger watchlist"


def _open(db: str | None, config: Path | None) -> tuple[Settings, Any]:
    from eventledger.store import open_database

    settings = Settings.load(config_file=config)
    return settings, open_database(settings, db)


def _find(lists: Any, name_or_id: str) -> Any:
    return lists.get(int(name_or_id)) if name_or_id.isdigit() else lists.by_name(name_or_id)


def feed_url(settings: Settings, watchlist: Any) -> str:
    return f"{settings.alert_base_url.rstrip('/')}/watchlists/{watchlist.id}/feed.atom?token={watchlist.feed_key}"


@app.command("add")
def add(
    name: str = typer.Argument(..., help="A name for the watch list"),
    filter_: str = typer.Option("", "--filter", help="The event table's filter as a query string, e.g. "
                                "'type=Battles&place=Borno&from=2026-01-01' (empty: every event)"),
    atom: bool = typer.Option(False, "--atom", help="An Atom feed channel"),
    webhook: list[str] = typer.Option([], "--webhook", help="A webhook URL (repeatable)"),
    secret: str | None = typer.Option(None, "--secret", help="The webhooks' HMAC key (default: generated)"),
    email: list[str] = typer.Option([], "--email", help="An email address (repeatable; needs smtp_host)"),
    backfill: bool = typer.Option(False, "--backfill", help="Also deliver the events that match already"),
    db: str | None = db_option(),
    config: Path | None = config_option(),
) -> None:
    """Save a watch list; without any channel option it gets an Atom feed."""
    from eventledger.alerts import ChannelSpec, WatchLists
    from eventledger.web.audit import Actor

    specs = [ChannelSpec("atom")] if atom or not (webhook or email) else []
    specs += [ChannelSpec("webhook", url, secret) for url in webhook]
    specs += [ChannelSpec("email", address) for address in email]
    settings, database = _open(db, config)
    try:
        created = WatchLists(database).create(name, filter_, specs, Actor(ACTOR), datetime.now(UTC), backfill)
    finally:
        database.close()
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"watch list {created.id} [bold]{escape(created.name)}[/bold] saved: {escape(created.query or 'all')}")
    _print_channels(out, settings, created, secrets=True)


def _print_channels(out: Console, settings: Settings, watchlist: Any, secrets: bool = False) -> None:
    for c in watchlist.channels:
        where = feed_url(settings, watchlist) if c.kind == "atom" else c.target
        line = f"  {c.kind} {escape(where or '')} · delivered {c.delivered} · pending {c.pending} · failed {c.failed}"
        if secrets and c.kind == "webhook":
            line += f" · secret {escape(c.secret or '')}"
        if c.last_error:
            line += f"\n    [red]last error[/red] {escape(c.last_error[:300])}"
        out.print(line)


@app.command("list")
def list_cmd(db: str | None = db_option(), config: Path | None = config_option()) -> None:
    """Every watch list with its channels and delivery counts."""
    from eventledger.alerts import WatchLists

    _, database = _open(db, config)
    try:
        lists = WatchLists(database).all()
    finally:
        database.close()
    table = Table(title="Watch lists")
    for column in ("id", "name", "filter", "channels", "delivered", "pending", "failed", "last error"):
        table.add_column(column, overflow="fold")
    for w in lists:
        errors = [c.last_error for c in w.channels if c.last_error]
        table.add_row(str(w.id), escape(w.name), escape(w.query or "all"), ", ".join(c.kind for c in w.channels),
                      str(sum(c.delivered for c in w.channels)), str(sum(c.pending for c in w.channels)),
                      str(sum(c.failed for c in w.channels)), escape((errors[0] if errors else "")[:120]))
    Console(highlight=False).print(table)


@app.command("show")
def show(name_or_id: str = typer.Argument(..., metavar="NAME|ID"),
         secrets: bool = typer.Option(False, "--secrets", help="Also print the webhooks' signing keys"),
         db: str | None = db_option(), config: Path | None = config_option()) -> None:
    """One watch list: filter, channels (feed URL, webhook, email), deliveries and recent failures."""
    from eventledger.alerts import WatchLists
    from eventledger.alerts.watchlists import recent_failures

    settings, database = _open(db, config)
    try:
        lists = WatchLists(database)
        watchlist = _find(lists, name_or_id)
        failures = recent_failures(database, watchlist.id)
    finally:
        database.close()
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"watch list {watchlist.id} [bold]{escape(watchlist.name)}[/bold] by {escape(watchlist.created_by)}")
    out.print(f"  filter: {escape(watchlist.query or 'all events')}")
    _print_channels(out, settings, watchlist, secrets=secrets)
    for f in failures:
        out.print(f"  [red]{f.status}[/red] event {f.event_id} via {f.kind} after {f.attempts} attempts: "
                  f"{escape(f.last_error or '')[:200]}")


@app.command("remove")
def remove(name_or_id: str = typer.Argument(..., metavar="NAME|ID"), db: str | None = db_option(),
           config: Path | None = config_option()) -> None:
    """Delete a watch list, its channels and its delivery record."""
    from eventledger.alerts import WatchLists
    from eventledger.web.audit import Actor

    _, database = _open(db, config)
    try:
        lists = WatchLists(database)
        watchlist = _find(lists, name_or_id)
        lists.delete(watchlist.id, Actor(ACTOR), datetime.now(UTC))
    finally:
        database.close()
    Console(highlight=False).print(f"watch list {escape(watchlist.name)} removed")
