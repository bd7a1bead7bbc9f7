"""Accuracy against gold data: runs the shared scorers on the development data, prints one table.

    python benchmarks/accuracy.py [--only seed,gtd,case,lgl,gwn] [--limit N] [--out build/eval]

Each scorer's own `make-input` writes the input (answers removed), the extraction runs in this
process, and the scorer's `score` reads the output. The thresholds are the issue's targets.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

from _common import ROOT, eval_dir, write_jsonl

PY = sys.executable
TARGETS = {  # dataset -> [(metric regex on the summary line, threshold, label)]
    "seed": [(r"(\d+)/(\d+) required events", None, "required events"),
             (r"precision ([0-9.]+)", 0.8, "precision"),
             (r"(\d+) forbidden", None, "forbidden")],
    "gtd": [(r"location=([0-9.]+)%", 65, "location <=25 km"), (r"date=([0-9.]+)%", 95, "date"),
            (r"fatalities=([0-9.]+)%", 80, "fatalities exact"), (r"type=([0-9.]+)%", 75, "event type"),
            (r"perpetrator=([0-9.]+)%", 60, "perpetrator")],
    "case": [(r"acc=([0-9.]+)", 0.65, "accuracy"), (r"macroF1=([0-9.]+)", None, "macro-F1"),
             (r"type_acc=([0-9.]+)", None, "type accuracy")],
    "lgl": [(r"F1=([0-9.]+)", 0.70, "toponym F1"), (r"acc161_matched=([0-9.]+)", 0.85, "acc@161 matched"),
            (r"acc161=([0-9.]+)", None, "acc@161 all")],
    "gwn": [(r"F1=([0-9.]+)", 0.70, "toponym F1"), (r"acc161_matched=([0-9.]+)", 0.85, "acc@161 matched"),
            (r"acc161=([0-9.]+)", None, "acc@161 all")],
}


def run(cmd: list[str], out: Path | None = None) -> str:
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out is not None:
        out.write_text(res.stdout, encoding="utf-8")
    if res.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{res.stderr}")
    return res.stdout


def extract_file(extractor: object, src: Path, dst: Path) -> int:
    from eventledger.errors import InputError
    from eventledger.ingest import read_inputs

    docs = (d for d in extractor.extract_stream(read_inputs([str(src)])) if not isinstance(d, InputError))  # type: ignore[attr-defined]
    return write_jsonl(dst, docs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="seed,gtd,case,lgl,gwn")
    ap.add_argument("--limit", type=int, default=0, help="first N items per dataset (quick look)")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "eval")
    args = ap.parse_args()
    from eventledger.extract import Extractor
    from eventledger.settings import Settings

    ev = eval_dir()
    args.out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor(Settings.load())
    limit = ["--limit", str(args.limit)] if args.limit else []
    jobs = {
        "gtd": (ev / "score_gtd.py", [str(ev / "gtd" / "gtd_2021h1_dev.csv")],
                ["--extra", str(ev / "gtd" / "gtd_2021h1_extra_dev.csv")]),
        "case": (ev / "score_case.py", [str(ev / "case2021_task2" / "case2021_dev.tsv")], []),
        "lgl": (ev / "score_geoparse.py", [str(ev / "geoparsing" / "lgl" / "lgl.xml")], []),
        "gwn": (ev / "score_geoparse.py", [str(ev / "geoparsing" / "geowebnews" / "GWN.xml")], []),
    }
    summaries: dict[str, str] = {}
    timings: dict[str, float] = {}
    for name in args.only.split(","):
        started = time.perf_counter()
        if name == "seed":
            seed = ev.parent / "samples" / "seed" / "article.txt"
            out = args.out / "seed.jsonl"
            extract_file(extractor, seed, out)
            text = run([PY, str(ev / "check_seed.py"), str(out)], args.out / "seed.score.txt")
        else:
            scorer, data, extra = jobs[name]
            src, out = args.out / f"{name}.in.jsonl", args.out / f"{name}.out.jsonl"
            run([PY, str(scorer), "make-input", *data, *limit], src)
            extract_file(extractor, src, out)
            text = run([PY, str(scorer), "score", *data, *limit, "--output", str(out), *extra],
                       args.out / f"{name}.score.txt")
        summaries[name] = text.strip().splitlines()[-1] if text.strip() else ""
        timings[name] = time.perf_counter() - started
    print(f"{'dataset':8} {'metric':22} {'value':>8} {'target':>8}  ok")
    for name, line in summaries.items():
        for pattern, target, label in TARGETS[name]:
            m = re.search(pattern, line)
            value = m.group(1) if m else "?"
            if m and name == "seed" and label == "required events":
                value = f"{m.group(1)}/{m.group(2)}"
                ok = m.group(1) == m.group(2)
            elif m and name == "seed" and label == "forbidden":
                ok = value == "0"
            else:
                ok = target is None or (m is not None and float(value) >= target)
            shown = "" if target is None else str(target)
            print(f"{name:8} {label:22} {value:>8} {shown:>8}  {'yes' if ok else 'NO'}")
        print(f"{'':8} {'(seconds)':22} {timings[name]:8.1f}")
    print(f"full scorer output: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
