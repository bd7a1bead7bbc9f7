"""``eventledger export``: events from the ledger to ACLED CSV, GeoJSON, JSON Lines or Parquet."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from eventledger.cli._options import config_option, db_option
from eventledger.errors import ExportError, InputError
from eventledger.export import ExportFormat
from eventledger.ingest.readers import parse_published
from eventledger.settings import Settings
from eventledger.store.schema import EVENT_STATUSES


def export(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="acled-csv: ACLED's 31 columns; geojson: RFC 7946 "
                                     "(unlocated events get a null geometry); jsonl: one contract event per line; "
                                     "parquet: flat columns"),
    output: str = typer.Option("-", "--output", "-o", help="Output file ('-' = standard output; Parquet needs a "
                               "file)"),
    db: str | None = db_option(),
    date_from: str | None = typer.Option(None, "--from", help="Events on or after YYYY-MM-DD"),
    date_to: str | None = typer.Option(None, "--to", help="Events on or before YYYY-MM-DD"),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-2 country code, e.g. PK"),
    admin1: str | None = typer.Option(None, "--admin1", help="Province/state name"),
    event_type: str | None = typer.Option(None, "--type", help="ACLED event type or sub-event type"),
    actor: str | None = typer.Option(None, "--actor", help="Events with an actor whose name contains this"),
    status: list[str] = typer.Option([], "--status", help=f"Review status ({', '.join(EVENT_STATUSES)}); repeatable"),
    exclude_background: bool = typer.Option(False, "--exclude-background", help="Leave out background events"),
    redact_victims: bool = typer.Option(False, "--redact-victims", help="Replace named victims' names with "
                                        "[redacted] in every exported text"),
    config: Path | None = config_option(),
) -> None:
    """Export events (all, or those the filters select), streaming."""
    from eventledger.export import export_events
    from eventledger.store import EventFilter, open_database

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        flt = EventFilter(date_from=parse_published(date_from, source="--from"),
                          date_to=parse_published(date_to, source="--to"), country=country, admin1=admin1,
                          event_type=event_type, actor=actor, status=tuple(status),
                          include_background=not exclude_background)
    except (InputError, ValueError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    if fmt is ExportFormat.parquet and output == "-":
        raise ExportError("Parquet is a binary file format: give --output FILE")
    settings = Settings.load(config_file=config)
    database = open_database(settings, db)
    try:
        n = export_events(database, fmt, output, flt, redact=redact_victims)
    finally:
        database.close()
    err.print(f"exported {n} events as {fmt.value}{'' if output == '-' else f' to {escape(output)}'}")
