"""Store: contract documents ⇄ the ledger database (SQLAlchemy 2 Core, Alembic migrations).

Public API: ``open_database`` / ``Database``, ``DocumentWriter``, ``Ingest`` (batched ingest runs),
``stored_document`` / ``extractor_batch`` (the extraction step), ``EventFilter`` /
``iter_event_records`` (reading for exports), ``ledger_stats`` and ``search``.
"""

from eventledger.store.database import Database, open_database
from eventledger.store.documents import ExtractBatch, extractor_batch, stored_document
from eventledger.store.load import Ingest, IngestSummary
from eventledger.store.queries import EventFilter, EventRecord, count_events, iter_event_records
from eventledger.store.search import SearchHit, search
from eventledger.store.stats import LedgerStats, ledger_stats
from eventledger.store.writer import DocumentWriter, WriteResult

__all__ = ["Database", "DocumentWriter", "EventFilter", "EventRecord", "ExtractBatch", "Ingest", "IngestSummary",
           "LedgerStats", "SearchHit", "WriteResult", "count_events", "extractor_batch", "iter_event_records",
           "ledger_stats", "open_database", "search", "stored_document"]
