"""SIGKILL mid-ingest: no partial article, and a rerun finishes the job without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventledger.store import Database
from eventledger.store import schema as s
from tests.store.consistency import ledger_problems
from tests.store.factories import TEXT

ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES = 300


def write_articles(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"crash-{i}", "text": f"{TEXT} Report number {i}.",
                                "url": f"https://news.example/crash/{i}", "published": "2025-04-08"}) + "\n")


def count_articles(url: str) -> int:
    db = Database.open(url)
    try:
        with db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(s.articles)).scalar_one())
    finally:
        db.close()


def start(url: str, path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.store.crash_worker", url, str(path)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_when_some_are_stored(proc: subprocess.Popen[bytes], url: str, at_least: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        stored = count_articles(url)
        if stored >= at_least:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"the ingest ended before it could be killed: {proc.stderr.read() if proc.stderr else b''!r}")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return stored


def test_sigkill_mid_ingest_then_rerun(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    write_articles(path, N_ARTICLES)
    Database.open(db_url).close()  # schema first, so the polling below can count
    seen = []
    for target in (40, 120):  # two crashes at different points
        seen.append(kill_when_some_are_stored(start(db_url, path), db_url, target))
        db = Database.open(db_url)
        try:
            assert ledger_problems(db) == []
        finally:
            db.close()
    after_crashes = count_articles(db_url)
    assert 0 < after_crashes < N_ARTICLES, seen
    proc = start(db_url, path)
    assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    db = Database.open(db_url)
    try:
        assert ledger_problems(db) == []
    finally:
        db.close()
    assert count_articles(db_url) == N_ARTICLES
    # And once more: nothing new.
    proc = start(db_url, path)
    assert proc.wait(timeout=120) == 0
    assert count_articles(db_url) == N_ARTICLES
