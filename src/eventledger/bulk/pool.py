"""``TaskPool``: where extraction tasks run. ``DaskPool`` sends them to a Dask cluster; ``InlinePool``
runs them in this process (the in-memory double the tests use, and a fallback without a cluster).

A pool only submits a batch, waits until at least one of the submitted batches is done, and hands
back its result (or raises what went wrong: a task error, or ``KilledWorker`` when the workers
running a batch kept dying). Bounding how many batches are in flight is the caller's job
(``PipelinedIngest``).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Any, Protocol

from eventledger.bulk.worker import (
    PLUGIN_NAME,
    ExtractFactory,
    ExtractorPlugin,
    Outcome,
    extract_and_write_task,
    extract_task,
    pipeline_extract,
)
from eventledger.errors import ClusterError
from eventledger.ingest.article import Article
from eventledger.settings import Settings

log = logging.getLogger(__name__)

Task = Callable[[Sequence[Article]], list[Outcome]]
SCHEDULER_TIMEOUT = "30s"  # how long to wait for an existing scheduler to answer
# Extraction is pure CPU work on one thread per worker: the statistical profiler (a stack sample
# every 10 ms) and the GIL monitor only take time from it.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                 "distributed.admin.system-monitor.gil.enabled": False}


class TaskPool(Protocol):
    @property
    def workers(self) -> int: ...

    def submit(self, articles: list[Article]) -> Any: ...

    def wait_first(self, handles: Collection[Any]) -> list[Any]: ...

    def result(self, handle: Any) -> list[Outcome]: ...

    def cancel(self, handles: Collection[Any]) -> None: ...


class InlinePool:
    """Runs each batch at once, in this process; handles are plain numbers."""

    def __init__(self, task: Task, workers: int = 1) -> None:
        self.task = task
        self.workers = workers
        self._results: dict[int, list[Outcome] | Exception] = {}
        self._ids = itertools.count()

    def submit(self, articles: list[Article]) -> int:
        handle = next(self._ids)
        try:
            self._results[handle] = self.task(articles)
        except Exception as exc:  # noqa: BLE001 - handed back by result(), as a remote pool would
            self._results[handle] = exc
        return handle

    def wait_first(self, handles: Collection[Any]) -> list[Any]:
        return [min(handles)]

    def result(self, handle: Any) -> list[Outcome]:
        value = self._results.pop(handle)
        if isinstance(value, Exception):
            raise value
        return value

    def cancel(self, handles: Collection[Any]) -> None:
        for handle in handles:
            self._results.pop(handle, None)


class DaskPool:
    """Batches as Dask tasks (``pure=False``: two equal batches are still two tasks)."""

    def __init__(self, client: Any, task: Task, workers: int) -> None:
        self.client = client
        self.task = task
        self.workers = workers

    def submit(self, articles: list[Article]) -> Any:
        return self.client.submit(self.task, articles, pure=False)

    def wait_first(self, handles: Collection[Any]) -> list[Any]:
        from distributed import wait

        return list(wait(list(handles), return_when="FIRST_COMPLETED").done)

    def result(self, handle: Any) -> list[Outcome]:
        value: list[Outcome] = handle.result()
        return value

    def cancel(self, handles: Collection[Any]) -> None:
        if handles:
            self.client.cancel(list(handles))


class LazyPool:
    """A pool opened only when the first batch needs extracting: rerunning an ingest over stored
    input never starts a cluster. ``close`` shuts down whatever was started."""

    def __init__(self, open_pool: Callable[[], AbstractContextManager[Any]], expected_workers: int = 1) -> None:
        self._open = open_pool
        self._stack = ExitStack()
        self._pool: Any = None
        self._expected = expected_workers

    @property
    def workers(self) -> int:
        return int(self._pool.workers) if self._pool is not None else self._expected

    def submit(self, articles: list[Article]) -> Any:
        if self._pool is None:
            self._pool = self._stack.enter_context(self._open())
        return self._pool.submit(articles)

    def wait_first(self, handles: Collection[Any]) -> list[Any]:
        return list(self._pool.wait_first(handles))

    def result(self, handle: Any) -> list[Outcome]:
        return list(self._pool.result(handle))

    def cancel(self, handles: Collection[Any]) -> None:
        if self._pool is not None:
            self._pool.cancel(handles)

    def close(self) -> None:
        self._stack.close()
        self._pool = None


@contextmanager
def dask_pool(settings: Settings, workers: int | None = None, scheduler: str | None = None, *,
              write_url: str | None = None, factory: ExtractFactory = pipeline_extract,
              connect_timeout: str = SCHEDULER_TIMEOUT) -> Iterator[DaskPool]:
    """A ``DaskPool`` on a new ``LocalCluster`` of ``workers`` processes (one thread each), or on the
    running cluster at ``scheduler``. Every worker loads the extraction step once (``ExtractorPlugin``);
    with ``write_url`` the workers also store their results."""
    import dask
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=connect_timeout)
        else:
            with dask.config.set(WORKER_CONFIG):  # read by the workers as they are spawned
                cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot start or reach the Dask cluster {scheduler or ''}: {exc}") from exc
    try:
        _register(client, ExtractorPlugin(settings, factory, write_url))
        n = len(client.scheduler_info(n_workers=-1).get("workers", {})) or (workers or 1)
        log.info("Dask: %d workers (%s)", n, scheduler or "local cluster")
        yield DaskPool(client, extract_and_write_task if write_url else extract_task, n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _register(client: Any, plugin: ExtractorPlugin) -> None:
    """Install the plugin on every worker; a worker that cannot load the pipeline fails the run."""
    responses = client.register_plugin(plugin, name=PLUGIN_NAME)
    failed = {w: r for w, r in (responses or {}).items() if isinstance(r, dict) and r.get("status") == "error"}
    if failed:
        worker, response = next(iter(failed.items()))
        raise ClusterError(f"worker {worker} could not load the extraction pipeline: {response.get('exception')}")
