"""Bulk: ingest at scale with extraction on Dask (``eventledger ingest --workers N / --scheduler ADDR``).

Public API: ``PipelinedIngest`` (bounded in-flight batches, results stored as they complete),
``dask_pool`` (a ``LocalCluster`` or an existing scheduler, one NLP pipeline per worker process
via ``ExtractorPlugin``), ``LazyPool`` (starts it at the first batch), ``InlinePool`` (the
in-process double) and ``TaskPool`` (the interface). See docs/bulk.md.
"""

from eventledger.bulk.ingest import PipelinedIngest
from eventledger.bulk.pool import DaskPool, InlinePool, LazyPool, TaskPool, dask_pool
from eventledger.bulk.worker import ExtractorPlugin, pipeline_extract

__all__ = ["DaskPool", "ExtractorPlugin", "InlinePool", "LazyPool", "PipelinedIngest", "TaskPool", "dask_pool",
           "pipeline_extract"]
