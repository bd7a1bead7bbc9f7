"""A subprocess for the crash test: ingests a JSON Lines file with a fast stand-in extractor.

    python -m tests.store.crash_worker DB_URL FILE.jsonl

The stand-in turns each article into one to three events (hand-written contract shape, as the
store tests use), and the writer pauses a little inside each article's savepoint, so a kill
most likely lands in the middle of an open transaction.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from eventledger.errors import InputError
from eventledger.ingest import Article, ReadOptions, read_inputs
from eventledger.store import Database, DocumentWriter, Ingest, WriteResult
from tests.store.factories import make_document


def fake_extract(articles: Sequence[Article]) -> list[dict[str, Any] | InputError]:
    out: list[dict[str, Any] | InputError] = []
    for art in articles:
        doc = make_document(art.id, art.text, url=art.url)
        doc["events"] = doc["events"] * (1 + int(art.id.rsplit("-", 1)[-1]) % 3)
        out.append(doc)
    return out


class SlowWriter(DocumentWriter):
    def _write_one(self, conn: Connection, doc: dict[str, Any], now: datetime) -> WriteResult:
        result = super()._write_one(conn, doc, now)
        time.sleep(0.005)  # still inside the batch's transaction
        return result


def main() -> int:
    url, path = sys.argv[1], sys.argv[2]
    db = Database.open(url)
    Ingest(SlowWriter(db), fake_extract, batch_size=10).run(read_inputs([path], options=ReadOptions()))
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
