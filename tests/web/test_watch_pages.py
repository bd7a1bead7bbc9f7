"""Web pages for daily operation: source health, watch lists (editors, CSRF) and the Atom feed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from eventledger.alerts import Alerts, ChannelSpec, WatchLists
from eventledger.store import Database, schema
from eventledger.watch import Response, Source, WatchState
from eventledger.web.audit import Actor
from tests.watch.doubles import FakeClock
from tests.web.conftest import WebEnv, build_env, csrf


class _Accepting:
    """A fetcher double: every webhook POST is accepted."""

    def __init__(self) -> None:
        self.posted: list[str] = []

    def get(self, url: str, headers: object = None) -> Response:
        raise AssertionError("no GET expected")

    def post(self, url: str, body: bytes, headers: object = None) -> Response:
        self.posted.append(url)
        return Response(url, 204)


@pytest.fixture
def web(tmp_path: Path) -> Iterator[WebEnv]:
    env = build_env(f"sqlite:///{tmp_path / 'ledger.sqlite'}", tmp_path)
    yield env
    env.db.close()


def test_sources_page_shows_health_to_editors_only(web: WebEnv) -> None:
    web.app.state.ctx.settings.watch_sources_file.write_text(
        '[[source]]\nname = "Borno <desk>"\nurl = "https://news.example/feed.xml"\ninterval = "15m"\n')
    state = WatchState(web.db)
    ids = state.sync([Source("Borno <desk>", "https://news.example/feed.xml", 900)])
    state.save(ids["Borno <desk>"], last_poll_at=datetime(2026, 3, 2, 6, tzinfo=UTC), failures=2, total_failures=5,
               last_error="HTTP 503 <b>busy</b>")
    editor = web.login("editor")
    page = editor.get("/sources")
    assert page.status_code == 200
    assert "Borno &lt;desk&gt;" in page.text and "HTTP 503 &lt;b&gt;busy&lt;/b&gt;" in page.text  # escaped
    assert "failing" in page.text and "(5 in all)" in page.text
    assert 'href="/sources"' in page.text and 'href="/watchlists"' in page.text  # in the nav
    assert web.login("viewer").get("/sources").status_code == 403
    assert 'href="/sources"' not in web.login("viewer").get("/events").text
    assert web.client().get("/sources", follow_redirects=False).status_code == 303  # to the login page


def test_an_editor_creates_a_watch_list_with_csrf_and_reads_its_feed(web: WebEnv) -> None:
    editor = web.login("editor")
    form = editor.get("/watchlists?type=Battles&bogus=1")
    assert 'value="type=Battles"' in form.text  # the event table's filter carried over
    data = {"name": "Battles", "query": "type=Battles", "atom": "1", "webhook": "https://hooks.example/in",
            "backfill": "1"}
    assert editor.post("/watchlists", data=data).status_code == 403  # no CSRF token
    created = editor.post("/watchlists", data={**data, "csrf_token": csrf(editor, "/watchlists")})
    assert created.status_code == 200, created.text
    assert re.search(r'<code class="secret">[^<]{20,}</code>', created.text)  # the signing key, shown once
    feed_url = re.search(r'id="feed-url">([^<]+)<', created.text).group(1)  # type: ignore[union-attr]
    path = feed_url.replace("http://127.0.0.1:8000", "").replace("&amp;", "&")
    watchlist = WatchLists(web.db).by_name("Battles")
    assert path == f"/watchlists/{watchlist.id}/feed.atom?token={watchlist.feed_key}"

    fetcher = _Accepting()
    Alerts(web.db, web.app.state.ctx.settings, fetcher, None, FakeClock()).run()
    assert fetcher.posted == ["https://hooks.example/in"]
    feed = web.client().get(path)  # feed readers have no session: the token is the credential
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.content)
    assert parsed.bozo == 0 and [e.title.split(" ")[0] for e in parsed.entries] == ["Battles"]
    assert parsed.entries[0].link == f"http://127.0.0.1:8000/events/{web.event_ids[1]}"
    assert web.client().get(path.replace(watchlist.feed_key, "x" * len(watchlist.feed_key))).status_code == 404
    assert web.client().get(f"/watchlists/{watchlist.id}/feed.atom").status_code == 404

    listing = editor.get("/watchlists")
    assert "Battles" in listing.text and "atom, webhook" in listing.text
    detail = editor.get(f"/watchlists/{watchlist.id}")
    assert "hooks.example" in detail.text
    gone = editor.post(f"/watchlists/{watchlist.id}/delete", data={"csrf_token": csrf(editor, "/watchlists")},
                       follow_redirects=False)
    assert gone.status_code == 303 and WatchLists(web.db).all() == []


def test_bad_input_is_answered_on_the_form_and_viewers_cannot_create(web: WebEnv) -> None:
    editor = web.login("editor")
    bad = editor.post("/watchlists", data={"name": "x", "query": "", "webhook": "javascript:alert(1)",
                                           "csrf_token": csrf(editor, "/watchlists")})
    assert bad.status_code == 400 and "http(s) URL" in bad.text
    viewer = web.login("viewer")
    assert viewer.get("/watchlists").status_code == 403
    denied = viewer.post("/watchlists", data={"name": "v", "atom": "1", "csrf_token": csrf(viewer, "/events")})
    assert denied.status_code == 403


def test_failures_are_visible_on_the_watch_list_page(web: WebEnv) -> None:
    lists = WatchLists(web.db)
    created = lists.create("hook", "", [ChannelSpec("webhook", "http://127.0.0.1:9/in", "k")], Actor("t"),
                           datetime.now(UTC), backfill=True)
    db: Database = web.db
    with db.begin_write() as conn:
        conn.execute(schema.watch_channels.update().values(last_error="HTTP 500 from receiver",
                                                           last_error_at=datetime.now(UTC)))
    page = web.login("editor").get(f"/watchlists/{created.id}")
    assert "HTTP 500 from receiver" in page.text
