"""Stand-ins for the NLP pipeline that Dask workers can import (no model, fast).

``fake_extract`` builds the extraction step a worker plugin would: documents from the hand-made
factory. ``crashing_extract`` kills its worker process the first time it meets an article whose
text contains ``CRASH`` (a marker file in the article's ``extra`` path remembers it happened), to
show that a dead worker loses nothing: Dask reruns the batch on a fresh worker.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventledger.errors import InputError
from eventledger.ingest.article import Article
from eventledger.settings import Settings
from eventledger.store.documents import ExtractBatch, stored_document
from tests.store.factories import make_document


def _documents(articles: Sequence[Article]) -> list[dict[str, Any] | InputError]:
    out: list[dict[str, Any] | InputError] = []
    for a in articles:
        if "BROKEN" in a.text:
            out.append(InputError("extraction failed: broken on purpose", source=a.id))
        else:
            out.append(stored_document(a, make_document(a.id, a.text, url=None)))
    return out


def fake_extract(settings: Settings) -> ExtractBatch:
    return _documents


def crashing_extract(settings: Settings) -> ExtractBatch:
    def run(articles: Sequence[Article]) -> list[dict[str, Any] | InputError]:
        for a in articles:
            marker = a.extra.get("crash_marker")
            if "CRASH" in a.text and marker and not Path(str(marker)).exists():
                Path(str(marker)).write_text("crashed once", encoding="utf-8")
                os._exit(1)  # the worker process dies mid-batch, as on an out-of-memory kill
        return _documents(articles)

    return run
