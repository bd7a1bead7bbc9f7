"""Web app load test: /api/events and the overview page with 10,000 events stored.

    python benchmarks/load.py [--events 10000] [--rate 200] [--seconds 10] [--pg URL]

Synthetic contract documents (four events per article: varied types, dates, places, actors,
claims and evidence) are written through the store's ``DocumentWriter`` (no NLP). The app runs as
``eventledger serve`` in its own process (one uvicorn worker). The client is Debian's ``wrk`` when
installed (``apt-get install wrk``; a C client leaves the CPU to the server), else an httpx client
in this process. Each target is driven at about ``--rate`` requests/s for ``--seconds``, then
closed-loop with 8 connections for the peak rate. The server's CPU time per request is reported
too: on a machine shared with other work it is the steadier figure. Requests
authenticate with an API token (reading is login-only by default). Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from _common import ROOT

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Violence against civilians", "Abduction/forced disappearance"), ("Protests", "Peaceful protest"),
         ("Riots", "Mob violence"), ("Strategic developments", "Arrests")]
PLACES = [("Quetta", 30.18, 67.0, "PK", "Balochistan"), ("Turbat", 26.0, 63.05, "PK", "Balochistan"),
          ("Bannu", 32.99, 70.6, "PK", "Khyber Pakhtunkhwa"), ("Maiduguri", 11.85, 13.16, "NG", "Borno"),
          ("Goma", -1.68, 29.23, "CD", "North Kivu"), ("Mopti", 14.49, -4.2, "ML", "Mopti"),
          ("Kharkiv", 49.99, 36.23, "UA", "Kharkiv"), ("Khartoum", 15.5, 32.56, "SD", "Khartoum")]
ACTORS = [("Baloch Liberation Army", "rebel_group"), ("Military Forces of Pakistan", "state_forces"),
          ("Islamic State West Africa Province", "rebel_group"), ("M23", "rebel_group"),
          ("Police Forces of Nigeria", "state_forces"), ("Rapid Support Forces", "rebel_group")]


def _span(text: str, needle: str) -> dict[str, int]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle)}


def synthetic_document(n: int, rng: random.Random, per_article: int = 4) -> dict[str, Any]:
    from eventledger.ingest.article import content_hash

    sentences, events = [], []
    day0 = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    for k in range(per_article):
        event_type, sub_type = rng.choice(TYPES)
        place, lat, lon, cc, admin1 = rng.choice(PLACES)
        actor, kind = rng.choice(ACTORS)
        killed = rng.choice([None, 0, 1, 3, 12, 40])
        sentence = (f"In report {n}-{k}, {actor} were involved in an incident near {place} in {admin1}"
                    + (f", where {killed} people were killed, officials said." if killed is not None else "."))
        sentences.append(sentence)
        events.append((sentence, event_type, sub_type, place, lat, lon, cc, admin1, actor, kind, killed,
                       day0 - timedelta(days=k)))
    text = " ".join(sentences)
    out = []
    for sentence, event_type, sub_type, place, lat, lon, cc, admin1, actor, kind, killed, day in events:
        claims = [] if killed is None else [{"value_low": killed, "value_high": None, "value_text": str(killed),
                                             "claimant": "officials", "about": "people",
                                             "evidence": _span(text, f"{killed} people")}]
        out.append({"event_type": event_type, "sub_event_type": sub_type, "tags": [],
                    "date": {"start": day.isoformat(), "end": day.isoformat(), "precision": "day"},
                    "location": {"name": place, "lat": lat + rng.uniform(-0.3, 0.3),
                                 "lon": lon + rng.uniform(-0.3, 0.3),
                                 "country_code": cc, "admin1": admin1, "admin2": None, "geo_precision": "point",
                                 "geonameid": None, "evidence": _span(text, place)},
                    "actors": [{"name": actor, "role": "actor1", "kind": kind, "evidence": _span(text, actor)}],
                    "fatalities": {"best": killed, "low": killed, "high": killed, "disputed": False, "claims": claims},
                    "injuries": {"best": None, "low": None, "high": None, "disputed": False, "claims": []},
                    "evidence": [{**_span(text, sentence), "text": sentence, "supports": "trigger"}],
                    "reported_by": {"source": "Synthetic Wire", "via": None, "kind": "report"},
                    "background": False, "confidence": round(rng.uniform(0.4, 0.95), 2)})
    return {"article": {"id": f"synthetic-{n}", "published": day0.isoformat(), "source": "Synthetic Wire",
                        "title": f"Synthetic report {n}", "url": f"https://synthetic.invalid/{n}", "text": text,
                        "content_hash": content_hash(text), "anchor_date": day0.isoformat()},
            "events": out, "places": []}


def fill(db_url: str, n_events: int) -> str:
    """Write the documents; return a fresh API token of a viewer."""
    from eventledger.store import Database, DocumentWriter
    from eventledger.web.accounts import Accounts
    from eventledger.web.audit import Actor
    from eventledger.web.passwords import Passwords

    db = Database.open(db_url)
    writer = DocumentWriter(db)
    rng = random.Random(7)
    start = time.perf_counter()
    batch: list[dict[str, Any]] = []
    for n in range(n_events // 4):
        batch.append(synthetic_document(n, rng))
        if len(batch) == 250:
            writer.write_batch(batch)
            batch = []
    writer.write_batch(batch)
    print(f"stored {n_events} events in {time.perf_counter() - start:.1f} s", flush=True)
    accounts = Accounts(db, Passwords())
    user, _ = accounts.add_user("loadtest", "viewer", None, Actor("benchmarks/load.py"))
    token = accounts.create_token(user.id, "load test", Actor("benchmarks/load.py"))
    db.close()
    return token


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db_url: str, port: int, data_dir: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {**os.environ, "EVENTLEDGER_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "eventledger.cli", "serve", "--db", db_url, "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children so far (Linux /proc; workers are
    children): the server's cost per request, which a busy machine changes less than latency."""
    total = 0.0
    for proc in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found] + [g for c in found for g in _children(int(c))]


async def open_loop(client: httpx.AsyncClient, path: str, rate: float, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0

    async def one() -> None:
        nonlocal errors
        t = time.perf_counter()
        try:
            response = await client.get(path)
            if response.status_code != 200:
                errors += 1
        except httpx.HTTPError:
            errors += 1
        latencies.append(time.perf_counter() - t)

    total = int(rate * seconds)
    start = time.perf_counter()
    tasks = []
    for i in range(total):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one()))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    return {"requests": total, "achieved_rps": total / elapsed, "errors": errors,
            "p50_ms": 1000 * _percentile(latencies, 0.50), "p99_ms": 1000 * _percentile(latencies, 0.99),
            "max_ms": 1000 * max(latencies)}


async def closed_loop(client: httpx.AsyncClient, path: str, concurrency: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < stop:
            t = time.perf_counter()
            await client.get(path)
            latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return {"peak_rps": len(latencies) / (time.perf_counter() - start),
            "p99_ms": 1000 * _percentile(latencies, 0.99)}


async def drive(base: str, token: str, paths: list[str], rate: float, seconds: float, pid: int) -> None:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, limits=limits,
                                 timeout=30) as client:
        for path in paths:
            for _ in range(20):  # warm up
                await client.get(path)
            cpu = cpu_seconds(pid)
            held = await open_loop(client, path, rate, seconds)
            cpu_ms = 1000 * (cpu_seconds(pid) - cpu) / held["requests"]
            peak = await closed_loop(client, path, 8, min(seconds, 5))
            print(f"{path:45s} offered {rate:.0f}/s: achieved {held['achieved_rps']:.0f}/s, "
                  f"p50 {held['p50_ms']:.1f} ms, p99 {held['p99_ms']:.1f} ms, max {held['max_ms']:.0f} ms, "
                  f"errors {held['errors']:.0f}, server CPU {cpu_ms:.2f} ms/request | peak {peak['peak_rps']:.0f}/s "
                  f"(8 connections, p99 {peak['p99_ms']:.1f} ms)", flush=True)


WRK_SCRIPT = """
wrk.headers["Authorization"] = "Bearer %(token)s"
function delay() return %(delay_ms)d end
"""


def run_wrk(url: str, token: str, rate: float, seconds: float, connections: int, pid: int) -> dict[str, Any]:
    """Debian's wrk (C, so the client costs little CPU): ``connections`` connections, each pausing
    ``connections / rate`` s between requests, which offers about ``rate`` requests/s while the
    server keeps up (latency is measured without the pause)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        # 5 % above the target: each connection's cycle is its pause plus the request's own latency.
        script.write(WRK_SCRIPT % {"token": token, "delay_ms": int(1000 * connections / (rate * 1.05)) if rate else 0})
    cpu = cpu_seconds(pid)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "-s", script.name, url],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    cpu_ms = 1000 * (cpu_seconds(pid) - cpu) / max(requests, 1)

    def ms(label: str) -> float:
        found = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
            "p50_ms": ms("50%"), "p99_ms": ms("99%"), "errors": int(errors.group(1)) if errors else 0,
            "cpu_ms": cpu_ms}


def drive_wrk(base: str, token: str, paths: list[str], rate: float, seconds: float, pid: int) -> None:
    for path in paths:
        run_wrk(base + path, token, 0, 2, 4, pid)  # warm up
        held = run_wrk(base + path, token, rate, seconds, max(4, int(rate / 5)), pid)
        peak = run_wrk(base + path, token, 0, min(seconds, 5), 8, pid)
        print(f"{path:45s} paced at ~{rate:.0f}/s: achieved {held['rps']:.0f}/s, p50 {held['p50_ms']:.1f} ms, "
              f"p99 {held['p99_ms']:.1f} ms, errors {held['errors']}, server CPU {held['cpu_ms']:.2f} ms/request | "
              f"peak {peak['rps']:.0f}/s (8 connections, p99 {peak['p99_ms']:.1f} ms)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--pg", help="PostgreSQL URL of an empty database (default: a SQLite file)")
    parser.add_argument("--python-client", action="store_true", help="use the httpx client even when wrk is there")
    parser.add_argument("--workers", type=int, default=1, help="eventledger serve --workers")
    parser.add_argument("--paths", nargs="*", help="only these paths")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="eventledger-load-") as tmp:
        db_url = args.pg or f"sqlite:///{Path(tmp) / 'ledger.sqlite'}"
        token = fill(db_url, args.events)
        port = free_port()
        server = start_server(db_url, port, Path(tmp), args.workers)
        try:
            paths = args.paths or ["/api/events", "/api/events?type=Battles&from=2025-01-01&place=Quetta", "/",
                                   "/api/map", "/api/timeline", "/events"]
            print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
                  f"{args.workers} server worker(s)", flush=True)
            base = f"http://127.0.0.1:{port}"
            if shutil.which("wrk") and not args.python_client:
                print("client: wrk (Debian)", flush=True)
                drive_wrk(base, token, paths, args.rate, args.seconds, server.pid)
            else:
                print("client: httpx (asyncio) in this process; it costs CPU too: apt-get install wrk", flush=True)
                asyncio.run(drive(base, token, paths, args.rate, args.seconds, server.pid))
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
