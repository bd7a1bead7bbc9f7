"""Review pages: the queue, the edit page of one event, and the actions (accept, correct, reject,
merge two incidents, split a report out of its incident). Every action is audited."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eventledger.errors import ReviewError
from eventledger.web import audit, reads
from eventledger.web.accounts import User
from eventledger.web.auth import page_user, writer
from eventledger.web.context import context_of
from eventledger.web.corrections import EDITABLE, actors_text
from eventledger.web.filters import ViewFilter, parse_sorting, positive_int, query_string
from eventledger.web.highlight import first_mark, segments
from eventledger.web.pages.common import render
from eventledger.web.pages.explore import event_marks, map_config, view_filter
from eventledger.web.review import version_of
from eventledger.web.vocabulary import ACTOR_KINDS, ACTOR_ROLES, DATE_PRECISIONS, GEO_PRECISIONS

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/review", summary="Review queue: machine-coded events waiting for an editor")
def review_queue(request: Request, user: User = page_user("editor")) -> Response:
    ctx = context_of(request)
    flt = view_filter(request)
    if not flt.status:
        flt = replace(flt, status=("machine",))
    size = ctx.settings.web_page_size
    page = positive_int(request.query_params, "page", 1)
    with ctx.db.read() as conn:
        events, total = reads.table_page(conn, flt, parse_sorting(request.query_params), page, size)
    return render(request, "review_queue.html", title="Review", flt=flt, events=events, total=total, page=page,
                  pages=max(1, -(-total // size)), facets=ctx.vocabulary.types, query=query_string(flt))


@router.get("/review/events/{event_id}", summary="Edit page of one event")
def review_event(request: Request, event_id: int, user: User = page_user("editor")) -> Response:
    ctx = context_of(request)
    with ctx.db.read() as conn:
        event = reads.event_detail(conn, event_id)
        history = audit.for_events(conn, [event_id])
    segs = segments(event["article"]["text"], event_marks(event))
    return render(request, "review_event.html", title=f"Review event {event_id}", event=event, segments=segs,
                  first_mark=first_mark(segs), history=history, version=version_of(event),
                  actors_text=actors_text(event["actors"]), vocabulary=ctx.vocabulary, actor_roles=ACTOR_ROLES,
                  actor_kinds=ACTOR_KINDS, date_precisions=DATE_PRECISIONS, geo_precisions=GEO_PRECISIONS,
                  config=map_config(request, ViewFilter(dialect=ctx.db.dialect)), message=None)


def _form_changes(form: Any) -> dict[str, Any]:
    """The correctable fields present in the form (the form sends them all, prefilled)."""
    changes = {name: form.get(name) for name in EDITABLE if name in form and name not in (
        "fatalities_disputed", "injuries_disputed", "background")}
    for flag in ("fatalities_disputed", "injuries_disputed", "background"):
        if f"has_{flag}" in form:  # a checkbox sends nothing when unticked: the hidden marker says it was shown
            changes[flag] = flag in form
    return changes


@router.post("/review/events/{event_id}", summary="Accept, correct or reject one event")
async def review_action(request: Request, event_id: int, user: User = writer("editor")) -> Response:
    ctx = context_of(request)
    form = await request.form()
    action = str(form.get("action") or "")
    changes = _form_changes(form) if action == "correct" else None
    version = form.get("version")
    fields = ctx.reviewer.review(event_id, action, user.actor, changes, version if isinstance(version, str) else None)
    ctx.changed()
    note = f"{action}: {', '.join(fields) if fields else 'nothing changed'}"
    return RedirectResponse(f"/events/{event_id}?done={note[:200]}", status_code=303)


def _int_field(form: Any, name: str) -> int:
    value = str(form.get(name) or "").strip()
    if not value.isdigit():
        raise ReviewError(f"{name} must be an incident or event id")
    return int(value)


@router.post("/review/incidents/merge", summary="Merge two incidents")
async def merge_incidents(request: Request, user: User = writer("editor")) -> Response:
    ctx = context_of(request)
    form = await request.form()
    keep = ctx.incidents.merge(_int_field(form, "keep_id"), _int_field(form, "other_id"), user.actor)
    ctx.changed()
    return RedirectResponse(f"/incidents/{keep}", status_code=303)


@router.post("/review/events/{event_id}/split", summary="Split a report out of its incident")
async def split_event(request: Request, event_id: int, user: User = writer("editor")) -> Response:
    ctx = context_of(request)
    incident = ctx.incidents.split(event_id, user.actor)
    ctx.changed()
    return RedirectResponse(f"/incidents/{incident}", status_code=303)
