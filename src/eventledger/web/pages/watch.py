"""Daily-operation pages: source health (``/sources``), watch lists (``/watchlists``, editors) and
each watch list's Atom feed (``/watchlists/{id}/feed.atom?token=…``, for feed readers).

The feed cannot use a session or a bearer header (feed readers send neither), so it is
authenticated by the watch list's secret feed key in the URL, compared in constant time; a wrong
or missing key is a 404, so the feed's existence is not revealed either.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eventledger.alerts import ChannelSpec, WatchList, WatchLists, atom_feed, feed_entries
from eventledger.alerts.watchlists import FILTER_PARAMS, normalise_query, recent_failures
from eventledger.errors import NotFoundError, WatchError
from eventledger.watch.health import read_sources, sources_health
from eventledger.watch.state import WatchState
from eventledger.web.accounts import User
from eventledger.web.auth import page_user, writer
from eventledger.web.context import context_of
from eventledger.web.pages.common import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/sources", summary="Health of the watched feeds and pages")
def sources_page(request: Request, user: User = page_user("editor")) -> Response:
    ctx = context_of(request)
    listed, problem = read_sources(ctx.settings.watch_sources_file, ctx.settings.watch_default_interval_s)
    now = datetime.now(UTC)
    rows = sources_health(WatchState(ctx.db), listed, now)
    return render(request, "sources.html", title="Sources", rows=rows, problem=problem, now=now)


def feed_link(request: Request, watchlist: WatchList) -> str:
    base = context_of(request).settings.alert_base_url.rstrip("/")
    return f"{base}/watchlists/{watchlist.id}/feed.atom?token={watchlist.feed_key}"


def _form_query(request: Request) -> str:
    """The event table's filter from this page's own URL (a "watch this view" link), normalised."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k in FILTER_PARAMS]
    return normalise_query(urlencode(pairs), context_of(request).db.dialect) if pairs else ""


@router.get("/watchlists", summary="Watch lists: saved filters with alert channels")
def watchlists_page(request: Request, user: User = page_user("editor")) -> Response:
    lists = WatchLists(context_of(request).db).all()
    return render(request, "watchlists.html", title="Watch lists", lists=lists, query=_form_query(request),
                  message=None)


@router.post("/watchlists", summary="Save a watch list")
async def create_watchlist(request: Request, user: User = writer("editor")) -> Response:
    ctx = context_of(request)
    form = await request.form()
    specs = [ChannelSpec("atom")] if form.get("atom") else []
    if str(form.get("webhook") or "").strip():
        specs.append(ChannelSpec("webhook", str(form.get("webhook")).strip()))
    if str(form.get("email") or "").strip():
        specs.append(ChannelSpec("email", str(form.get("email")).strip()))
    lists = WatchLists(ctx.db)
    try:
        created = lists.create(str(form.get("name") or ""), str(form.get("query") or ""), specs, user.actor,
                               datetime.now(UTC), backfill=bool(form.get("backfill")))
    except WatchError as exc:
        return render(request, "watchlists.html", status_code=400, title="Watch lists", lists=lists.all(),
                      query=str(form.get("query") or ""), message=str(exc))
    return _detail(request, created, new=True)


def _detail(request: Request, watchlist: WatchList, new: bool = False) -> Response:
    failures = recent_failures(context_of(request).db, watchlist.id)
    return render(request, "watchlist.html", title=f"Watch list {watchlist.name}", w=watchlist, new=new,
                  failures=failures, feed_url=feed_link(request, watchlist))


@router.get("/watchlists/{list_id}", summary="One watch list: channels, deliveries, failures")
def watchlist_page(request: Request, list_id: int, user: User = page_user("editor")) -> Response:
    return _detail(request, WatchLists(context_of(request).db).get(list_id))


@router.post("/watchlists/{list_id}/delete", summary="Delete a watch list")
def delete_watchlist(request: Request, list_id: int, user: User = writer("editor")) -> Response:
    WatchLists(context_of(request).db).delete(list_id, user.actor, datetime.now(UTC))
    return RedirectResponse("/watchlists", status_code=303)


@router.get("/watchlists/{list_id}/feed.atom", summary="A watch list's Atom feed (token in the URL)")
def watchlist_feed(request: Request, list_id: int, token: str = "") -> Response:
    ctx = context_of(request)
    lists = WatchLists(ctx.db)
    try:
        watchlist = lists.get(list_id)
    except NotFoundError:
        watchlist = None
    if watchlist is None or not hmac.compare_digest(token.encode(), watchlist.feed_key.encode()):
        raise NotFoundError("no such feed")
    base = ctx.settings.alert_base_url
    with ctx.db.read() as conn:
        entries = feed_entries(conn, watchlist, base)
    return Response(atom_feed(watchlist, entries, feed_link(request, watchlist), base),
                    media_type="application/atom+xml; charset=utf-8", headers={"Cache-Control": "no-store"})
