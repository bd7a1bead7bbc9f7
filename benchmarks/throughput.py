"""Throughput: the full eventledger pipeline against the bare spaCy pipeline it is built on.

    python benchmarks/throughput.py [--articles 200] [--rounds 3]

Same texts, same process, alternating runs; the best round of each is reported. Texts are the
LGL local-news articles when the shared evaluation data is present (real ~400-word reports),
else the bundled sample articles repeated.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from _common import ROOT, eval_dir


def load_texts(n: int) -> list[str]:
    try:
        ev = eval_dir()
        out = subprocess.run([sys.executable, str(ev / "score_geoparse.py"), "make-input",
                              str(ev / "geoparsing" / "lgl" / "lgl.xml")], capture_output=True, text=True, check=True)
        texts = [json.loads(line)["text"] for line in out.stdout.split("\n") if line.strip()]
    except SystemExit:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "src/eventledger/samples").glob("*.txt"))]
    while len(texts) < n:
        texts = texts + texts
    return texts[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    import spacy

    from eventledger.extract import Extractor
    from eventledger.ingest import Article
    from eventledger.settings import Settings

    texts = load_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    settings = Settings.load()
    t0 = time.perf_counter()
    bare = spacy.load(settings.spacy_model)
    t1 = time.perf_counter()
    extractor = Extractor(settings)
    t2 = time.perf_counter()
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    best_bare = best_full = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=32):
            pass
        best_bare = min(best_bare, time.perf_counter() - start)
        start = time.perf_counter()
        for _out in extractor.extract_stream(articles):
            pass
        best_full = min(best_full, time.perf_counter() - start)
    n = len(texts)
    print(f"texts: {n} articles, {words} words ({words / n:.0f} words/article)")
    print(f"load: bare spaCy {t1 - t0:.1f}s, eventledger pipeline {t2 - t1:.1f}s")
    print(f"{'pipeline':28} {'articles/s':>10} {'words/s':>10}")
    print(f"{'bare spaCy (' + settings.spacy_model + ')':28} {n / best_bare:10.1f} {words / best_bare:10.0f}")
    print(f"{'eventledger full':28} {n / best_full:10.1f} {words / best_full:10.0f}")
    ratio = best_bare / best_full
    print(f"ratio full/bare: {ratio:.2f} (target >= 0.50) {'ok' if ratio >= 0.5 else 'BELOW TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
