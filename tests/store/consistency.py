"""Whole-ledger consistency checks used after crashes: no partial article, no duplicate."""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import func, select

from eventledger.store import Database
from eventledger.store import schema as s


def ledger_problems(db: Database) -> list[str]:
    """Every article has exactly the events it was written with, every event all its children."""
    problems: list[str] = []
    with db.read() as conn:
        n_events = dict(conn.execute(select(s.events.c.article_id, func.count()).group_by(s.events.c.article_id)).all())
        for art_id, expected in conn.execute(select(s.articles.c.id, s.articles.c.n_events)):
            if n_events.get(art_id, 0) != expected:
                problems.append(f"article {art_id}: {n_events.get(art_id, 0)} events stored, {expected} written")
        children = {t.name: Counter(dict(conn.execute(select(t.c.event_id, func.count()).group_by(t.c.event_id)).all()))
                    for t in (s.event_actors, s.claims, s.evidence)}
        for event_id, raw in conn.execute(select(s.events.c.id, s.events.c.event_json)):
            ev = json.loads(raw)
            want = {"event_actors": len(ev.get("actors") or []),
                    "claims": sum(len((ev.get(m) or {}).get("claims") or []) for m in ("fatalities", "injuries")),
                    "evidence": len(ev.get("evidence") or []) + sum(
                        1 for k in ("date", "location") if ((ev.get(k) or {}).get("evidence") or {}).get("start")
                        is not None)}
            for table, n in want.items():
                if children[table][event_id] != n:
                    problems.append(f"event {event_id}: {children[table][event_id]} {table} rows, expected {n}")
        hashes = conn.execute(select(func.count(), func.count(func.distinct(s.articles.c.content_hash)))).one()
        if hashes[0] != hashes[1]:
            problems.append(f"{hashes[0] - hashes[1]} duplicate articles")
    return problems
