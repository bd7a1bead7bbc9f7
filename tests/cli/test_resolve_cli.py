"""``eventledger ingest --workers 2`` (Dask) then ``eventledger resolve [--rebuild]`` through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventledger.store import Database, schema
from tests.resolve.pairset import load_articles
from tests.store.consistency import ledger_problems

pytestmark = pytest.mark.slow


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventledger.cli", *args], capture_output=True, text=True,
                          check=False, timeout=600)


def test_ingest_on_dask_resolves_and_resolve_rebuilds(tmp_path: Path) -> None:
    corpus = tmp_path / "reports.jsonl"
    wanted = {"p01a", "p01b", "n01", "p03a", "p03b", "n03"}
    with corpus.open("w", encoding="utf-8") as f:
        for a in load_articles():
            if a.id in wanted:
                f.write(json.dumps({"id": a.id, "text": a.text, "published": str(a.published), "source": a.source})
                        + "\n")
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    first = run("ingest", str(corpus), "--db", db, "--no-progress", "--workers", "2")
    assert first.returncode == 0, first.stderr
    assert "new 6" in first.stderr and "resolve:" in first.stderr, first.stderr
    again = run("ingest", str(corpus), "--db", db, "--no-progress", "--workers", "2")
    assert "duplicate 6" in again.stderr and "0 events resolved" in again.stderr, again.stderr
    rebuilt = run("resolve", "--db", db, "--rebuild")
    assert rebuilt.returncode == 0 and "events resolved" in rebuilt.stderr, rebuilt.stderr
    database = Database.open(db)
    try:
        assert ledger_problems(database) == []
        with database.read() as conn:
            unresolved = conn.scalar(select(func.count()).select_from(schema.events)
                                     .where(schema.events.c.incident_id.is_(None)))
        assert unresolved == 0
    finally:
        database.close()
