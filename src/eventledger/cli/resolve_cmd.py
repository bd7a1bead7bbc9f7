"""``eventledger resolve``: link reports of one real event to one incident (duplicate merging)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from eventledger.cli._options import config_option, db_option
from eventledger.settings import Settings


def resolve(
    db: str | None = db_option(),
    rebuild: bool = typer.Option(False, "--rebuild", help="Forget the machine's incidents and resolve every "
                                 "event again (reviewers' merges and splits stay)"),
    config: Path | None = config_option(),
) -> None:
    """Link events that have no incident yet (ingest does this after each run); --rebuild redoes all."""
    from eventledger.resolve import Resolver
    from eventledger.store import open_database

    settings = Settings.load(config_file=config)
    database = open_database(settings, db)
    try:
        resolver = Resolver(database, settings)
        summary = resolver.rebuild() if rebuild else resolver.resolve_new()
    finally:
        database.close()
    Console(stderr=True, highlight=False).print(f"resolve: {escape(str(summary))} → {escape(database.display_url)}")
