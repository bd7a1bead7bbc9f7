"""``eventledger ingest``: read articles, extract their events and store them, idempotently."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from eventledger.cli._options import config_option, db_option
from eventledger.errors import InputError
from eventledger.ingest import Article, CsvColumns, Overrides, ReadOptions, read_inputs
from eventledger.ingest.readers import SUPPORTED, parse_published
from eventledger.settings import Settings

log = logging.getLogger(__name__)
SHOWN_FAILURES = 50


class RateColumn(ProgressColumn):
    """Articles per second over the run (Rich's own speed columns assume bytes or a known total)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:6.1f} articles/s", style="cyan")


class LazyExtract:
    """Loads the NLP pipeline only when an article actually needs extracting (a rerun over an
    already stored folder never pays the model's load time)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._run: Any = None

    def __call__(self, articles: Sequence[Article]) -> list[dict[str, Any] | InputError]:
        if self._run is None:
            from eventledger.extract import Extractor
            from eventledger.store import extractor_batch

            self._run = extractor_batch(Extractor(self.settings))
        result: list[dict[str, Any] | InputError] = self._run(articles)
        return result


def _read_options(settings: Settings, published: str | None, source: str | None) -> ReadOptions:
    pub: date | None = parse_published(published, source="--published")
    csv = CsvColumns(text=settings.csv_text_column, id=settings.csv_id_column, published=settings.csv_date_column,
                     title=settings.csv_title_column, url=settings.csv_url_column, source=settings.csv_source_column)
    return ReadOptions(overrides=Overrides(published=pub, source=source), max_chars=settings.max_text_chars,
                       max_file_bytes=settings.max_file_bytes, csv=csv, recursive=True)


def ingest(
    paths: list[str] = typer.Argument(..., metavar="PATH...", help=f"Files, folders (recursive) or globs: {SUPPORTED}"),
    db: str | None = db_option(),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Extract on a local Dask cluster of N "
                                       "worker processes (one NLP pipeline each)"),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Extract on the running Dask cluster at "
                                         "this scheduler address (tcp://host:port)"),
    resolve: bool | None = typer.Option(None, "--resolve/--no-resolve", help="Link the new events to incidents "
                                        "afterwards (duplicate merging; setting resolve_after_ingest)",
                                        show_default=False),
    published: str | None = typer.Option(None, "--published", help="Publish date YYYY-MM-DD for every article"),
    source: str | None = typer.Option(None, "--source", help="Source/outlet name for every article"),
    csv_text: str | None = typer.Option(None, "--csv-text", help="CSV column with the text (setting csv_text_column)"),
    csv_id: str | None = typer.Option(None, "--csv-id", help="CSV id column"),
    csv_date: str | None = typer.Option(None, "--csv-date", help="CSV publish date column"),
    csv_title: str | None = typer.Option(None, "--csv-title", help="CSV title column"),
    csv_url: str | None = typer.Option(None, "--csv-url", help="CSV URL column"),
    csv_source: str | None = typer.Option(None, "--csv-source", help="CSV source column"),
    batch_size: int | None = typer.Option(None, "--batch-size", min=1, help="Articles per transaction "
                                          "(setting db_batch_size)"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show the progress bar"),
    config: Path | None = config_option(),
) -> None:
    """Read articles, extract their events and store them; already stored articles are skipped."""
    from eventledger.store import IngestSummary, open_database

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    settings = Settings.load(config_file=config, csv_text_column=csv_text, csv_id_column=csv_id,
                             csv_date_column=csv_date, csv_title_column=csv_title, csv_url_column=csv_url,
                             csv_source_column=csv_source, db_batch_size=batch_size)
    try:
        options = _read_options(settings, published, source)
    except InputError as exc:
        err.print(f"[red]error:[/red] {escape(exc.message)}")
        raise typer.Exit(2) from None
    database = open_database(settings, db)
    bar = Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold] {task.completed} articles"), RateColumn(),
                   TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), console=err, disable=not progress,
                   transient=False)
    task = bar.add_task("ingest", total=None, counts="")

    def on_progress(s: IngestSummary) -> None:
        bar.update(task, completed=s.read, counts=f"new {s.new} · duplicate {s.duplicate} · failed {s.failed}")

    run: Any = None
    resolved: Any = None
    interrupted = False
    try:
        with bar, _ingest_run(settings, database, on_progress, workers, scheduler) as run:
            run.run(read_inputs(paths, options=options))
        if settings.resolve_after_ingest if resolve is None else resolve:
            from eventledger.resolve import Resolver

            resolved = Resolver(database, settings).resolve_new()
    except KeyboardInterrupt:
        interrupted = True
    finally:
        database.close()
    summary = run.summary if run is not None else IngestSummary()
    _summary(err, summary, database.display_url, interrupted)
    if resolved is not None:
        err.print(f"resolve: {escape(str(resolved))}")
    if interrupted:
        raise typer.Exit(130)
    if summary.failed:
        raise typer.Exit(1)


@contextmanager
def _ingest_run(settings: Settings, database: Any, on_progress: Any, workers: int | None,
                scheduler: str | None) -> Iterator[Any]:
    """An ``Ingest`` extracting in this process, or a ``PipelinedIngest`` extracting on Dask when
    ``--workers``/``--scheduler`` ask for it (the cluster lives as long as the context)."""
    from eventledger.store import DocumentWriter, Ingest

    writer = DocumentWriter(database)
    if not (workers or scheduler):
        yield Ingest(writer, LazyExtract(settings), settings.db_batch_size, on_progress)
        return
    from eventledger.bulk import LazyPool, PipelinedIngest, dask_pool

    # Dask logs every worker start and stop at INFO; keep that out of the progress display.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    write_url = database.url if database.dialect == "postgresql" and settings.bulk_workers_write else None
    pool = LazyPool(lambda: dask_pool(settings, workers, scheduler, write_url=write_url), workers or 1)
    try:
        yield PipelinedIngest(writer, pool, settings.bulk_batch_size, on_progress=on_progress,
                              workers_write=write_url is not None, per_worker=settings.bulk_in_flight)
    finally:
        pool.close()


def _summary(err: Console, s: Any, where: str, interrupted: bool) -> None:
    head = "[yellow]interrupted[/yellow]: " if interrupted else ""
    err.print(f"{head}read {s.read} · [green]new {s.new}[/green] ({s.events} events) · duplicate {s.duplicate} · "
              f"{'[red]' if s.failed else ''}failed {s.failed}{'[/red]' if s.failed else ''} → {escape(where)}")
    for where_, reason in s.failures[:SHOWN_FAILURES]:
        err.print(f"  [red]failed:[/red] {escape(where_)}: {escape(reason)}")
    if s.failed > SHOWN_FAILURES:
        err.print(f"  … and {s.failed - SHOWN_FAILURES} more failures")
