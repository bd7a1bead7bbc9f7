"""Writing a report: HTML (self-contained) or PDF, to a file or standard output.

A file is written to a temporary name beside the target and renamed when complete, like the
exports: an interrupted run never leaves a truncated report under the requested name.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from eventledger.errors import ReportError
from eventledger.report.build import ReportBuilder, SituationReport
from eventledger.report.period import Period
from eventledger.report.render import ReportRenderer, pdf_bytes
from eventledger.store import EventFilter

STDOUT = "-"


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"


@dataclass(frozen=True)
class WrittenReport:
    report: SituationReport
    size: int  # bytes written
    build_s: float  # reading the ledger and drawing the charts
    render_s: float  # HTML, plus PDF when asked for


def render_bytes(report: SituationReport, fmt: ReportFormat, renderer: ReportRenderer) -> bytes:
    html = renderer.html(report)
    return pdf_bytes(html) if fmt is ReportFormat.pdf else html.encode("utf-8")


def write_report(builder: ReportBuilder, period: Period, flt: EventFilter, fmt: ReportFormat, output: str,
                 renderer: ReportRenderer | None = None) -> WrittenReport:
    """Build the report for ``period`` and ``flt`` and write it to ``output`` (a path or ``-``)."""
    if fmt is ReportFormat.pdf and output == STDOUT and sys.stdout.isatty():
        raise ReportError("a PDF is binary: give --output FILE (or redirect standard output)")
    started = time.perf_counter()
    report = builder.build(period, flt)
    built = time.perf_counter()
    data = render_bytes(report, fmt, renderer or ReportRenderer())
    rendered = time.perf_counter()
    if output == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _write_file(Path(output), data)
    return WrittenReport(report, len(data), built - started, rendered - built)


def _write_file(target: Path, data: bytes) -> None:
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as exc:
        raise ReportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
