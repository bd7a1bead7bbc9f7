"""The same articles ingested with one Dask worker and with two give the same events (real pipeline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from eventledger.bulk import PipelinedIngest, dask_pool
from eventledger.resolve import Resolver
from eventledger.settings import Settings
from eventledger.store import Database, DocumentWriter, schema
from tests.resolve.pairset import load_articles

pytestmark = pytest.mark.slow
N_ARTICLES = 40


def ledger(db: Database) -> dict[str, Any]:
    """Events by article id (their full contract JSON, in order) and incidents as sets of article ids."""
    ev, art = schema.events, schema.articles
    events: dict[str, list[Any]] = {}
    incidents: dict[int, set[str]] = {}
    with db.read() as conn:
        rows = conn.execute(select(art.c.external_id, ev.c.event_json, ev.c.incident_id)
                            .join(art, art.c.id == ev.c.article_id).order_by(art.c.external_id, ev.c.seq))
        for ext, raw, incident_id in rows:
            events.setdefault(str(ext), []).append(json.loads(raw))
            incidents.setdefault(int(incident_id), set()).add(str(ext))
    return {"events": events, "incidents": sorted(sorted(v) for v in incidents.values())}


def ingest(url: str, workers: int) -> dict[str, Any]:
    settings = Settings.load()  # the environment's (cache directory, gazetteer)
    db = Database.open(url)
    try:
        with dask_pool(settings, workers=workers) as pool:
            summary = PipelinedIngest(DocumentWriter(db), pool, batch_size=4, per_worker=2).run(
                load_articles()[:N_ARTICLES])
        assert (summary.new, summary.failed) == (N_ARTICLES, 0)
        Resolver(db, settings).resolve_new()
        return ledger(db)
    finally:
        db.close()


def test_one_and_two_workers_store_the_same_events_and_incidents(tmp_path: Path) -> None:
    one = ingest(f"sqlite:///{tmp_path / 'one.sqlite'}", 1)
    two = ingest(f"sqlite:///{tmp_path / 'two.sqlite'}", 2)
    assert len(one["events"]) == N_ARTICLES
    assert one["events"] == two["events"]
    assert one["incidents"] == two["incidents"]
