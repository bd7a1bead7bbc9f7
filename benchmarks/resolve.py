"""Duplicate merging: pair-set precision/recall and the GTD false-merge rate, through the real pipeline.

    python benchmarks/resolve.py [--skip-pairs] [--skip-gtd] [--gtd-limit N] [--show N] [--work DIR]

1. The pair set (``tests/resolve/fixtures``: 32 same-event pairs by different outlets, 32 near-misses)
   is extracted, stored in a fresh SQLite ledger and resolved; precision and recall are pairwise
   over all article pairs (two articles are linked when any of their events share an incident).
2. The GTD development rows (``score_gtd.py make-input``; distinct real events, a few of them
   related attacks in one place and day) are extracted, stored and resolved; the false-merge rate
   is the share of events whose incident also holds an event of another row.
``--work DIR`` keeps the databases there and reuses them on the next run (only resolving again,
with ``--rebuild`` semantics), which is how the matcher is tuned without re-extracting.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from _common import ROOT, eval_dir

RELATED = re.compile(r"\b(related|coordinated|similar) (attacks|incidents|bombings|arson|explosions)|"
                     r"\bone of (two|three|four|five|six|seven|eight|nine|ten|\d+|at least|several)\b", re.I)

sys.path.insert(0, str(ROOT))


def ingest(db_url: str, articles: list[Any]) -> float:
    """Extract and store ``articles`` in this process (no resolving); returns articles/s."""
    from eventledger.extract import Extractor
    from eventledger.settings import Settings
    from eventledger.store import Database, DocumentWriter, Ingest, extractor_batch

    settings = Settings.load()
    db = Database.open(db_url)
    start = time.perf_counter()
    run = Ingest(DocumentWriter(db), extractor_batch(Extractor(settings)), 50)
    summary = run.run(articles)
    db.close()
    rate = len(articles) / (time.perf_counter() - start)
    print(f"  ingested: read {summary.read}, new {summary.new} ({summary.events} events), failed {summary.failed}")
    return rate


def resolve(db_url: str) -> tuple[Any, float, Any]:
    from eventledger.resolve import Resolver
    from eventledger.store import Database

    db = Database.open(db_url)
    resolver = Resolver(db)
    start = time.perf_counter()
    summary = resolver.rebuild()
    return summary, time.perf_counter() - start, (db, resolver)


def prepared_db(work: Path, name: str, articles_fn: Any) -> str:
    path = work / f"{name}.sqlite"
    url = f"sqlite:///{path}"
    if not path.exists():
        articles = articles_fn()
        print(f"  extracting {len(articles)} articles into {path}")
        ingest(url, articles)
    return url


def explain_links(handle: Any, a: str, b: str) -> str:
    """The best-scoring event pair between two articles, with its parts or veto."""
    from sqlalchemy import select

    from eventledger.store import schema

    db, resolver = handle
    ev, art = schema.events, schema.articles
    with db.read() as conn:
        ids: dict[str, list[int]] = defaultdict(list)
        for event_id, ext in conn.execute(select(ev.c.id, art.c.external_id).join(art, art.c.id == ev.c.article_id)
                                          .where(art.c.external_id.in_([a, b]))):
            ids[str(ext)].append(int(event_id))
    best = None
    for x in ids.get(a, []):
        for y in ids.get(b, []):
            s = resolver.explain(x, y)
            if best is None or (s.veto is None, s.total) > (best.veto is None, best.total):
                best = s
    if best is None:
        return "no events on one side"
    parts = " ".join(f"{k}={v:.2f}" for k, v in best.parts.items())
    return f"veto={best.veto}" + (f" ({parts})" if parts else "") if best.veto else f"total={best.total:.2f} {parts}"


def pairs_part(work: Path, show: int) -> None:
    from tests.resolve.pairset import linked_articles, load_articles, load_pairs, score

    print("pair set:")
    url = prepared_db(work, "pairs", load_articles)
    summary, secs, handle = resolve(url)
    pairs = load_pairs()
    result = score(linked_articles(handle[0]), pairs)
    print(f"  resolve: {summary} in {secs:.2f} s")
    print(f"  {result.line()}")
    kinds = {frozenset((p["a"], p["b"])): p["kind"] for p in pairs}
    for title, items in (("missed", result.missed), ("false link", result.false_links)):
        for pair in items[:show]:
            a, b = sorted(pair)
            print(f"    {title}: {a} ~ {b} [{kinds.get(pair, 'unlisted pair')}]: {explain_links(handle, a, b)}")
    handle[0].close()


def gtd_part(work: Path, limit: int | None, show: int) -> None:
    from sqlalchemy import select

    from eventledger.ingest.article import Article
    from eventledger.store import schema

    def rows() -> list[Article]:
        ev = eval_dir()
        out = subprocess.run([sys.executable, str(ev / "score_gtd.py"), "make-input",
                              str(ev / "gtd" / "gtd_2021h1_dev.csv")], capture_output=True, text=True, check=True)
        data = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        return [Article(id=str(r["id"]), text=r["text"]) for r in data[:limit]]

    print("GTD development rows:")
    url = prepared_db(work, f"gtd-{limit or 'all'}", rows)
    summary, secs, handle = resolve(url)
    db = handle[0]
    ev, art = schema.events, schema.articles
    with db.read() as conn:
        data = conn.execute(select(ev.c.id, ev.c.incident_id, art.c.external_id)
                            .join(art, art.c.id == ev.c.article_id)).all()
        texts = {str(x): t for x, t in conn.execute(select(art.c.external_id, art.c.text))}
    rows_of: dict[int, set[str]] = defaultdict(set)
    for _, incident_id, ext in data:
        rows_of[int(incident_id)].add(str(ext))
    merged = [e for e, i, _ in data if len(rows_of[int(i)]) > 1]
    merged_rows = {x for _, i, x in data if len(rows_of[int(i)]) > 1}
    n_rows = len({x for _, _, x in data})
    print(f"  resolve: {summary} in {secs:.2f} s ({len(data) / secs:.0f} events/s)")
    print(f"  false merges: {len(merged)} of {len(data)} events ({100 * len(merged) / max(1, len(data)):.2f} %) "
          f"merged with another row's event; rows affected {len(merged_rows)} of {n_rows} "
          f"({100 * len(merged_rows) / max(1, n_rows):.2f} %)")
    # Measurement only (the resolver never sees this): GTD's own summaries say when a row is one of
    # several related or coordinated attacks, which ACLED's rules code as one event per place and day.
    related = {x for _, _, x in data if RELATED.search(texts[x])}
    unrelated = [e for e, i, x in data if x not in related and any(y != x for y in rows_of[int(i)])]
    n_unrelated = sum(1 for _, _, x in data if x not in related)
    print(f"    of which not declared related by GTD: {len(unrelated)} of {n_unrelated} such events "
          f"({100 * len(unrelated) / max(1, n_unrelated):.2f} %); {len(related)} rows are declared "
          f"one of several related or coordinated attacks")
    shown = 0
    for ids in rows_of.values():
        if len(ids) > 1 and shown < show:
            a, b = sorted(ids)[:2]
            print(f"    merged rows {sorted(ids)}: {explain_links(handle, a, b)}")
            shown += 1
    db.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-pairs", action="store_true")
    ap.add_argument("--skip-gtd", action="store_true")
    ap.add_argument("--gtd-limit", type=int, default=None, help="only the first N GTD rows")
    ap.add_argument("--show", type=int, default=10, help="explain up to N misses and false links")
    ap.add_argument("--work", type=Path, help="keep (and reuse) the extracted databases here")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="eventledger-resolve-"))
    work.mkdir(parents=True, exist_ok=True)
    if not args.skip_pairs:
        pairs_part(work, args.show)
    if not args.skip_gtd:
        gtd_part(work, args.gtd_limit, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
