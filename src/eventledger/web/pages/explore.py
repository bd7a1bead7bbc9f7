"""Reading pages: overview (map + timeline), event table, event, articles, incidents, audit log."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection

from eventledger.web import audit, reads
from eventledger.web.auth import reader
from eventledger.web.context import context_of
from eventledger.web.filters import ViewFilter, parse_filter, parse_sorting, positive_int, query_string
from eventledger.web.highlight import Mark, first_mark, segments
from eventledger.web.pages.common import render
from eventledger.web.review import version_of
from eventledger.web.vocabulary import ACTOR_KINDS, ACTOR_ROLES, DATE_PRECISIONS, GEO_PRECISIONS

router = APIRouter(dependencies=[Depends(reader)], default_response_class=HTMLResponse, include_in_schema=False)


def view_filter(request: Request) -> ViewFilter:
    return parse_filter(request.query_params, request.query_params.getlist("status"), context_of(request).db.dialect)


def _pages(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


def map_config(request: Request, flt: ViewFilter) -> dict[str, Any]:
    settings = context_of(request).settings
    query = query_string(flt)
    return {"points": f"/api/map?{query}", "timeline": f"/api/timeline?{query}",
            "outlines": "/static/vendor/countries-50m.json", "tileUrl": settings.web_tile_url or None,
            "tileAttribution": settings.web_tile_attribution or None}


@router.get("/", summary="Overview: map, timeline and filters")
def overview(request: Request) -> Response:
    ctx = context_of(request)
    flt = view_filter(request)
    with ctx.db.read() as conn:
        total = reads.count(conn, flt)
    return render(request, "overview.html", title="Overview", flt=flt, total=total, facets=ctx.vocabulary.types,
                  query=query_string(flt), config=map_config(request, flt))


@router.get("/events", summary="Event table")
def events_table(request: Request) -> Response:
    ctx = context_of(request)
    flt = view_filter(request)
    sorting = parse_sorting(request.query_params)
    size = ctx.settings.web_page_size
    page = positive_int(request.query_params, "page", 1)
    with ctx.db.read() as conn:
        events, total = reads.table_page(conn, flt, sorting, page, size)
    return render(request, "events.html", title="Events", flt=flt, events=events, total=total, page=page,
                  pages=_pages(total, size), sorting=sorting, facets=ctx.vocabulary.types, query=query_string(flt),
                  sort_query=query_string(flt, sort=sorting.key, dir="desc" if sorting.descending else "asc"))


def event_marks(event: dict[str, Any]) -> list[Mark]:
    marks = [Mark(e["span_start"], e["span_end"], "evidence", str(e["field"])) for e in event["evidence"]]
    marks += [Mark(c["span_start"], c["span_end"], "claim", f"{c['measure']} claim")
              for c in event["claims"] if c["span_start"] is not None and c["span_end"] is not None]
    marks += [Mark(a["span_start"], a["span_end"], "actor", f"actor: {a['role']}")
              for a in event["actors"] if a["span_start"] is not None and a["span_end"] is not None]
    return marks


@router.get("/events/{event_id}", summary="One event with its evidence, claims and review history")
def event_page(request: Request, event_id: int) -> Response:
    ctx = context_of(request)
    with ctx.db.read() as conn:
        event = reads.event_detail(conn, event_id)
        history = audit.for_events(conn, [event_id])
    segs = segments(event["article"]["text"], event_marks(event))
    return render(request, "event.html", title=f"Event {event_id}", event=event, segments=segs,
                  first_mark=first_mark(segs), history=history, version=version_of(event),
                  vocabulary=ctx.vocabulary, actor_roles=ACTOR_ROLES, actor_kinds=ACTOR_KINDS,
                  date_precisions=DATE_PRECISIONS, geo_precisions=GEO_PRECISIONS)


@router.get("/articles", summary="Stored articles")
def articles(request: Request) -> Response:
    return _numbered_page(request, "articles", "Articles", reads.articles_page)


def article_marks(article: dict[str, Any]) -> list[Mark]:
    marks = [Mark(p["span_start"], p["span_end"], "place", f"place: {p['name'] or p['text']}")
             for p in article["places"]]
    for event in article["events"]:
        marks += [Mark(a["span_start"], a["span_end"], "actor", f"actor: {a['name']}")
                  for a in event["actors"] if a["span_start"] is not None and a["span_end"] is not None]
        span = (event["json"].get("date") or {}).get("evidence") or {}
        if isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            marks.append(Mark(span["start"], span["end"], "date", f"date of event {event['id']}"))
    return marks


def safe_link(url: str | None) -> str | None:
    """An article's URL as a link only when it is http(s): a ``javascript:`` URL stays text."""
    if not url:
        return None
    return url if urlparse(url.strip()).scheme in ("http", "https") else None


@router.get("/articles/{article_id}", summary="One article with its places, actors and dates marked")
def article_page(request: Request, article_id: int) -> Response:
    ctx = context_of(request)
    with ctx.db.read() as conn:
        article = reads.article_detail(conn, article_id)
    segs = segments(article["text"], article_marks(article))
    return render(request, "article.html", title=article["title"] or f"Article {article_id}", article=article,
                  segments=segs, link=safe_link(article["url"]))


@router.get("/incidents", summary="Incidents (duplicate reports merged)")
def incidents(request: Request) -> Response:
    return _numbered_page(request, "incidents", "Incidents", reads.incidents_page)


def _numbered_page(request: Request, key: str, title: str,
                   fetch: Callable[[Connection, int, int], tuple[list[dict[str, Any]], int]]) -> Response:
    """A page-numbered listing rendered with ``{key}.html`` (rows passed as ``key``)."""
    ctx = context_of(request)
    size = ctx.settings.web_page_size
    page = positive_int(request.query_params, "page", 1)
    with ctx.db.read() as conn:
        rows, total = fetch(conn, page, size)
    context: dict[str, Any] = {key: rows, "total": total, "page": page, "pages": _pages(total, size)}
    return render(request, f"{key}.html", title=title, **context)


@router.get("/incidents/{incident_id}", summary="One incident and its reports")
def incident_page(request: Request, incident_id: int) -> Response:
    ctx = context_of(request)
    with ctx.db.read() as conn:
        incident = reads.incident_row(conn, incident_id)
        if incident is None:
            from eventledger.errors import NotFoundError

            raise NotFoundError(f"no incident {incident_id}")
        reports = reads.incident_reports(conn, incident_id)
        history, _ = audit.entries(conn, table="incidents", row_id=incident_id, limit=50)
    return render(request, "incident.html", title=f"Incident {incident_id}", incident=incident, reports=reports,
                  history=history)


@router.get("/audit", summary="The audit log")
def audit_page(request: Request) -> Response:
    ctx = context_of(request)
    size = ctx.settings.web_page_size
    page = positive_int(request.query_params, "page", 1)
    table = request.query_params.get("table") or None
    row_id = request.query_params.get("row")
    with ctx.db.read() as conn:
        entries, total = audit.entries(conn, table=table[:50] if table else None,
                                       row_id=int(row_id) if row_id and row_id.isdigit() else None,
                                       limit=size, offset=(page - 1) * size)
    return render(request, "audit.html", title="Audit log", entries=entries, total=total, page=page,
                  pages=_pages(total, size), table=table, row=row_id)
