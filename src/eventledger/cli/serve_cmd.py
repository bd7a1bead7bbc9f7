"""``eventledger serve``: the web app for analysts (FastAPI + uvicorn)."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from eventledger.cli._options import config_option, db_option
from eventledger.settings import Settings

log = logging.getLogger(__name__)


def serve(db: str | None = db_option(),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)"),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on"),
          admin_name: str = typer.Option("admin", "--admin-name", help="Name of the first admin, created when the "
                                         "database has no users (its one-time password is printed once)"),
          workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes (use the machine's "
                                      "cores; each keeps its own caches and login limiter)"),
          config: Path | None = config_option()) -> None:
    """Serve the map, timeline, evidence view, review pages and the JSON API."""
    import uvicorn

    from eventledger.store import open_database
    from eventledger.web import create_app
    from eventledger.web.bootstrap import first_admin

    settings = Settings.load(config_file=config)
    database = open_database(settings, db)
    app = create_app(settings, database)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    created = first_admin(app, admin_name)
    warm = getattr(app.state.ctx.places, "warm", None)
    if warm is not None and workers == 1:  # open the gazetteer in the background so the first place search is quick
        threading.Thread(target=warm, name="gazetteer-warm-up", daemon=True).start()
    shown_host = f"[{host}]" if ":" in host else host
    err.print(f"eventledger: serving {escape(database.display_url)} on [bold]http://{shown_host}:{port}[/bold]")
    if created:
        err.print(f"first admin created: user [bold]{escape(admin_name)}[/bold], one-time password "
                  f"[bold]{escape(created)}[/bold] (shown only now; change it on the account page)")
    if not settings.web_public_read:
        err.print("reading needs a login (setting web_public_read = false)")
    options = {"host": host, "port": port, "log_level": "warning", "access_log": False, "server_header": False}
    try:
        if workers == 1:
            uvicorn.run(app, **options)  # type: ignore[arg-type]
        else:
            from eventledger.web.factory import CONFIG_VARIABLE, DB_VARIABLE

            os.environ[DB_VARIABLE] = database.url
            if config is not None:
                os.environ[CONFIG_VARIABLE] = str(config.resolve())
            uvicorn.run("eventledger.web.factory:app_from_environment", factory=True, workers=workers,
                        **options)  # type: ignore[arg-type]
    finally:
        database.close()
