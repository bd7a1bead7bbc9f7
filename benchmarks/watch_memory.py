"""The watcher's memory over a long simulated run: does anything grow per item?

    python benchmarks/watch_memory.py [--hours 8] [--frames 25] [--top 20] [--out build/watch-memory.json]

The same newsroom as tests/watch/test_simulated_run.py (20 feeds, a report per feed every ten
simulated minutes, the two-hour fault schedule repeated, a watcher restart every two hours) against
the local test server, on the injectable clock. Every simulated hour: traced Python memory
(tracemalloc, without lazily imported module code and the simulation's own fixtures), RSS, items
ingested so far, and the fill of the third-party LRU caches the page extraction uses. At the end,
the top allocation differences between the end of hour 2 and the last hour, grouped by
filename:lineno and by traceback: what grows in steady state.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import logging
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from _common import ROOT

sys.path.insert(0, str(ROOT))

from tests.watch.server import serving
from tests.watch.simulation import Simulation, not_the_watcher, simulation_settings

from eventledger.store import Database

# Module-level LRU caches the page extraction fills (module, function): bounded or not, and how full.
LIBRARY_CACHES = (("htmldate.validators", "filter_ymd_candidate"), ("htmldate.validators", "is_valid_date"),
                  ("htmldate.extractors", "try_date_expr"), ("htmldate.extractors", "get_external_parser"),
                  ("htmldate.extractors", "month_words"), ("trafilatura.utils", "line_processing"),
                  ("trafilatura.utils", "return_printables_and_spaces"), ("trafilatura.utils", "trim"),
                  ("trafilatura.deduplication", "_vector_to_add"), ("courlan.filters", "lang_filter"),
                  ("justext.core", "get_stoplist"))


def rss_kib() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1024


def cache_fill() -> dict[str, str]:
    out: dict[str, str] = {}
    for module_name, name in LIBRARY_CACHES:
        try:
            info = getattr(importlib.import_module(module_name), name).cache_info()
        except (ImportError, AttributeError):
            continue
        out[f"{module_name}.{name}"] = f"{info.currsize}/{info.maxsize if info.maxsize is not None else '∞'}"
    return out


def top_diffs(new: tracemalloc.Snapshot, old: tracemalloc.Snapshot, key: str, n: int) -> list[dict[str, Any]]:
    out = []
    for stat in new.compare_to(old, key)[:n]:
        frames = [f"{f.filename.replace(str(ROOT) + '/', '')}:{f.lineno}" for f in stat.traceback]
        out.append({"kib": round(stat.size_diff / 1024, 1), "blocks": stat.count_diff,
                    "where": frames[0] if key == "lineno" else frames[-8:]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hours", type=int, default=8)
    ap.add_argument("--frames", type=int, default=25, help="traceback depth kept by tracemalloc")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "watch-memory.json")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    hourly: list[dict[str, Any]] = []
    snapshots: dict[int, tracemalloc.Snapshot] = {}
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, serving() as server:
        ledger = Database.open(f"sqlite:///{Path(tmp) / 'ledger.sqlite'}")
        tracemalloc.start(args.frames)
        sim = Simulation(server, ledger, simulation_settings(Path(tmp)))

        def checkpoint(minute: int) -> None:
            gc.collect()
            snap = tracemalloc.take_snapshot().filter_traces(not_the_watcher())
            hour = minute // 60
            if hour == 2 or minute == args.hours * 60:
                snapshots[hour] = snap
            row = {"hour": hour, "traced_kib": round(sum(t.size for t in snap.traces) / 1024),
                   "rss_kib": round(rss_kib()), "items": len(sim.extract.articles),
                   "wall_s": round(time.perf_counter() - began, 1), "caches": cache_fill()}
            hourly.append(row)
            print(f"h{hour:>2}  traced {row['traced_kib']:>7,} KiB  rss {row['rss_kib'] / 1024:6.1f} MiB  "
                  f"items {row['items']:>5}  wall {row['wall_s']:>6} s", flush=True)

        try:
            sim.run(args.hours * 60, checkpoint, every_min=60)
        finally:
            sim.close()
            ledger.close()
    last = args.hours
    by_line = top_diffs(snapshots[last], snapshots[2], "lineno", args.top)
    by_trace = top_diffs(snapshots[last], snapshots[2], "traceback", min(args.top, 10))
    tracemalloc.stop()
    print(f"\ntop {args.top} allocation differences, end of hour {last} vs end of hour 2 (filename:lineno):")
    for d in by_line:
        print(f"  {d['kib']:>8} KiB {d['blocks']:>+7} blocks  {d['where']}")
    print("\nlibrary LRU caches (filled/max):", json.dumps(hourly[-1]["caches"], indent=1))
    steady = hourly[-1]["traced_kib"] - next(h["traced_kib"] for h in hourly if h["hour"] == 2)
    print(f"\ntraced growth hours 2→{last}: {steady} KiB ({steady / max(last - 2, 1):.0f} KiB per hour)")
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps({"hours": hourly, "top_lineno": by_line, "top_traceback": by_trace},
                                   indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
