"""Ingest throughput and peak memory into SQLite and PostgreSQL, and the Dask speed-up.

    python benchmarks/ingest.py [--sizes 2500 10000] [--pg URL] [--skip-pg] [--dask 2000] [--dask-only]

Input: the GTD 2021 H1 development summaries (``score_gtd.py make-input``), repeated with distinct
ids and a slightly varied text (so none is a duplicate) up to each size. Each run is the real
``eventledger ingest`` command in a fresh process on a fresh database; its wall time and peak RSS
(``wait4``) are reported. Peak RSS should not grow with corpus size: the ingest streams.
Without ``--pg`` a throw-away PostgreSQL cluster (durable settings: fsync on) is started as the
tests do. Then, for the write step alone, already extracted documents are written in-process.
``--dask N`` then ingests N GTD summaries into fresh SQLite ledgers with extraction on a Dask
``LocalCluster`` of one and of two worker processes, in this run: cluster start (each worker loads
the pipeline once), steady extraction+write rate, speed-up, and peak memory of the whole process
tree (main process, scheduler and workers, sampled).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, eval_dir

sys.path.insert(0, str(ROOT))


def gtd_texts() -> list[dict[str, Any]]:
    ev = eval_dir()
    out = subprocess.run([sys.executable, str(ev / "score_gtd.py"), "make-input",
                          str(ev / "gtd" / "gtd_2021h1_dev.csv")], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def write_corpus(rows: list[dict[str, Any]], n: int, path: Path) -> None:
    """``n`` articles: the rows over and over, each copy with its own id and a varied last line."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            row, copy = rows[i % len(rows)], i // len(rows)
            text = row["text"] if copy == 0 else f"{row['text']}\n(Update {copy}: report reissued.)"
            f.write(json.dumps({"id": f"{row['id']}-{copy}", "text": text}) + "\n")


def run_ingest(corpus: Path, url: str) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MiB, and the summary line of one ``eventledger ingest`` run."""
    cmd = [sys.executable, "-m", "eventledger.cli", "ingest", str(corpus), "--db", url, "--no-progress"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    summary = next((line for line in stderr.splitlines() if line.startswith("read ")), stderr.strip()[-300:])
    return elapsed, usage.ru_maxrss // 1024, summary


def writer_only(docs: list[dict[str, Any]], url: str) -> float:
    from eventledger.store import Database, DocumentWriter

    db = Database.open(url)
    writer = DocumentWriter(db)
    start = time.perf_counter()
    for i in range(0, len(docs), 50):
        writer.write_batch(docs[i:i + 50])
    elapsed = time.perf_counter() - start
    db.close()
    return len(docs) / elapsed


def extracted_docs(rows: list[dict[str, Any]], n: int) -> tuple[list[dict[str, Any]], float]:
    from eventledger.extract import Extractor
    from eventledger.ingest import Article
    from eventledger.store import stored_document

    articles = [Article(id=str(r["id"]), text=r["text"]) for r in rows[:n]]
    extractor = Extractor()
    start = time.perf_counter()
    docs = [stored_document(a, d) for a, d in zip(articles, extractor.extract_stream(articles), strict=True)
            if isinstance(d, dict)]
    return docs, len(articles) / (time.perf_counter() - start)


class TreeMemory:
    """Peak resident memory of this process and all its descendants together, and the CPU seconds
    they used, sampled (a worker's last sample counts after it exits)."""

    def __init__(self, interval: float = 0.2) -> None:
        import threading

        self.interval = interval
        self.peak = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                    times = proc.cpu_times()
                    self._cpu[proc.pid] = times.user + times.system
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def dask_run(rows: list[dict[str, Any]], n: int, workers: int, work: Path) -> tuple[float, float, int, float]:
    """(seconds to start the cluster and load the pipelines, articles/s after that, peak MiB of the tree,
    CPU cores the tree had on average): on a shared machine the last tells whether the run was starved."""
    from eventledger.bulk import PipelinedIngest, dask_pool
    from eventledger.ingest import Article
    from eventledger.settings import Settings
    from eventledger.store import Database, DocumentWriter

    settings = Settings.load()
    articles = [Article(id=f"{r['id']}-{i // len(rows)}", text=r["text"] if i < len(rows) else
                        f"{r['text']}\n(Update {i // len(rows)}: report reissued.)")
                for i, r in ((i, rows[i % len(rows)]) for i in range(n))]
    db = Database.open(f"sqlite:///{work / f'dask-{workers}-{time.monotonic_ns()}.sqlite'}")
    with TreeMemory() as memory:
        cpu_start = memory.cpu_seconds
        start = time.perf_counter()
        with dask_pool(settings, workers=workers) as pool:
            ready = time.perf_counter()
            run = PipelinedIngest(DocumentWriter(db), pool, settings.bulk_batch_size,
                                  per_worker=settings.bulk_in_flight)
            summary = run.run(articles)
            done = time.perf_counter()
    db.close()
    if summary.failed or summary.new + summary.duplicate != n:
        print(f"  warning: {summary.new} new, {summary.duplicate} duplicate, {summary.failed} failed of {n}")
    cores = (memory.cpu_seconds - cpu_start) / (done - start)
    return ready - start, n / (done - ready), memory.peak // (1024 * 1024), cores


def _spin(n: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i % 7
    return time.perf_counter() - start


def machine_ceiling(n: int = 20_000_000) -> float:
    """How much faster two processes finish two units of pure-Python work than one process one unit,
    right now: the most any 2-worker run can gain on this (possibly shared) machine."""
    import multiprocessing

    one = _spin(n)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_spin, [n, n])
        two = time.perf_counter() - start
    return 2 * one / two


def dask_part(rows: list[dict[str, Any]], n: int, work: Path) -> None:
    print(f"Dask LocalCluster, {n} GTD summaries into SQLite (extraction on workers, writes in the main process):")
    print(f"{'workers':>7} {'start s':>8} {'articles/s':>10} {'wall s':>7} {'peak MiB (all processes)':>24} "
          f"{'CPU cores used':>14} {'articles/CPU-s':>14} {'load avg':>8}")
    results = {}
    ceiling = machine_ceiling()
    for workers in (1, 2):
        startup, rate, peak, cores = dask_run(rows, n, workers, work)
        wall = startup + n / rate
        results[workers] = (startup, rate, n / (cores * wall))
        print(f"{workers:7d} {startup:8.1f} {rate:10.1f} {wall:7.1f} {peak:24d} {cores:14.2f} "
              f"{n / (cores * wall):14.1f} {os.getloadavg()[0]:8.2f}", flush=True)
    (s1, r1, e1), (s2, r2, e2) = results[1], results[2]
    print(f"speed-up 2 vs 1 workers: {r2 / r1:.2f}x steady, {(s1 + n / r1) / (s2 + n / r2):.2f}x wall "
          f"(cluster start and pipeline load included); work per CPU-second with 2 workers is "
          f"{100 * e2 / e1:.0f} % of 1 worker's (on a shared machine the cores the runs got differ)")
    print(f"machine ceiling (2 processes of pure Python vs 1, measured before and after): {ceiling:.2f}x, "
          f"{machine_ceiling():.2f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 10000])
    ap.add_argument("--pg", help="PostgreSQL server URL (a fresh database is created in it per run)")
    ap.add_argument("--skip-pg", action="store_true")
    ap.add_argument("--dask", type=int, default=2000, help="articles for the Dask 1-vs-2 workers run (0: skip)")
    ap.add_argument("--dask-only", action="store_true", help="only the Dask run")
    args = ap.parse_args()
    rows = gtd_texts()
    words = sum(len(r["text"].split()) for r in rows) / len(rows)
    print(f"GTD dev summaries: {len(rows)} rows, {words:.0f} words/article on average")
    if args.dask_only:
        dask_part(rows, args.dask, Path(tempfile.mkdtemp(prefix="eventledger-bench-")))
        return 0
    cluster = None
    if not args.skip_pg and not args.pg:
        from tests.pg_cluster import start_cluster

        cluster = start_cluster(durable=True)
    work = Path(tempfile.mkdtemp(prefix="eventledger-bench-"))
    try:
        backends = ["sqlite"] + ([] if args.skip_pg else ["postgresql"])
        print(f"{'backend':11} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'peak RSS MiB':>12}  summary")
        for n in args.sizes:
            corpus = work / f"corpus-{n}.jsonl"
            write_corpus(rows, n, corpus)
            for backend in backends:
                url = _fresh_url(backend, work, n, cluster, args.pg)
                secs, rss, summary = run_ingest(corpus, url)
                print(f"{backend:11} {n:8d} {secs:8.1f} {n / secs:10.1f} {rss:12d}  {summary}", flush=True)
        docs, extract_rate = extracted_docs(rows, min(len(rows), 2500))
        print(f"extraction alone (in-process, {len(docs)} articles): {extract_rate:.1f} articles/s")
        for backend in backends:
            url = _fresh_url(backend, work, -1, cluster, args.pg)
            print(f"write step alone into {backend}: {writer_only(docs, url):.0f} articles/s")
        if args.dask:
            dask_part(rows, args.dask, work)
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


def _fresh_url(backend: str, work: Path, n: int, cluster: Any, pg: str | None) -> str:
    if backend == "sqlite":
        return f"sqlite:///{work / f'ledger-{n}-{time.monotonic_ns()}.sqlite'}"
    name = f"bench_{n if n >= 0 else 'w'}_{time.monotonic_ns()}"
    if cluster is not None:
        return str(cluster.create_database(name))
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(str(pg)).set(drivername="postgresql")
    with psycopg.connect(base.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(str(pg)).set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    sys.exit(main())
