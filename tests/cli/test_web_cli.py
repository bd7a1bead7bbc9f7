"""``eventledger user`` and ``eventledger serve`` through the real command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.pg_cluster import free_port


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventledger.cli", *args], capture_output=True, text=True,
                          check=False, timeout=120, env=env)


def test_user_add_list_and_duplicate(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    added = run("user", "add", "ana", "--role", "editor", "--db", db)
    assert added.returncode == 0, added.stderr
    assert re.search(r"password: \S{12,}", added.stdout)
    listed = run("user", "list", "--db", db)
    assert "ana\teditor\tactive" in listed.stdout
    again = run("user", "add", "ana", "--db", db)
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = run("user", "add", "bob", "--role", "superuser", "--db", db)
    assert bad.returncode == 2 and "unknown role" in bad.stderr


def test_serve_creates_the_first_admin_once(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    env = {**os.environ, "EVENTLEDGER_DATA_DIR": str(tmp_path)}
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "eventledger.cli", "serve", "--db", db, "--port", str(port)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=5).status_code == 401
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}" in err
    password = re.search(r"one-time password (\S+)", err)
    assert password, err
    listed = run("user", "list", "--db", db)
    assert "admin\tadmin\tactive" in listed.stdout
    assert (tmp_path / "web-secret.key").stat().st_mode & 0o077 == 0  # the session key is private
