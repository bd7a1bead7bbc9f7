"""The watcher against a local server: new items between polls, conditional requests, errors and
back-off, a page that times out, a malformed entry, a duplicate under a new URL, robots.txt, restarts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from eventledger.store import Database, schema
from eventledger.watch import Source
from tests.watch.conftest import WatcherFactory
from tests.watch.doubles import FakeClock, FakeExtract, article_page, http_date, report_text, rss
from tests.watch.server import LocalServer

FEED = "/feeds/north.xml"


def _publish(server: LocalServer, n_items: int, first: int = 1, *, etag: bool = True) -> None:
    items = []
    for n in range(first, first + n_items):
        path = f"/news/{n}.html"
        server.set(path, article_page(f"Market attack {n}", report_text(n, "Gwoza")))
        items.append({"guid": f"urn:test:{n}", "link": server.url(path), "title": f"Market attack {n}",
                      "pubDate": "Mon, 02 Mar 2026 05:00:00 GMT"})
    server.set(FEED, rss("North desk", items), "application/rss+xml", etag=f'"v{first + n_items}"' if etag else None)


def _source(server: LocalServer, **kw: object) -> Source:
    return Source(name="north", url=server.url(FEED), interval_s=600, language="en", **kw)  # type: ignore[arg-type]


def _articles(db: Database) -> list[str]:
    with db.read() as conn:
        return list(conn.scalars(select(schema.articles.c.url).order_by(schema.articles.c.id)))


def test_new_items_between_polls_are_ingested_once(server: LocalServer, ledger: Database,
                                                   make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 2)
    watcher = make_watcher([_source(server)], clock)
    first = watcher.poll(watcher.sources[0])
    assert (first.status, first.new) == ("ok", 2)
    _publish(server, 3)  # one more item appears
    clock.advance(minutes=10)
    second = watcher.poll(watcher.sources[0])
    assert (second.status, second.new, second.duplicate) == ("ok", 1, 0)
    assert _articles(ledger) == [server.url(f"/news/{n}.html") for n in (1, 2, 3)]
    assert [server.hits(f"/news/{n}.html") for n in (1, 2, 3)] == [1, 1, 1]  # seen items are not fetched again


def test_unchanged_feed_is_answered_304_and_state_is_recorded(server: LocalServer, ledger: Database,
                                                              make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 1)
    watcher = make_watcher([_source(server)], clock)
    watcher.poll(watcher.sources[0])
    clock.advance(minutes=10)
    again = watcher.poll(watcher.sources[0])
    assert again.status == "not_modified"
    sent = [r for r in server.requests if r.path == FEED][-1]
    assert sent.headers.get("If-None-Match") == '"v2"'
    state = watcher.state.all()[0]
    assert (state.polls, state.not_modified, state.items_new, state.failures) == (2, 1, 1, 0)
    assert state.last_new_at is not None and state.last_poll_at == clock.now()


def test_last_modified_is_sent_back(server: LocalServer, make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 1, etag=False)
    server.routes[FEED].last_modified = http_date(clock.now())
    watcher = make_watcher([_source(server)], clock)
    watcher.poll(watcher.sources[0])
    assert watcher.poll(watcher.sources[0]).status == "not_modified"


def test_a_failing_feed_backs_off_with_jitter_and_recovers(server: LocalServer, make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 1)
    server.routes[FEED].fail_next = 2
    watcher = make_watcher([_source(server)], clock)
    delays = []
    for _ in range(2):
        assert watcher.run_once()[0].status == "failed"
        state = watcher.state.all()[0]
        delays.append((state.next_poll_at - clock.now()).total_seconds())  # type: ignore[operator]
        assert watcher.run_once() == []  # not due while backing off
        clock.current = state.next_poll_at  # type: ignore[assignment]
    assert 45 <= delays[0] <= 75 and 90 <= delays[1] <= 150  # 60 s, then 120 s, ±25 %
    ok = watcher.run_once()[0]
    assert (ok.status, ok.new) == ("ok", 1)
    state = watcher.state.all()[0]
    assert (state.failures, state.total_failures, state.last_error) == (0, 2, None)


def test_a_page_that_times_out_is_retried_on_the_next_poll(server: LocalServer, ledger: Database,
                                                           make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 2)
    server.routes["/news/2.html"].delay_s = 1.0  # the client gives up after 0.5 s
    watcher = make_watcher([_source(server)], clock)
    first = watcher.poll(watcher.sources[0])
    assert (first.new, first.pending) == (1, 1)
    assert watcher.state.all()[0].etag is None  # validators dropped: the next poll must see the item again
    server.routes["/news/2.html"].delay_s = 0
    clock.advance(minutes=10)
    second = watcher.poll(watcher.sources[0])
    assert (second.status, second.new, second.pending) == ("ok", 1, 0)
    assert len(_articles(ledger)) == 2


def test_an_item_page_that_keeps_failing_falls_back_to_the_entry_text(server: LocalServer, ledger: Database,
                                                                      make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    server.set("/news/9.html", "", fail_next=99)
    server.set(FEED, rss("North desk", [{"guid": "urn:9", "link": server.url("/news/9.html"), "title": "Raid",
                                         "description": "Soldiers raided a village near Bama overnight."}]),
               "application/rss+xml")
    watcher = make_watcher([_source(server)], clock)
    outcomes = []
    for _ in range(3):
        outcomes.append(watcher.poll(watcher.sources[0]))
        clock.advance(minutes=10)
    assert [(o.pending, o.new) for o in outcomes] == [(1, 0), (1, 0), (0, 1)]
    with ledger.read() as conn:
        text = conn.scalar(select(schema.articles.c.text))
    assert text == "Soldiers raided a village near Bama overnight."


def test_a_malformed_entry_is_skipped_and_the_rest_ingested(server: LocalServer, make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 2)
    body = server.routes[FEED].body.decode().replace("</channel>", "<item><title>no link, no id</title></item>"
                                                                     "</channel>")
    server.set(FEED, body, "application/rss+xml")
    watcher = make_watcher([_source(server)], clock)
    outcome = watcher.poll(watcher.sources[0])
    assert (outcome.status, outcome.new, outcome.malformed) == ("ok", 2, 1)


def test_a_cut_off_feed_keeps_the_entries_before_the_damage(server: LocalServer,
                                                             make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 3)
    body = server.routes[FEED].body.decode()
    server.set(FEED, body[:body.index("<item>", body.index("urn:test:2"))] + "<item><title>cut", "application/rss+xml")
    watcher = make_watcher([_source(server)], clock)
    assert watcher.poll(watcher.sources[0]).new == 2


def test_a_duplicate_item_under_a_new_url_is_recognised_by_its_content(server: LocalServer, ledger: Database,
                                                                       make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 1)
    server.set("/mirror/one.html", server.routes["/news/1.html"].body)
    watcher = make_watcher([_source(server)], clock)
    watcher.poll(watcher.sources[0])
    server.set(FEED, rss("North desk", [{"guid": "urn:test:1", "link": server.url("/news/1.html")},
                                        {"guid": "urn:mirror:1", "link": server.url("/mirror/one.html")}]),
               "application/rss+xml")
    clock.advance(minutes=10)
    outcome = watcher.poll(watcher.sources[0])
    assert (outcome.new, outcome.duplicate) == (0, 1)
    assert len(_articles(ledger)) == 1
    with ledger.read() as conn:
        statuses = dict(conn.execute(select(schema.watch_items.c.url, schema.watch_items.c.status)).all())
    assert statuses[server.url("/mirror/one.html")] == "duplicate"


def test_robots_txt_is_respected(server: LocalServer, ledger: Database, make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 2)
    server.set("/robots.txt", "User-agent: *\nDisallow: /news/2.html\n", "text/plain")
    watcher = make_watcher([_source(server)], clock)
    outcome = watcher.poll(watcher.sources[0])
    assert (outcome.new, outcome.failed_items) == (1, 1)  # no entry text to fall back on
    assert server.hits("/news/2.html") == 0
    server.set("/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain")
    clock.advance(days=2)  # past the robots.txt cache time
    assert watcher.poll(watcher.sources[0]).status == "failed"


def test_requests_to_one_host_are_paced(server: LocalServer, make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 3)
    watcher = make_watcher([_source(server)], clock)
    start = clock.now()
    watcher.poll(watcher.sources[0])
    assert clock.now() - start >= timedelta(seconds=2 * 3)  # feed + 3 pages, 2 s apart


def test_a_restart_resumes_without_re_ingesting(server: LocalServer, ledger: Database,
                                                make_watcher: WatcherFactory) -> None:
    clock = FakeClock()
    _publish(server, 2, etag=False)
    extract = FakeExtract()
    make_watcher([_source(server)], clock, extract).run_once()
    restarted = make_watcher([_source(server)], clock, extract)
    assert restarted.run_once() == []  # not due yet: the schedule survived the restart
    clock.advance(minutes=11)
    again = restarted.run_once()
    assert (again[0].new, again[0].duplicate) == (0, 0)
    assert len(extract.articles) == 2
    with ledger.read() as conn:
        assert conn.scalar(select(func.count()).select_from(schema.articles)) == 2
