"""``eventledger report``: a situation report for a period, as self-contained HTML or PDF."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from eventledger.cli._options import config_option, db_option
from eventledger.errors import InputError, ReportError
from eventledger.ingest.readers import parse_published
from eventledger.report.output import ReportFormat
from eventledger.settings import Settings
from eventledger.store.schema import EVENT_STATUSES


def report(
    date_from: str = typer.Option(..., "--from", help="First day of the period, YYYY-MM-DD"),
    date_to: str = typer.Option(..., "--to", help="Last day of the period, YYYY-MM-DD (included)"),
    fmt: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f", help="html: one self-contained file "
                                     "(charts embedded); pdf: the same document paginated (WeasyPrint)"),
    output: str = typer.Option("-", "--output", "-o", help="Output file ('-' = standard output)"),
    db: str | None = db_option(),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-2 country code, e.g. PK"),
    admin1: str | None = typer.Option(None, "--admin1", help="Province/state name"),
    event_type: str | None = typer.Option(None, "--type", help="ACLED event type or sub-event type"),
    actor: str | None = typer.Option(None, "--actor", help="Events with an actor whose name contains this"),
    status: list[str] = typer.Option([], "--status", help=f"Review status ({', '.join(EVENT_STATUSES)}); "
                                     "repeatable; default: every status but rejected"),
    config: Path | None = config_option(),
) -> None:
    """Write a situation report: headline counts with the change on the previous period, a map, a
    timeline, the most severe incidents, every disputed figure and a method note (docs/report.md)."""
    from eventledger.report import Period, ReportBuilder, write_report
    from eventledger.store import EventFilter, open_database

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        start = parse_published(date_from, source="--from")
        end = parse_published(date_to, source="--to")
        flt = EventFilter(country=country, admin1=admin1, event_type=event_type, actor=actor, status=tuple(status))
    except (InputError, ValueError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    if start is None or end is None:
        raise ReportError("--from and --to must be dates (YYYY-MM-DD)")
    period = Period(start, end)
    settings = Settings.load(config_file=config)
    database = open_database(settings, db)
    try:
        written = write_report(ReportBuilder(database, settings), period, flt, fmt, output)
    finally:
        database.close()
    r = written.report
    where = "" if output == "-" else f" → {escape(output)}"
    err.print(f"report {period}: {r.total.current} incidents, {len(r.severe)} severe, {len(r.disputed)} disputed "
              f"figures{where} ({fmt.value}, {written.size / 1024:.0f} KB; read and charts "
              f"{written.build_s:.1f} s, {fmt.value} {written.render_s:.1f} s)")
