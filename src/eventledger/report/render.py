"""A ``SituationReport`` → one self-contained HTML document (charts as PNG data URIs, the stylesheet
inline), and that HTML → PDF with WeasyPrint.

Every text from the ledger (article words, names, titles, URLs) goes through Jinja2's autoescaping;
only http(s) URLs become links. WeasyPrint gets a URL fetcher that serves ``data:`` URIs only, so a
report can never make it read a local file or the network.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from datetime import date, datetime
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from eventledger.errors import ReportError
from eventledger.report.build import SituationReport
from eventledger.report.units import Unit

CSS_FILE = "report.css"


def png_uri(data: bytes | None) -> str | None:
    return None if data is None else "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def fmt_change(value: int) -> str:
    return f"+{value}" if value > 0 else ("±0" if value == 0 else f"−{-value}")


def fmt_pct(value: float | None, current: int) -> str:
    if value is None:
        return "new" if current else ""
    return f"{'+' if value > 0 else '−' if value < 0 else '±'}{abs(value):.0f}%"


def fmt_day(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%Y-%m-%d %H:%M UTC") if isinstance(value, datetime) else value.isoformat()


def fmt_when(unit: Unit) -> str:
    """The unit's date; a span and its precision when it is not one day."""
    if unit.date_start is None:
        return "date unknown"
    if unit.date_end in (None, unit.date_start):
        return unit.date_start.isoformat()
    span = f"{unit.date_start.isoformat()} – {unit.date_end.isoformat() if unit.date_end else ''}"
    return span if unit.date_precision == "day" else f"{span} ({unit.date_precision})"


def fmt_figures(best: int | None, low: int | None, high: int | None) -> str:
    if best is None and low is None and high is None:
        return "no figure"
    text = "—" if best is None else str(best)
    if low is not None and high is not None and low != high:
        text += f" (range {low}–{high})"
    return text


def fmt_where(unit: Unit, places: Sequence[str] = ()) -> str:
    """"Quetta, Balochistan, PK"; with ``places``, every place of a merged entry before the province."""
    names = list(places) if len(places) > 1 else [unit.location_name] if unit.location_name else []
    parts = [*names, *(p for p in (unit.admin1, unit.country_code) if p and p not in names)]
    return ", ".join(dict.fromkeys(parts)) or "place unknown"


class ReportRenderer:
    """Renders reports; the template environment is built once per instance."""

    def __init__(self) -> None:
        self.env = Environment(loader=PackageLoader("eventledger.report", "templates"), autoescape=True,
                               undefined=StrictUndefined, auto_reload=False, trim_blocks=True, lstrip_blocks=True)
        filters: dict[str, Callable[..., str]] = {"change": fmt_change, "pct": fmt_pct, "day": fmt_day,
                                                  "when": fmt_when, "figures": fmt_figures, "where": fmt_where}
        self.env.filters.update(filters)
        self.css = resources.files("eventledger.report").joinpath("templates", CSS_FILE).read_text("utf-8")

    def html(self, report: SituationReport, *, css_href: str | None = None,
             toolbar: dict[str, Any] | None = None) -> str:
        """The report as one HTML document. ``css_href`` links the stylesheet instead of inlining it (the
        web app's Content-Security-Policy forbids inline styles); ``toolbar`` adds the web page's links."""
        map_names = [p.name for p in report.places]
        return self.env.get_template("report.html").render(
            r=report, map_uri=png_uri(report.map_png), timeline_uri=png_uri(report.timeline_png),
            map_names=map_names, css=self.css, css_href=css_href, toolbar=toolbar)


def pdf_bytes(html: str) -> bytes:
    """The HTML as PDF (WeasyPrint; it needs Debian's pango: ``make pango``). Only ``data:`` URIs (the
    embedded charts) are fetched: a report can never make WeasyPrint read a local file or the network."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except OSError as exc:  # WeasyPrint loads pango with ctypes at import time
        raise ReportError(f"PDF needs the pango library (make pango / apt-get install libpango-1.0-0 "
                          f"libpangoft2-1.0-0): {exc}") from exc
    fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()
    if pdf is None:
        raise ReportError("WeasyPrint produced no PDF")
    return bytes(pdf)
