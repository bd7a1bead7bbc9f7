"""What runs on a Dask worker: a plugin that loads the NLP pipeline once per worker process, and
the task functions that use it.

The plugin is registered with the client; Dask runs its ``setup`` on every worker (and on workers
that join or restart later), so each worker process builds one ``Extractor`` and keeps it on the
plugin instance, never in module globals. Tasks find it through ``get_worker().plugins``.
With PostgreSQL, a worker can also write its own results (``write_url``): the database's unique
keys keep concurrent writers from storing an article twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from distributed import Worker, WorkerPlugin, get_worker

from eventledger.errors import InputError
from eventledger.ingest.article import Article
from eventledger.settings import Settings
from eventledger.store.documents import ExtractBatch
from eventledger.store.writer import WriteResult

log = logging.getLogger(__name__)

PLUGIN_NAME = "eventledger-extract"
Outcome = dict[str, Any] | InputError | WriteResult
ExtractFactory = Callable[[Settings], ExtractBatch]


def pipeline_extract(settings: Settings) -> ExtractBatch:
    """The real extraction step: the NLP pipeline, built once in the worker process."""
    from eventledger.extract import Extractor
    from eventledger.store.documents import extractor_batch

    return extractor_batch(Extractor(settings))


class ExtractorPlugin(WorkerPlugin):
    """Holds one worker's extraction step (and, with ``write_url``, its database writer)."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings, factory: ExtractFactory = pipeline_extract,
                 write_url: str | None = None) -> None:
        self.settings = settings
        self.factory = factory
        self.write_url = write_url
        self.extract: ExtractBatch | None = None
        self._writer: Any = None

    def setup(self, worker: Worker) -> None:
        self.extract = self.factory(self.settings)
        log.info("worker %s: extraction ready", getattr(worker, "address", "?"))

    def teardown(self, worker: Worker) -> None:
        if self._writer is not None:
            self._writer.db.close()
            self._writer = None

    def writer(self) -> Any:
        """This worker's ``DocumentWriter`` on ``write_url``, opened on first use."""
        if self._writer is None:
            from eventledger.store import Database, DocumentWriter

            self._writer = DocumentWriter(Database.open(str(self.write_url), upgrade=False,
                                                        busy_timeout_ms=self.settings.db_busy_timeout_ms))
        return self._writer


def _plugin() -> tuple[ExtractorPlugin, ExtractBatch]:
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, ExtractorPlugin) or plugin.extract is None:
        raise RuntimeError("the eventledger worker plugin is not set up on this worker")
    return plugin, plugin.extract


def extract_task(articles: Sequence[Article]) -> list[Outcome]:
    """Stored documents (or errors) for ``articles``, in order."""
    _, extract = _plugin()
    return list(extract(articles))


def extract_and_write_task(articles: Sequence[Article]) -> list[Outcome]:
    """Extract and store ``articles`` on the worker; returns each article's ``WriteResult`` or error."""
    plugin, extract = _plugin()
    docs = extract(articles)
    to_write = [d for d in docs if isinstance(d, dict)]
    results = iter(plugin.writer().write_batch(to_write))
    return [next(results) if isinstance(d, dict) else d for d in docs]
