"""``eventledger watchlist``, ``watch --once`` (real NLP, a local feed and webhook receiver) and ``sources``,
through the command line: a second run (a restart) ingests and delivers nothing again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.watch.doubles import article_page, report_text, rss
from tests.watch.server import LocalServer, serving

pytestmark = pytest.mark.slow


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EVENTLEDGER_DATA_DIR": str(tmp_path), "EVENTLEDGER_WATCH_HOST_INTERVAL_S": "0",
           "EVENTLEDGER_ALERT_BASE_URL": "https://ledger.example", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "eventledger.cli", *args, "--db", str(tmp_path / "l.sqlite")],
                          capture_output=True, text=True, check=False, timeout=600, env=env)


def _publish(server: LocalServer) -> None:
    items = []
    for n, place in ((1, "Gwoza"), (2, "Bama")):
        server.set(f"/news/{n}.html", article_page(f"Attack in {place}", report_text(n, place)))
        items.append({"guid": f"urn:cli:{n}", "link": server.url(f"/news/{n}.html"), "title": f"Attack in {place}",
                      "pubDate": "Tue, 03 Mar 2026 09:00:00 GMT"})
    server.set("/feed.xml", rss("Desk", items), "application/rss+xml", etag='"1"')


def test_watchlist_watch_once_and_sources(tmp_path: Path) -> None:
    with serving() as server:
        _publish(server)
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "desk"\nurl = "{server.url("/feed.xml")}"\ninterval = "10m"\n')
        added = run(tmp_path, "watchlist", "add", "all events", "--webhook", server.url("/hook"), "--atom")
        assert added.returncode == 0, added.stderr
        assert "secret" in added.stdout and "feed.atom?token=" in added.stdout

        first = run(tmp_path, "watch", "--once", "--sources", str(sources))
        assert first.returncode == 0, first.stderr
        assert "desk: ok · new 2" in first.stderr, first.stderr
        posts = [r for r in server.requests if r.method == "POST"]
        assert posts, "no webhook delivery"
        delivered = {json.loads(p.body)["event"]["id"] for p in posts}
        assert len(delivered) == len(posts)

        again = run(tmp_path, "watch", "--once", "--sources", str(sources))
        assert "polled 0 of 1" in again.stderr, again.stderr
        assert len([r for r in server.requests if r.method == "POST"]) == len(posts)

        health = run(tmp_path, "sources", "--sources", str(sources))
        assert health.returncode == 0, health.stderr
        assert "desk" in health.stdout and "ok" in health.stdout and "0 (0 in all)" in health.stdout

        shown = run(tmp_path, "watchlist", "show", "all events")
        assert f"delivered {len(posts)}" in shown.stdout, shown.stdout
        listed = run(tmp_path, "watchlist", "list")
        assert "all events" in listed.stdout
        removed = run(tmp_path, "watchlist", "remove", "all events")
        assert removed.returncode == 0 and "removed" in removed.stdout
        missing = run(tmp_path, "watchlist", "show", "all events")
        assert missing.returncode == 2 and "no watch list" in missing.stderr
