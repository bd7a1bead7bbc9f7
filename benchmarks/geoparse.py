"""Measure the place components on the geoparsing corpora (LGL, GeoWebNews) and on GTD rows.

    python benchmarks/geoparse.py                      # LGL + GeoWebNews, prints the scorer's table
    python benchmarks/geoparse.py --gtd                # + GTD: most specific place of the first sentence
    python benchmarks/geoparse.py --limit 50 --corpus lgl

Runs the scorer's ``make-input``, the pipeline (``eventledger.nlp.build_pipeline``) over the JSON
Lines, writes ``{"article": {"id"}, "places": [...]}`` documents with ``place_json``, and calls
the scorer's ``score``. The evaluation data stays in the shared folder (``--eval``); nothing of
it is copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from eventledger.extract.contract import place_json
from eventledger.gazetteer import most_specific
from eventledger.nlp.pipeline import build_pipeline
from eventledger.settings import Settings

CORPORA = {"lgl": "geoparsing/lgl/lgl.xml", "gwn": "geoparsing/geowebnews/GWN.xml"}
GTD_FILE = "gtd/gtd_2021h1_dev.csv"
DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def run_pipeline(nlp, rows: list[dict]) -> list[dict]:
    out = []
    docs = nlp.pipe(((r["text"], r) for r in rows), as_tuples=True, batch_size=16)
    for doc, row in docs:
        out.append({"article": {"id": row["id"]}, "places": [place_json(m) for m in doc._.places or []]})
    return out


def geoparse(nlp, eval_dir: Path, corpus: str, limit: int, keep: Path | None) -> str:
    data = str(eval_dir / CORPORA[corpus])
    scorer = str(eval_dir / "score_geoparse.py")
    args = ["--limit", str(limit)] if limit else []
    made = subprocess.run([sys.executable, scorer, "make-input", data, *args], check=True,
                          capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in made.split("\n") if line.strip()]
    started = time.perf_counter()
    docs = run_pipeline(nlp, rows)
    seconds = time.perf_counter() - started
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    if keep:
        Path(f.name).replace(keep / f"{corpus}.jsonl")
        output = str(keep / f"{corpus}.jsonl")
    else:
        output = f.name
    result = subprocess.run([sys.executable, scorer, "score", data, "--output", output, *args],
                            capture_output=True, text=True)
    print(result.stdout)
    print(f"[{corpus}] {len(rows)} articles in {seconds:.1f} s")
    return result.stdout.strip().splitlines()[-1]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def first_sentence(doc) -> tuple[int, int]:
    """Character span of the first sentence after the "MM/DD/YYYY:" prefix (the parser often
    ends a sentence at that colon)."""
    skip = doc._.dateline.end if doc._.dateline is not None else 0
    for sent in doc.sents:
        if sent.end_char > skip + 1:
            return sent.start_char, sent.end_char
    return 0, len(doc.text)


def gtd(nlp, eval_dir: Path, limit: int, verbose: bool) -> None:
    """Share of rows whose first sentence's most specific resolved place is within 25 km."""
    with open(eval_dir / GTD_FILE, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["latitude"] and r["longitude"]]
    rows = rows[:limit] if limit else rows
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc, row in nlp.pipe(((r["summary"], r) for r in rows), as_tuples=True, batch_size=32):
        first = first_sentence(doc)
        mentions = [m for m in doc._.places or [] if first[0] <= m.start < first[1]]
        best = most_specific(mentions)
        lat, lon = float(row["latitude"]), float(row["longitude"])
        hit = bool(best and best.place and km(lat, lon, best.place.lat, best.place.lon) <= 25)
        for key in ("all", row["country_txt"]):
            total[key] += 1
            ok[key] += hit
        if verbose and not hit:
            got = (best.text, best.place.name, best.place.country_code, round(km(lat, lon, best.place.lat,
                   best.place.lon))) if best and best.place else None
            print(f"MISS {row['country_txt']}: {row['city']!r} ({row['provstate']}) got {got} | "
                  f"{doc.text[first[0]:first[0] + 150]}")
    print(f"gtd: rows with coordinates {total['all']}, within 25 km {ok['all']} "
          f"({ok['all'] / max(1, total['all']):.3f})")
    for country in ("Pakistan", "Afghanistan"):
        print(f"gtd[{country}]: {ok[country]}/{total[country]} ({ok[country] / max(1, total[country]):.3f})")
    worst = sorted(total, key=lambda c: -total[c])[:12]
    print("by country: " + ", ".join(f"{c} {ok[c]}/{total[c]}" for c in worst if c != "all"))


def speed(nlp, text_path: Path, rounds: int) -> None:
    """Per-article time of the whole pipeline with and without the two place components."""
    from eventledger.gazetteer import open_gazetteer

    text = text_path.read_text(encoding="utf-8")
    words = len(text.split())
    settings = Settings.load()
    started = time.process_time()
    open_gazetteer(settings)
    opened = time.process_time() - started
    ours = [n for n in ("el_place_ruler", "el_toponyms") if n in nlp.pipe_names]
    results = {}
    for label, disabled in (("without", ours), ("with", []), ("without", ours), ("with", [])):
        with nlp.select_pipes(disable=disabled):
            nlp(text)  # warm caches
            started = time.process_time()  # CPU time: other processes on the machine do not count
            for _ in range(rounds):
                nlp(text)
            results[label] = (time.process_time() - started) / rounds
    base, full = results["without"], results["with"]
    print(f"speed: {words}-word article, {rounds} rounds: pipeline without place components "
          f"{base * 1000:.1f} ms, with {full * 1000:.1f} ms (+{(full / base - 1) * 100:.1f} %); "
          f"gazetteer open {opened * 1000:.0f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append", help="default: all")
    ap.add_argument("--limit", type=int, default=0, help="first N articles / rows only")
    ap.add_argument("--gtd", action="store_true", help="also measure GTD rows")
    ap.add_argument("--gtd-only", action="store_true", help="only GTD rows")
    ap.add_argument("--verbose", action="store_true", help="print GTD misses")
    ap.add_argument("--keep", type=Path, help="keep the output JSONL files in this folder")
    ap.add_argument("--config", type=Path, help="settings file (TOML)")
    ap.add_argument("--speed", type=Path, metavar="TEXT", help="time the components on this article instead")
    ap.add_argument("--rounds", type=int, default=30, help="repetitions for --speed")
    args = ap.parse_args()
    started = time.perf_counter()
    nlp = build_pipeline(Settings.load(config_file=args.config))
    print(f"pipeline loaded in {time.perf_counter() - started:.1f} s")
    if args.speed:
        speed(nlp, args.speed, args.rounds)
        return 0
    lines = []
    if not args.gtd_only:
        for corpus in args.corpus or sorted(CORPORA):
            lines.append(geoparse(nlp, args.eval, corpus, args.limit, args.keep))
    if args.gtd or args.gtd_only:
        gtd(nlp, args.eval, args.limit, args.verbose)
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
