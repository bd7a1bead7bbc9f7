"""``/api/…``: events (filters, cursor pagination, GeoJSON), one event, articles, incidents, stats,
map points, timeline counts, place search and the review actions (with a bearer token or a session
and its CSRF header). Errors are JSON: ``{"error", "message", "status"}``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Connection

from eventledger.errors import FilterError, NotFoundError, ReviewError
from eventledger.store import ledger_stats
from eventledger.web import audit, reads
from eventledger.web.accounts import User
from eventledger.web.api.encoding import FastJSONResponse
from eventledger.web.auth import reader, writer
from eventledger.web.context import context_of
from eventledger.web.filters import ViewFilter, parse_filter, positive_int
from eventledger.web.review import ACTIONS, version_of

router = APIRouter(prefix="/api", default_response_class=FastJSONResponse)
read = [Depends(reader)]
MAX_BODY_BYTES = 256_000


def _filter(request: Request) -> ViewFilter:
    return parse_filter(request.query_params, request.query_params.getlist("status"), context_of(request).db.dialect)


def _feature(event: dict[str, Any]) -> dict[str, Any]:
    geometry = None
    if event["lat"] is not None and event["lon"] is not None:
        geometry = {"type": "Point", "coordinates": [round(event["lon"], 6), round(event["lat"], 6)]}
    props = {k: v for k, v in event.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": props}


@router.get("/events", dependencies=read, summary="Events matching the filters, a page at a time")
async def list_events(request: Request) -> Response:
    """Filters: ``from``, ``to`` (YYYY-MM-DD, overlapping the event's date span), ``type`` (event or
    sub-event type), ``actor``, ``place``, ``status`` (repeatable), ``q`` (free text),
    ``background=exclude``. Pagination: ``limit`` and ``cursor`` (the ``next_cursor`` of the previous
    page). ``format=geojson`` answers a GeoJSON FeatureCollection."""
    ctx = context_of(request)
    flt = _filter(request)
    limit = positive_int(request.query_params, "limit", ctx.settings.web_page_size, ctx.settings.web_api_max_limit)
    cursor = request.query_params.get("cursor")
    if cursor is not None and not cursor.isdigit():
        raise FilterError("cursor must be the next_cursor of the previous page")
    fmt = request.query_params.get("format", "json")
    if fmt not in ("json", "geojson"):
        raise FilterError("format is json or geojson")
    with ctx.db.read() as conn:
        events, next_cursor = reads.api_page(conn, flt, int(cursor) if cursor else None, limit)
    if fmt == "geojson":
        return FastJSONResponse({"type": "FeatureCollection", "features": [_feature(e) for e in events],
                                 "next_cursor": next_cursor}, media_type="application/geo+json")
    return FastJSONResponse({"events": events, "next_cursor": next_cursor, "limit": limit})


@router.get("/events/{event_id}", dependencies=read, summary="One event with its evidence, claims and history")
def get_event(request: Request, event_id: int) -> Response:
    ctx = context_of(request)
    with ctx.db.read() as conn:
        event = reads.event_detail(conn, event_id)
        history = audit.for_events(conn, [event_id])
    article = event.pop("article")
    event["article"] = {k: article[k] for k in ("id", "external_id", "title", "source", "url", "published")}
    event["version"] = version_of(event)
    event["history"] = [{"at": h.at, "who": h.who, "action": h.action, "field": h.field,
                         "before": h.value("before"), "after": h.value("after")} for h in history]
    return FastJSONResponse(event)


class ReviewBody(BaseModel):
    action: str = Field(description="accept, correct or reject")
    changes: dict[str, Any] | None = Field(None, description="for correct: field → new value")
    version: str | None = Field(None, description="the event's version as read; a stale one answers 409")


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise ReviewError(f"the request body is larger than {MAX_BODY_BYTES} bytes")
    try:
        return json.loads(raw or b"null")
    except ValueError:
        raise ReviewError("the request body is not JSON") from None


def _review_body(data: Any) -> ReviewBody:
    try:
        body = ReviewBody.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ReviewError(f"{'.'.join(str(p) for p in first['loc']) or 'body'}: {first['msg']}") from None
    if body.action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}")
    return body


@router.post("/events/{event_id}/review", summary="Accept, correct or reject an event (editor)",
             openapi_extra={"requestBody": {"content": {"application/json": {
                 "schema": ReviewBody.model_json_schema()}}, "required": True}})
async def review_event(request: Request, event_id: int, user: User = writer("editor")) -> Response:
    """Body: ``{"action": "accept"|"correct"|"reject", "changes": {...}, "version": "..."}``."""
    body = _review_body(await _json_body(request))
    ctx = context_of(request)
    fields = ctx.reviewer.review(event_id, body.action, user.actor, body.changes, body.version)
    ctx.changed()
    return FastJSONResponse({"event_id": event_id, "action": body.action, "changed": fields})


@router.patch("/events/{event_id}", summary="Correct fields of an event (editor)",
              openapi_extra={"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}},
                                             "required": True}})
async def correct_event(request: Request, event_id: int, user: User = writer("editor")) -> Response:
    """Body: the fields to correct, e.g. ``{"location_name": "Turbat", "lat": 26.0, "lon": 63.05}``;
    an optional ``version`` member guards against overwriting someone else's change."""
    data = await _json_body(request)
    if not isinstance(data, dict):
        raise ReviewError("the body must be a JSON object of field → value")
    version = data.pop("version", None)
    ctx = context_of(request)
    fields = ctx.reviewer.review(event_id, "correct", user.actor, data, version if isinstance(version, str) else None)
    ctx.changed()
    return FastJSONResponse({"event_id": event_id, "action": "correct", "changed": fields})


@router.post("/events/{event_id}/split", summary="Split an event out of its incident (editor)")
def split_event(request: Request, event_id: int, user: User = writer("editor")) -> Response:
    ctx = context_of(request)
    incident = ctx.incidents.split(event_id, user.actor)
    ctx.changed()
    return FastJSONResponse({"event_id": event_id, "incident_id": incident})


@router.post("/incidents/{keep_id}/merge/{other_id}", summary="Merge incident other_id into keep_id (editor)")
def merge_incidents(request: Request, keep_id: int, other_id: int, user: User = writer("editor")) -> Response:
    ctx = context_of(request)
    kept = ctx.incidents.merge(keep_id, other_id, user.actor)
    ctx.changed()
    return FastJSONResponse({"incident_id": kept, "merged": other_id})


@router.get("/articles", dependencies=read, summary="Stored articles, newest first")
def list_articles(request: Request) -> Response:
    return _numbered_page(request, "articles", reads.articles_page)


@router.get("/articles/{article_id}", dependencies=read, summary="One article with its text, places and events")
def get_article(request: Request, article_id: int) -> Response:
    with context_of(request).db.read() as conn:
        article = reads.article_detail(conn, article_id)
    return FastJSONResponse(article)


@router.get("/incidents", dependencies=read, summary="Incidents, newest first")
def list_incidents(request: Request) -> Response:
    return _numbered_page(request, "incidents", reads.incidents_page)


def _numbered_page(request: Request, key: str,
                   fetch: Callable[[Connection, int, int], tuple[list[dict[str, Any]], int]]) -> Response:
    """A page-numbered listing (``?page=&limit=``): ``{key: rows, total, page, limit}``."""
    ctx = context_of(request)
    limit = positive_int(request.query_params, "limit", ctx.settings.web_page_size, ctx.settings.web_api_max_limit)
    page = positive_int(request.query_params, "page", 1)
    with ctx.db.read() as conn:
        rows, total = fetch(conn, page, limit)
    return FastJSONResponse({key: rows, "total": total, "page": page, "limit": limit})


@router.get("/incidents/{incident_id}", dependencies=read, summary="One incident and its reports")
def get_incident(request: Request, incident_id: int) -> Response:
    with context_of(request).db.read() as conn:
        incident = reads.incident_row(conn, incident_id)
        if incident is None:
            raise NotFoundError(f"no incident {incident_id}")
        incident["reports"] = reads.incident_reports(conn, incident_id)
    return FastJSONResponse(incident)


@router.get("/stats", dependencies=read, summary="Counts by table, type, month, place and status")
def stats(request: Request) -> Response:
    with context_of(request).db.read() as conn:
        result = ledger_stats(conn)
    return FastJSONResponse({"totals": result.totals, "by_type": result.by_type, "by_month": result.by_month,
                             "by_admin1": result.by_admin1, "by_status": result.by_status})


@router.get("/map", dependencies=read, summary="Compact map points for the overview (filters as /api/events)")
def map_points(request: Request) -> Response:
    ctx = context_of(request)
    flt = _filter(request)

    def compute() -> bytes:
        with ctx.db.read() as conn:
            points, total = reads.map_points(conn, flt, ctx.settings.web_map_max_events)
        # Cached encoded: thousands of points cost more to encode than to read.
        return bytes(FastJSONResponse({"columns": ["id", "lat", "lon", "event_type", "sub_event_type", "fatalities",
                                             "date", "place", "status"], "points": points, "located": total}).body)

    body: bytes = ctx.cache.get(("map", flt), compute)
    return Response(body, media_type="application/json")


@router.get("/timeline", dependencies=read, summary="Events per day, week or month by event type")
def timeline(request: Request) -> Response:
    bucket = request.query_params.get("bucket", "auto")
    if bucket not in ("auto", *reads.BUCKETS):
        raise FilterError("bucket is auto, day, week or month")
    ctx = context_of(request)
    flt = _filter(request)

    def compute() -> reads.Timeline:
        with ctx.db.read() as conn:
            return reads.timeline(conn, flt, bucket)

    result: reads.Timeline = ctx.cache.get(("timeline", flt, bucket), compute)
    return FastJSONResponse({"bucket": result.bucket, "types": result.types, "series": result.series,
                             "undated": result.undated})


@router.get("/places", dependencies=read, summary="Place names for the review form (prefix search)")
async def places(request: Request) -> Response:
    # async: the gazetteer's connections are then only ever used from the event loop's thread.
    query = (request.query_params.get("q") or "")[:100]
    hits = context_of(request).places.search(query, 10)
    return FastJSONResponse({"places": [{"name": h.name, "lat": h.lat, "lon": h.lon, "country_code": h.country_code,
                                         "geonameid": h.geonameid, "feature": h.feature, "admin1": h.admin1,
                                         "admin2": h.admin2, "geo_precision": h.geo_precision} for h in hits]})
