"""The situation report in the web app: ``/report?from=…&to=…&<filters>`` shows the very HTML that
``eventledger report`` writes (with a toolbar to change the period and download it), ``/report.pdf``
and ``/report.html`` download it. Same reading rules as every page (``reader``).

The filters are the overview's (``type``, ``actor``, ``place``, ``q``, ``status``) plus the exports'
``country`` and ``admin1``. Without a period the report covers the 7 days that end on the latest
event's day. The page links its stylesheet (``/report.css``): the app's Content-Security-Policy
allows no inline style; the charts are ``data:`` images, which it allows.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select
from starlette.datastructures import QueryParams

from eventledger.errors import FilterError
from eventledger.report import Period, ReportBuilder, ReportRenderer, pdf_bytes
from eventledger.report.build import SituationReport
from eventledger.store import Database, schema
from eventledger.web.auth import reader
from eventledger.web.context import context_of
from eventledger.web.filters import MAX_FILTER_CHARS, ViewFilter, query_items
from eventledger.web.pages.explore import view_filter

router = APIRouter(dependencies=[Depends(reader)], include_in_schema=False)
DEFAULT_DAYS = 7
EXTRA_FILTERS = ("country", "admin1")


class ReportPages:
    """The builder (decoded outline layer, palette) and renderer, made once per app on first use."""

    def __init__(self, builder: ReportBuilder, renderer: ReportRenderer) -> None:
        self.builder = builder
        self.renderer = renderer


def pages_of(request: Request) -> ReportPages:
    state = request.app.state
    pages: ReportPages | None = getattr(state, "report_pages", None)
    if pages is None:
        ctx = context_of(request)
        pages = state.report_pages = ReportPages(ReportBuilder(ctx.db, ctx.settings), ReportRenderer())
    return pages


def _extra(params: QueryParams, name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > MAX_FILTER_CHARS:
        raise FilterError(f"filter {name!r} is longer than {MAX_FILTER_CHARS} characters")
    return value or None


def latest_day(db: Database) -> date:
    """The latest day a counted event starts on (not in the future), else today."""
    ev = schema.events
    today = date.today()
    with db.read() as conn:
        latest = conn.execute(select(func.max(ev.c.date_start)).where(
            ev.c.background.is_(False), ev.c.status != "rejected", ev.c.date_start <= today)).scalar_one()
    return latest if isinstance(latest, date) else today


def report_request(request: Request) -> tuple[Period, ViewFilter]:
    """The period (``from``/``to``, defaults as documented) and the filter of the request."""
    flt = view_filter(request)
    start, end = flt.date_from, flt.date_to
    if start is None and end is None:
        end = latest_day(context_of(request).db)
    if start is None and end is not None:
        start = end - timedelta(days=DEFAULT_DAYS - 1)
    if end is None and start is not None:
        end = start + timedelta(days=DEFAULT_DAYS - 1)
    if start is None or end is None:  # unreachable: one of the branches above set both
        raise FilterError("the report needs a period")
    params = request.query_params
    return Period(start, end), dataclasses.replace(flt, date_from=None, date_to=None,
                                                   country=_extra(params, "country"), admin1=_extra(params, "admin1"))


def filter_items(flt: ViewFilter) -> list[tuple[str, str]]:
    """The filter as query pairs, without the period (the toolbar's form sets it)."""
    items = [(k, v) for k, v in query_items(flt) if k not in ("from", "to")]
    return items + [(name, str(getattr(flt, name))) for name in EXTRA_FILTERS if getattr(flt, name)]


def _build(request: Request) -> tuple[SituationReport, ReportPages, list[tuple[str, str]]]:
    """The report, the app's report pages and the filter's query pairs (without the period)."""
    period, flt = report_request(request)
    pages = pages_of(request)
    return pages.builder.build(period, flt), pages, filter_items(flt)


def _filename(report: SituationReport, ext: str) -> str:
    return f"situation-report-{report.period.start.isoformat()}-{report.period.end.isoformat()}.{ext}"


@router.get("/report", response_class=HTMLResponse, summary="Situation report")
def report_page(request: Request) -> Response:
    report, pages, items = _build(request)
    query = urlencode([("from", report.period.start.isoformat()), ("to", report.period.end.isoformat()), *items])
    toolbar = {"back": "/", "action": "/report", "hidden": items, "pdf": f"/report.pdf?{query}",
               "html": f"/report.html?{query}"}
    return HTMLResponse(pages.renderer.html(report, css_href="/report.css", toolbar=toolbar))


@router.get("/report.html", summary="Situation report as a self-contained HTML file")
def report_html(request: Request) -> Response:
    report, pages, _ = _build(request)
    return HTMLResponse(pages.renderer.html(report), headers={
        "Content-Disposition": f'attachment; filename="{_filename(report, "html")}"'})


@router.get("/report.pdf", summary="Situation report as PDF")
def report_pdf(request: Request) -> Response:
    report, pages, _ = _build(request)
    return Response(pdf_bytes(pages.renderer.html(report)), media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{_filename(report, "pdf")}"'})


@router.get("/report.css", summary="The report's stylesheet")
def report_css(request: Request) -> Response:
    return Response(pages_of(request).renderer.css, media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=3600"})
