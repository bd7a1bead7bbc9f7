"""``eventledger db upgrade|current``: create or migrate the ledger database."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from eventledger.cli._options import config_option, db_option
from eventledger.settings import Settings

app = typer.Typer(help="Create, migrate and inspect the ledger database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(db: str | None = db_option(), config: Path | None = config_option()) -> None:
    """Create the database or bring its schema up to date (also done automatically on first use)."""
    from eventledger.store import open_database
    from eventledger.store.migrate import upgrade as run_upgrade

    settings = Settings.load(config_file=config)
    database = open_database(settings, db, upgrade=False)
    try:
        revision = run_upgrade(database.engine)
    finally:
        database.close()
    Console(stderr=True, highlight=False).print(f"database {escape(database.display_url)} at revision {revision}")


@app.command("current")
def current(db: str | None = db_option(), config: Path | None = config_option()) -> None:
    """Show the database's schema revision and the newest one this version knows."""
    from eventledger.store import open_database
    from eventledger.store.migrate import current_revision, head_revision

    settings = Settings.load(config_file=config)
    database = open_database(settings, db, upgrade=False)
    try:
        rev = current_revision(database.engine)
    finally:
        database.close()
    head = head_revision()
    state = "up to date" if rev == head else f"behind (newest: {head}); run 'eventledger db upgrade'"
    typer.echo(f"{database.display_url}: revision {rev or '(empty)'}, {state}")
