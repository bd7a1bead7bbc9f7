"""``eventledger extract``: articles in, the contract's JSON out (contract/README.md)."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from eventledger.errors import InputError
from eventledger.ingest import Overrides, read_inputs
from eventledger.ingest.readers import parse_published
from eventledger.settings import Settings


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


def extract(
    paths: list[str] = typer.Argument(..., metavar="PATH...",
                                      help=".txt (+ sidecar .json), .jsonl, or '-' for standard input"),
    fmt: OutputFormat = typer.Option(OutputFormat.json, "--format", "-f",
                                     help="json: one document (an array for several articles); "
                                          "jsonl: one document per line, in input order"),
    published: str | None = typer.Option(None, "--published", help="Publish date YYYY-MM-DD (overrides sidecars)"),
    source: str | None = typer.Option(None, "--source", help="Source/outlet name (overrides sidecars)"),
    config: Path | None = typer.Option(None, "--config", help="Settings file (TOML)"),
) -> None:
    """Extract coded, evidenced events from news articles and print them as JSON."""
    from eventledger.extract import Extractor  # heavy import: only when extracting

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        pub: date | None = parse_published(published, source="--published")
    except InputError as exc:
        err.print(f"[red]error:[/red] {escape(exc.message)}")
        raise typer.Exit(2) from None
    settings = Settings.load(config_file=config)
    overrides = Overrides(published=pub, source=source)
    extractor = Extractor(settings)
    failures = 0
    collected: list[dict[str, object]] = []
    out = sys.stdout
    for item in extractor.extract_stream(read_inputs(paths, overrides, settings.max_text_chars)):
        if isinstance(item, InputError):
            failures += 1
            err.print(f"[red]error:[/red] {escape(item.one_line())}")
            continue
        if fmt is OutputFormat.jsonl:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            out.flush()
        else:
            collected.append(item)
    if fmt is OutputFormat.json and collected:
        doc: object = collected[0] if len(collected) == 1 else collected
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    if failures:
        raise typer.Exit(1)
