"""``eventledger search``: full-text search over article titles and texts and evidence spans."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from eventledger.cli._options import config_option, db_option
from eventledger.settings import Settings


def search(text: str = typer.Argument(..., help="Words to look for (all must match; word forms are stemmed)"),
           limit: int = typer.Option(20, "--limit", min=1, help="Hits per kind (articles, evidence)"),
           as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table"),
           db: str | None = db_option(), config: Path | None = config_option()) -> None:
    """Find articles and evidence sentences containing TEXT."""
    from eventledger.store import open_database
    from eventledger.store import search as run_search

    settings = Settings.load(config_file=config)
    database = open_database(settings, db)
    try:
        with database.read() as conn:
            hits = run_search(conn, text, limit=limit)
    finally:
        database.close()
    if as_json:
        typer.echo(json.dumps([dataclasses.asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(f"{len(hits)} hits for {text!r}", highlight=False)
    for h in hits:
        where = f"article {h.article_id}" + ("" if h.event_id is None else f", event {h.event_id}")
        head = Text.assemble((f"{h.kind:8} ", "bold"), (where, "cyan"), " · ", h.title or "(no title)")
        # Plain Text objects: article words such as "[Reuters]" must never be read as Rich markup.
        snippet = Text("    " + " ".join(h.snippet.split()))
        snippet.highlight_regex(r"\[[^\[\]]+\]", "bold yellow")
        console.print(head)
        console.print(snippet)
