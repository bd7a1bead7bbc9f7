"""The ``eventledger`` command line (Typer + Rich).

Each sub-command lives in its own module; this module only assembles the app and maps the
project's errors to one-line messages and exit codes (no stack traces for user errors).
"""

from __future__ import annotations

import logging
import sys

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape

from eventledger.cli import (
    db_cmd,
    export_cmd,
    extract_cmd,
    gazetteer_cmd,
    ingest_cmd,
    report_cmd,
    resolve_cmd,
    search_cmd,
    serve_cmd,
    show_cmd,
    stats_cmd,
    user_cmd,
    watch_cmd,
    watchlist_cmd,
)
from eventledger.errors import EventLedgerError

app = typer.Typer(
    name="eventledger",
    help="Turn news reports of armed conflict and human-rights abuse into coded, evidenced events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract_cmd.extract)
app.command("show")(show_cmd.show)
app.command("ingest")(ingest_cmd.ingest)
app.command("resolve")(resolve_cmd.resolve)
app.command("export")(export_cmd.export)
app.command("report")(report_cmd.report)
app.command("stats")(stats_cmd.stats)
app.command("search")(search_cmd.search)
app.add_typer(gazetteer_cmd.app, name="gazetteer")
app.add_typer(db_cmd.app, name="db")
app.command("serve")(serve_cmd.serve)
app.add_typer(user_cmd.app, name="user")
app.command("watch")(watch_cmd.watch)
app.command("sources")(watch_cmd.sources_cmd)
app.add_typer(watchlist_cmd.app, name="watchlist")


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress and decisions.")) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=Console(stderr=True), show_path=False)],
    )


def main() -> None:
    try:
        app()
    except EventLedgerError as exc:
        Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(2)
