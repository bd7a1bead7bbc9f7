"""``eventledger show``: a readable table of extracted events (Rich)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table


def _fatalities(ev: dict[str, Any]) -> str:
    fat = ev.get("fatalities") or {}
    claims = fat.get("claims") or []
    if not claims:
        return ""
    best = fat.get("best")
    text = "?" if best is None else str(best)
    if fat.get("low") is not None and fat.get("high") not in (None, fat.get("low")):
        text += f" ({fat['low']}–{fat['high']})"
    if fat.get("disputed"):
        text += " disputed"
    return text


def event_table(docs: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, show_lines=False, expand=True)
    for col in ("article", "date", "type / sub-type", "place", "actors", "killed", "bg"):
        table.add_column(col, overflow="fold")
    for doc in docs:
        art = doc.get("article", {})
        for ev in doc.get("events", []):
            d = ev.get("date") or {}
            loc = ev.get("location") or {}
            date_text = d.get("start") or "?"
            if d.get("end") and d.get("end") != d.get("start"):
                date_text += f"…{d['end']}"
            actors = ", ".join(f"{a['name']} ({a['role']})" for a in ev.get("actors", []))
            table.add_row(str(art.get("id")), f"{date_text} [{d.get('precision')}]",
                          f"{ev.get('event_type')} / {ev.get('sub_event_type')}",
                          f"{loc.get('name') or '?'} [{loc.get('geo_precision')}]", actors,
                          _fatalities(ev), "yes" if ev.get("background") else "")
    return table


def show(path: Path = typer.Argument(..., help="Output of 'eventledger extract --format jsonl'")) -> None:
    """Print the events in an extraction output file as a table."""
    docs: list[dict[str, Any]] = []
    text = path.read_text(encoding="utf-8")
    try:
        obj = json.loads(text)
        docs = obj if isinstance(obj, list) else [obj]
    except json.JSONDecodeError:
        docs = [json.loads(line) for line in text.splitlines() if line.strip()]
    console = Console()
    console.print(event_table(docs, f"{sum(len(d.get('events', [])) for d in docs)} events "
                                    f"from {len(docs)} articles"))
    console.print(f"JSON: {path.resolve()}")
