"""Ingest throughput and peak memory into SQLite and PostgreSQL.

    python benchmarks/ingest.py [--sizes 2500 10000] [--pg URL] [--skip-pg]

Input: the GTD 2021 H1 development summaries (``score_gtd.py make-input``), repeated with distinct
ids and a slightly varied text (so none is a duplicate) up to each size. Each run is the real
``eventledger ingest`` command in a fresh process on a fresh database; its wall time and peak RSS
(``wait4``) are reported. Peak RSS should not grow with corpus size: the ingest streams.
Without ``--pg`` a throw-away PostgreSQL cluster (durable settings: fsync on) is started as the
tests do. Then, for the write step alone, already extracted documents are written in-process.
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 10000])
    ap.add_argument("--pg", help="PostgreSQL server URL (a fresh database is created in it per run)")
    ap.add_argument("--skip-pg", action="store_true")
    args = ap.parse_args()
    rows = gtd_texts()
    words = sum(len(r["text"].split()) for r in rows) / len(rows)
    print(f"GTD dev summaries: {len(rows)} rows, {words:.0f} words/article on average")
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
