"""Situation reports: how long the seed and the bundled samples take to report, and how big it is.

    python benchmarks/report.py [--runs 3] [--work DIR]

Ingests ``src/eventledger/samples`` (and the seed article from ``../shared/samples/seed`` when it is
there) into a fresh SQLite ledger with the real pipeline, then, in this process: the first report
(outline layer decoded, matplotlib loaded), warm reports (read + charts, HTML, PDF, median of
``--runs``), the sizes, and the sections found in the PDF's text (pdftotext). Then the command line
end to end (``eventledger report --format html|pdf``, wall time including start-up).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from _common import ROOT

SECTIONS = ("Headline figures", "Map of events", "Timeline", "Most severe incidents", "Disputed figures",
            "Method note")
SEED = ROOT.parent / "shared" / "samples" / "seed" / "article.txt"


def cli(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "eventledger.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="report-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = f"sqlite:///{work / 'ledger.sqlite'}"
    inputs = [str(ROOT / "src" / "eventledger" / "samples")] + ([str(SEED)] if SEED.exists() else [])
    cli("ingest", *inputs, "--db", db, "--no-progress")

    from eventledger.report import Period, ReportBuilder, ReportRenderer, pdf_bytes
    from eventledger.settings import Settings
    from eventledger.store import Database

    database = Database.open(db)
    period = Period(date(2025, 1, 1), date(2026, 2, 28))
    builder, renderer = ReportBuilder(database, Settings.load()), ReportRenderer()
    started = time.perf_counter()
    builder.build(period)
    print(f"first report (outlines decoded, matplotlib loaded): {time.perf_counter() - started:.2f} s")
    builds, htmls, pdfs = [], [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        report = builder.build(period)
        t1 = time.perf_counter()
        html = renderer.html(report)
        t2 = time.perf_counter()
        pdf = pdf_bytes(html)
        t3 = time.perf_counter()
        builds.append(t1 - t0)
        htmls.append(t2 - t1)
        pdfs.append(t3 - t2)
    print(f"warm, median of {args.runs}: read + charts {statistics.median(builds):.2f} s "
          f"(read {report.timings['read_s'] * 1000:.0f} ms), HTML {statistics.median(htmls) * 1000:.0f} ms, "
          f"PDF {statistics.median(pdfs):.2f} s")
    print(f"incidents {report.total.current}, severe entries {len(report.severe)}, disputed entries "
          f"{len(report.disputed)}, places on the map {len(report.places)}")
    print(f"sizes: HTML {len(html.encode()) / 1024:.0f} KB (map PNG {len(report.map_png or b'') / 1024:.0f} KB, "
          f"timeline PNG {len(report.timeline_png or b'') / 1024:.0f} KB), PDF {len(pdf) / 1024:.0f} KB")
    (work / "report.pdf").write_bytes(pdf)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(work / "report.pdf"), "-"], capture_output=True, text=True,
                              check=True).stdout
        found = [s for s in SECTIONS if s in text]
        pages = subprocess.run(["pdfinfo", str(work / "report.pdf")], capture_output=True, text=True).stdout
        n_pages = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
        print(f"PDF: {n_pages} pages; sections found in its text: {len(found)}/{len(SECTIONS)} ({', '.join(found)})")
    database.close()
    span = ("--from", "2025-01-01", "--to", "2026-02-28", "--db", db)
    for fmt in ("html", "pdf"):
        took = [cli("report", *span, "--format", fmt, "-o", str(work / f"cli.{fmt}")) for _ in range(args.runs)]
        print(f"eventledger report --format {fmt}: {statistics.median(took):.2f} s wall (median of {args.runs})")


if __name__ == "__main__":
    main()
