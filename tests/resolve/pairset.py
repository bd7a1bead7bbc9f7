"""The duplicate-merging pair set (``fixtures/articles.jsonl`` + ``fixtures/pairs.jsonl``) and its scoring.

Our own writing: 32 events each reported by two outlets in different words ("same" pairs) and
32 near-misses, each pairing one of those reports with another event at the same place on another
day, on the same day in another town, or of another kind ("different" pairs). Precision and recall
are pairwise over *all* article pairs: two articles are linked when any of their events share an
incident; the gold links are the "same" pairs, every other article pair is a non-link.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from eventledger.ingest.article import Article
from eventledger.store import Database, schema

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_articles(path: Path = FIXTURES / "articles.jsonl") -> list[Article]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row: dict[str, Any] = json.loads(line)
            out.append(Article(id=row["id"], text=row["text"], published=date.fromisoformat(row["published"]),
                               source=row.get("source"), origin=f"{path.name}:{row['id']}"))
    return out


def load_pairs(path: Path = FIXTURES / "pairs.jsonl") -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def linked_articles(db: Database) -> set[frozenset[str]]:
    """Pairs of article ids (``external_id``) with events in one incident."""
    ev, art = schema.events, schema.articles
    members: dict[int, set[str]] = defaultdict(set)
    with db.read() as conn:
        rows = conn.execute(select(ev.c.incident_id, art.c.external_id).join(art, art.c.id == ev.c.article_id)
                            .where(ev.c.incident_id.is_not(None)))
        for incident_id, external_id in rows:
            members[int(incident_id)].add(str(external_id))
    return {frozenset(p) for ids in members.values() for p in itertools.combinations(sorted(ids), 2)}


@dataclass
class PairScores:
    precision: float
    recall: float
    true_links: list[frozenset[str]] = field(default_factory=list)
    false_links: list[frozenset[str]] = field(default_factory=list)
    missed: list[frozenset[str]] = field(default_factory=list)
    near_misses_merged: list[frozenset[str]] = field(default_factory=list)

    def line(self) -> str:
        return (f"pairwise precision {self.precision:.3f} ({len(self.true_links)} of "
                f"{len(self.true_links) + len(self.false_links)} links right), recall {self.recall:.3f} "
                f"({len(self.true_links)} of {len(self.true_links) + len(self.missed)} same-event pairs), "
                f"near-misses merged {len(self.near_misses_merged)}")


def score(links: set[frozenset[str]], pairs: list[dict[str, str]]) -> PairScores:
    gold = {frozenset((p["a"], p["b"])) for p in pairs if p["label"] == "same"}
    near = {frozenset((p["a"], p["b"])) for p in pairs if p["label"] != "same"}
    tp = sorted(links & gold, key=sorted)
    fp = sorted(links - gold, key=sorted)
    fn = sorted(gold - links, key=sorted)
    precision = len(tp) / (len(tp) + len(fp)) if tp or fp else 1.0
    recall = len(tp) / len(gold) if gold else 1.0
    return PairScores(precision, recall, tp, fp, fn, sorted(links & near, key=sorted))
