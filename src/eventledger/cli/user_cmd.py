"""``eventledger user add|list|passwd|disable``: web accounts from the command line."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from eventledger.cli._options import config_option, db_option
from eventledger.settings import Settings

app = typer.Typer(help="Manage web app users (roles: viewer, editor, admin).", no_args_is_help=True)


def _accounts(db: str | None, config: Path | None):  # type: ignore[no-untyped-def]
    from eventledger.store import open_database
    from eventledger.web.accounts import Accounts
    from eventledger.web.passwords import Passwords

    settings = Settings.load(config_file=config)
    return Accounts(open_database(settings, db), Passwords())


def _password(prompt: bool) -> str | None:
    if not prompt:
        return None
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@app.command("add")
def add(name: str = typer.Argument(..., help="User name"),
        role: str = typer.Option("viewer", "--role", help="viewer, editor or admin"),
        prompt: bool = typer.Option(False, "--prompt", help="Ask for the password instead of generating one"),
        db: str | None = db_option(), config: Path | None = config_option()) -> None:
    """Add a user; prints the generated password once (or asks for one with --prompt)."""
    from eventledger.web.audit import Actor

    accounts = _accounts(db, config)
    try:
        user, password = accounts.add_user(name, role, _password(prompt), Actor("eventledger user add"))
    finally:
        accounts.db.close()
    out = Console(highlight=False)
    out.print(f"user {escape(user.name)} ({user.role}) created")
    if not prompt:
        out.print(f"password: {escape(password)}")


@app.command("list")
def list_users(db: str | None = db_option(), config: Path | None = config_option()) -> None:
    """List users with their roles."""
    accounts = _accounts(db, config)
    try:
        for user in accounts.list_users():
            typer.echo(f"{user.name}\t{user.role}\t{'disabled' if user.disabled else 'active'}")
    finally:
        accounts.db.close()


@app.command("passwd")
def passwd(name: str = typer.Argument(...), prompt: bool = typer.Option(False, "--prompt", help="Ask for it"),
           db: str | None = db_option(), config: Path | None = config_option()) -> None:
    """Set a user's password (generated and printed, or asked for with --prompt)."""
    from eventledger.errors import NotFoundError
    from eventledger.web.audit import Actor
    from eventledger.web.passwords import new_password

    accounts = _accounts(db, config)
    try:
        user = accounts.by_name(name)
        if user is None:
            raise NotFoundError(f"no user {name!r}")
        password = _password(prompt) or new_password()
        accounts.set_password(user.id, password, Actor("eventledger user passwd"))
    finally:
        accounts.db.close()
    if not prompt:
        Console(highlight=False).print(f"password: {escape(password)}")
