"""JSON Lines: one event per line, the contract's event JSON plus where it sits in the ledger.

Each line is the stored contract event (``events.event_json``) with ``event_id``, ``status``,
``incident_id`` and an ``article`` object (ledger id, input id, source, url, title, published) added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from eventledger.export.flat import json_ready, redactor_for
from eventledger.store.queries import EventRecord


def event_line(record: EventRecord, redact: bool = False) -> dict[str, Any]:
    ev = record.event
    body = json.loads(ev["event_json"])
    body.update(event_id=ev["id"], status=ev["status"], incident_id=ev["incident_id"],
                article=json_ready(record.article))
    redactor = redactor_for(record, redact)
    out: dict[str, Any] = redactor.deep(body) if redactor else body
    return out


def write_jsonl(records: Iterable[EventRecord], out: TextIO, redact: bool = False) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(event_line(record, redact), ensure_ascii=False) + "\n")
        n += 1
    return n
