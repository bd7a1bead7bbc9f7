"""A subprocess for the crash test: ingests a JSON Lines file with a fast stand-in extractor.

    python -m tests.store.crash_worker DB_URL FILE.jsonl

The stand-in turns each article into one to three events (hand-written contract shape, as the
store tests use) and pauses a little per batch so the test can kill it mid-run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

from eventledger.errors import InputError
from eventledger.ingest import Article, ReadOptions, read_inputs
from eventledger.store import Database, DocumentWriter, Ingest
from tests.store.factories import make_document


def fake_extract(articles: Sequence[Article]) -> list[dict[str, Any] | InputError]:
    out: list[dict[str, Any] | InputError] = []
    for art in articles:
        doc = make_document(art.id, art.text, url=art.url)
        doc["events"] = doc["events"] * (1 + int(art.id.rsplit("-", 1)[-1]) % 3)
        out.append(doc)
    time.sleep(0.02)
    return out


def main() -> int:
    url, path = sys.argv[1], sys.argv[2]
    db = Database.open(url)
    Ingest(DocumentWriter(db), fake_extract, batch_size=10).run(read_inputs([path], options=ReadOptions()))
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
