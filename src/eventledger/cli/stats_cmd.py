"""``eventledger stats``: what the ledger holds, by event type, month and admin1."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from eventledger.cli._options import config_option, db_option
from eventledger.settings import Settings


def _table(title: str, rows: list[tuple[str, int]], label: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    table.add_column("events", justify="right")
    for name, n in rows:
        table.add_row(name, str(n))
    return table


def stats(db: str | None = db_option(), top: int = typer.Option(20, "--top", min=1, help="Rows per admin1 list"),
          as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables"),
          config: Path | None = config_option()) -> None:
    """Counts of articles and events: by event type, by month and by admin1 (province)."""
    from eventledger.store import ledger_stats, open_database

    settings = Settings.load(config_file=config)
    database = open_database(settings, db)
    try:
        with database.read() as conn:
            st = ledger_stats(conn, top=top)
    finally:
        database.close()
    if as_json:
        typer.echo(json.dumps(dataclasses.asdict(st), indent=2))
        return
    console = Console()
    console.print(", ".join(f"{name} {n}" for name, n in st.totals.items()), highlight=False)
    console.print(_table("events by type", st.by_type, "type / sub-type"))
    console.print(_table("events by month (start date)", st.by_month, "month"))
    console.print(_table(f"events by admin1 (top {top})", st.by_admin1, "country / admin1"))
    console.print(_table("events by review status", st.by_status, "status"))
