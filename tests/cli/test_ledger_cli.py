"""End-to-end: ``eventledger ingest|stats|search|export|db`` through the real command line and NLP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

from eventledger.store import Database
from tests.store.consistency import ledger_problems

pytestmark = pytest.mark.slow

REPORTS = [
    ("kaduna", "KADUNA, Nigeria, May 12, 2025 (Reuters) - Gunmen killed seven villagers and kidnapped 20 others in an "
               "overnight raid on Kauru district in Nigeria's Kaduna state, police said on Monday.\n"),
    ("goma", "GOMA, Congo, Jan 27, 2025 (AFP) - M23 rebels clashed with Congolese soldiers on the outskirts of Goma on "
             "Sunday, and at least 13 peacekeepers were killed in the fighting, the United Nations said.\n"),
    ("lahore", "LAHORE, Pakistan, Aug 4, 2024 (APP) - Police arrested 35 protesters after a rally outside the Punjab "
               "assembly in Lahore turned violent on Saturday, officials said.\n"),
]


def run(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventledger.cli", *args], capture_output=True, text=True,
                          check=False, timeout=timeout)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    (d / "wire").mkdir(parents=True)
    for name, body in REPORTS:
        (d / "wire" / f"{name}.txt").write_text(body, encoding="utf-8")
        (d / "wire" / f"{name}.json").write_text(json.dumps({"url": f"https://wire.example/{name}"}))
    (d / "broken.jsonl").write_text('{"id": "ok", "text": "Soldiers shelled a village near Kidal on Friday, killing '
                                    'four civilians, residents said.", "published": "2025-02-14"}\n{oops\n')
    return d


def test_ingest_twice_then_stats_search_export(db_url: str, folder: Path, tmp_path: Path) -> None:
    first = run("ingest", str(folder), "--db", db_url, "--no-progress")
    assert first.returncode == 1, first.stderr  # one malformed line fails
    assert "read 5 · new 4" in first.stderr and "broken.jsonl:2" in first.stderr and "failed 1" in first.stderr
    second = run("ingest", str(folder), "--db", db_url, "--no-progress", "--workers", "2")
    assert "read 5 · new 0 (0 events) · duplicate 4" in second.stderr, second.stderr

    stats = json.loads(run("stats", "--db", db_url, "--json").stdout)
    assert stats["totals"]["articles"] == 4 and stats["totals"]["events"] >= 3

    hits = json.loads(run("search", "peacekeepers killed", "--db", db_url, "--json").stdout)
    assert any(h["kind"] == "article" and "[peacekeepers]" in h["snippet"] for h in hits)

    csv_path = tmp_path / "out.csv"
    res = run("export", "--format", "acled-csv", "--output", str(csv_path), "--db", db_url)
    assert res.returncode == 0, res.stderr
    frame = pd.read_csv(csv_path)
    assert len(frame.columns) == 31 and len(frame) == stats["totals"]["events"]
    for fmt, name in (("geojson", "o.geojson"), ("jsonl", "o.jsonl"), ("parquet", "o.parquet")):
        res = run("export", "-f", fmt, "-o", str(tmp_path / name), "--db", db_url, "--from", "2024-01-01")
        assert res.returncode == 0 and (tmp_path / name).stat().st_size > 0, res.stderr
    res = run("export", "-f", "jsonl", "--db", db_url, "--status", "approved")
    assert res.returncode == 2 and "unknown status" in res.stderr


def test_db_upgrade_and_bad_urls(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    res = run("db", "upgrade", "--db", url)
    assert res.returncode == 0 and "at revision" in res.stderr
    assert "up to date" in run("db", "current", "--db", url).stdout
    res = run("stats", "--db", "mysql://nobody@localhost/x")
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "error:" in res.stderr
    res = run("stats", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1


def test_sigkill_during_cli_ingest_then_rerun(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    n = 200
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"k{i}", "published": "2025-03-01",
                                "text": f"Militants attacked a police post in district {i} on Friday, killing "
                                        f"{i % 9 + 2} officers, officials said. Report {i}."}) + "\n")
    run("db", "upgrade", "--db", db_url)
    proc = subprocess.Popen([sys.executable, "-m", "eventledger.cli", "ingest", str(path), "--db", db_url,
                             "--batch-size", "5", "--no-progress"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=os.environ.copy())
    db = Database.open(db_url)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            with db.engine.connect() as conn:
                if conn.execute(text("SELECT count(*) FROM articles")).scalar_one() >= 20:
                    break
            time.sleep(0.1)
        assert proc.poll() is None, "ingest ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert ledger_problems(db) == []
        res = run("ingest", str(path), "--db", db_url, "--no-progress")
        assert res.returncode == 0, res.stderr
        assert ledger_problems(db) == []
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == n
    finally:
        db.close()
