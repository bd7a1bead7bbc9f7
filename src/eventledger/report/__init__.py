"""Situation reports: headline counts with the change on the previous period, a static map, a
timeline, the most severe incidents with evidence and sources, every disputed figure with its
claimants and a method note, as one self-contained HTML document or a PDF (docs/report.md).

Public API: ``Period``, ``ReportBuilder`` (the ledger → ``SituationReport``), ``ReportRenderer``
(→ HTML), ``pdf_bytes`` (HTML → PDF), ``write_report`` / ``ReportFormat`` (what the CLI runs), and
the outline layer interface ``Outlines`` with ``TopoJsonOutlines`` and the test double
``MemoryOutlines``.
"""

from eventledger.report.build import ReportBuilder, SituationReport
from eventledger.report.outlines import MemoryOutlines, Outlines, TopoJsonOutlines
from eventledger.report.output import ReportFormat, WrittenReport, render_bytes, write_report
from eventledger.report.period import Period
from eventledger.report.render import ReportRenderer, pdf_bytes

__all__ = ["MemoryOutlines", "Outlines", "Period", "ReportBuilder", "ReportFormat", "ReportRenderer",
           "SituationReport", "TopoJsonOutlines", "WrittenReport", "pdf_bytes", "render_bytes", "write_report"]
