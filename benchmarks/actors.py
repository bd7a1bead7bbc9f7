#!/usr/bin/env python3
"""Measure the actor components: GTD perpetrator recall and their cost in the pipeline.

    python benchmarks/actors.py gtd [--eval ../shared/eval] [--limit N] [--samples K]
    python benchmarks/actors.py speed [--article PATH] [--repeat N]
    python benchmarks/actors.py show PATH            # the mentions of one article

``gtd`` reads the GTD development rows through the scorer's own ``read_rows`` and
``names_match`` (so the comparison rule is exactly the scorer's), runs the pipeline on each
summary and reports, over rows whose group is known, how often a mention with responsibility
claimed/attributed matches the group, how often any non-source mention does, and over rows with
group "Unknown" how often some mention is wrongly given responsibility. Nothing from the
evaluation files is written anywhere. ``speed`` measures the pipeline's CPU time per article with and
without the two actor components on the same ~500-word article.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language

from eventledger.nlp.pipeline import build_pipeline
from eventledger.settings import Settings

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
ACTOR_PIPES = ("el_actor_ruler", "el_actors")
CLAIMS = {"claimed", "attributed"}


def load_scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_gtd", eval_dir / "score_gtd.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {eval_dir / 'score_gtd.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pipeline() -> Language:
    return build_pipeline(Settings.load(env={}))


def gtd(args: argparse.Namespace) -> int:
    scorer = load_scorer(args.eval)
    rows: list[dict[str, str]] = scorer.read_rows([str(args.eval / "gtd" / "gtd_2021h1_dev.csv")])
    if args.country:
        rows = [r for r in rows if r["country_txt"] == args.country]
    if args.limit:
        rows = rows[: args.limit]
    nlp = pipeline()
    start = time.perf_counter()
    docs = list(nlp.pipe((r["summary"] for r in rows), batch_size=64))
    elapsed = time.perf_counter() - start
    known = claim_hit = any_hit = unknown = false_claim = 0
    misses: list[tuple[str, str, str]] = []
    false: list[tuple[str, str]] = []
    for row, doc in zip(rows, docs, strict=True):
        actors = doc._.actors or []
        gold = row["gname"]
        if gold == "Unknown":
            unknown += 1
            wrong = [a for a in actors if a.responsibility in CLAIMS]
            false_claim += bool(wrong)
            if wrong:
                false.append((row["summary"], "; ".join(f"{a.name} [{a.responsibility}]" for a in wrong)))
            continue
        known += 1
        claimed = any(a.responsibility in CLAIMS and scorer.names_match(a.name, gold) for a in actors)
        anyone = any(not a.source_only and scorer.names_match(a.name, gold) for a in actors)
        claim_hit += claimed
        any_hit += anyone
        if not claimed:
            found = "; ".join(f"{a.name} [{a.kind}{'/' + a.responsibility if a.responsibility else ''}]"
                              for a in actors if not a.source_only)
            misses.append((gold, row["summary"], found))
    print(f"rows {len(rows)} ({len(rows) / elapsed:.1f} summaries/s)")
    print(f"known group rows {known}: responsibility match {pct(claim_hit, known)}, "
          f"any non-source mention match {pct(any_hit, known)}")
    print(f"unknown group rows {unknown}: false responsibility {pct(false_claim, unknown)}")
    rng = random.Random(args.seed)
    for title, items in (("MISSED", misses), ("FALSE", false)):
        for item in rng.sample(items, min(args.samples, len(items))):
            print(f"\n{title}: " + "\n  ".join(item))
    return 0


def pct(hit: int, total: int) -> str:
    return f"{hit}/{total} = {100 * hit / total:.1f}%" if total else "n/a"


def _cpu_per_article(nlp: Language, texts: list[str]) -> float:
    start = time.process_time()
    for _doc in nlp.pipe(texts, batch_size=16):
        pass
    return (time.process_time() - start) / len(texts)


def speed(args: argparse.Namespace) -> int:
    """CPU time per article with and without the actor components, measured alternately so
    that a busy machine slows both alike; wall-clock load times for the whole pipeline."""
    text = args.article.read_text(encoding="utf-8")
    texts = [text] * args.copies
    start = time.perf_counter()
    nlp = pipeline()
    load = time.perf_counter() - start
    mine = [p for p in ACTOR_PIPES if p in nlp.pipe_names]
    _cpu_per_article(nlp, texts[:2])  # warm up
    full: list[float] = []
    bare: list[float] = []
    for _ in range(args.repeat):
        full.append(_cpu_per_article(nlp, texts))
        with nlp.select_pipes(disable=mine):
            bare.append(_cpu_per_article(nlp, texts))
    per_pipe = _per_pipe(nlp, text, args.repeat)
    f, b = statistics.median(full), statistics.median(bare)
    print(f"article: {args.article} ({len(text.split())} words); pipeline load {load:.2f} s (wall)")
    print(f"CPU per article without actor components: {1000 * b:.1f} ms ({1 / b:.1f} articles/s)")
    print(f"CPU per article with actor components:    {1000 * f:.1f} ms ({1 / f:.1f} articles/s)")
    print(f"actor components add {100 * (f - b) / b:+.1f}% (alone, CPU: "
          + ", ".join(f"{name} {1000 * t:.2f} ms = {100 * t / b:.1f}%" for name, t in per_pipe.items()) + ")")
    return 0


def _per_pipe(nlp: Language, text: str, repeat: int) -> dict[str, float]:
    """Median CPU time of each actor component alone on an already annotated doc."""
    out: dict[str, list[float]] = {name: [] for name in ACTOR_PIPES if name in nlp.pipe_names}
    for _ in range(repeat * 5):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            start = time.process_time()
            doc = proc(doc)
            if name in out:
                out[name].append(time.process_time() - start)
    return {name: statistics.median(times) for name, times in out.items()}


def show(args: argparse.Namespace) -> int:
    doc = pipeline()(args.path.read_text(encoding="utf-8"))
    for a in doc._.actors or []:
        flags: list[Any] = [a.kind, a.country, a.entry_id, a.responsibility,
                            "source" if a.source_only else None, "generic" if a.generic else None]
        print(f"{a.start:5d} {a.text!r:45} -> {a.name} ({', '.join(str(f) for f in flags if f)})")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gtd", help="perpetrator recall on GTD development rows")
    g.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    g.add_argument("--country", help="only rows of this country_txt")
    g.add_argument("--limit", type=int, default=0)
    g.add_argument("--samples", type=int, default=0, help="print this many failures of each kind")
    g.add_argument("--seed", type=int, default=7)
    s = sub.add_parser("speed", help="time the pipeline with and without the actor components")
    s.add_argument("--article", type=Path, default=DEFAULT_EVAL.parent / "samples" / "seed" / "article.txt")
    s.add_argument("--repeat", type=int, default=5)
    s.add_argument("--copies", type=int, default=20)
    w = sub.add_parser("show", help="print the actor mentions of one article")
    w.add_argument("path", type=Path)
    args = parser.parse_args()
    return {"gtd": gtd, "speed": speed, "show": show}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
