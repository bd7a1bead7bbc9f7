"""Options shared by the database commands (one definition, one help text)."""

from __future__ import annotations

from typing import Any

import typer

DB_HELP = ("Database URL (sqlite:///FILE, postgresql+psycopg://USER@HOST/NAME) or a SQLite file path; "
           "default: the 'db' setting / EVENTLEDGER_DB, else eventledger.sqlite in the data directory")


def db_option() -> Any:
    return typer.Option(None, "--db", help=DB_HELP, show_default=False)


def config_option() -> Any:
    return typer.Option(None, "--config", help="Settings file (TOML)")
