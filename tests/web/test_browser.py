"""Browser tests: Playwright drives Debian's chromium against a real server (uvicorn in a thread) on
a temporary SQLite ledger holding the bundled samples, ingested by the real pipeline.

Scenario (issue 4): log in, see the seed's events on the map and the timeline, filter, open an
event and see its evidence highlighted, correct its place (map click + name), see the audit entry,
log out and be refused the edit page. Screenshots of the overview, an event page and the review
page are saved under build/screenshots/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from eventledger.settings import Settings
from eventledger.store import Database, DocumentWriter
from eventledger.web import create_app
from eventledger.web.audit import Actor
from tests.pg_cluster import free_port
from tests.store.factories import make_document
from tests.web.conftest import PASSWORD, fast_passwords

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src" / "eventledger" / "samples"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VENDOR = ROOT / "src" / "eventledger" / "web" / "static" / "vendor" / "leaflet.js"


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser tests need this in CI: {reason}")
    pytest.skip(reason)


@dataclass
class LiveServer:
    url: str
    db: Database


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    _need(CHROMIUM.exists(), "Debian's chromium is not installed (make chromium)")
    _need(VENDOR.exists(), "map assets missing (make vendor)")
    folder = tmp_path_factory.mktemp("browser")
    db_url = f"sqlite:///{folder / 'ledger.sqlite'}"
    subprocess.run([sys.executable, "-m", "eventledger.cli", "ingest", str(SAMPLES), "--db", db_url, "--no-progress"],
                   check=True, capture_output=True, timeout=300)
    settings = Settings.load(env={}, data_dir=folder)
    db = Database.open(db_url)
    DocumentWriter(db).write_batch([make_document("located-report")])  # one event with coordinates, always
    app = create_app(settings, db, passwords=fast_passwords())
    app.state.ctx.accounts.add_user("editor", "editor", PASSWORD, Actor("test"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield LiveServer(f"http://127.0.0.1:{port}", db)
    server.should_exit = True
    thread.join(10)
    db.close()


@pytest.fixture(scope="module")
def browser(live_server: LiveServer) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


SEED_ID = "ians-2026-02-02-quetta"


def _seed_event_ids(db: Database, located_only: bool = False) -> set[int]:
    from sqlalchemy import select

    from eventledger.store import schema

    ev, art = schema.events, schema.articles
    query = select(ev.c.id).join(art, art.c.id == ev.c.article_id).where(art.c.external_id == SEED_ID)
    if located_only:
        query = query.where(ev.c.lat.is_not(None))
    with db.read() as conn:
        return set(conn.scalars(query))


def test_analyst_scenario(live_server: LiveServer, browser: object) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = live_server.url

    page.goto(f"{base}/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.fill("input[name=name]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-submit")
    expect(page).to_have_url(f"{base}/")

    # The map shows every located event (the samples' and the hand-made one), the timeline has bars.
    token_free = httpx.Client(base_url=base, cookies={c["name"]: c["value"] for c in page.context.cookies()})
    points = token_free.get("/api/map").json()
    located = points["located"]
    seed_located = _seed_event_ids(live_server.db, located_only=True)
    assert seed_located, "none of the seed article's events has coordinates"
    assert seed_located <= {p[0] for p in points["points"]}  # the seed's events are on the map
    page.wait_for_timeout(500)
    assert not errors, errors
    expect(page.locator("#map")).to_have_attribute("data-markers", str(located), timeout=15000)
    expect(page.locator("#map")).to_have_attribute("data-outlines", "loaded", timeout=15000)
    assert located >= 1
    expect(page.locator("#timeline")).not_to_have_attribute("data-bars", "0", timeout=15000)
    assert page.locator("#timeline rect.bar").count() >= 1
    total = int(page.locator("#event-total").inner_text())
    assert total >= 6  # the five samples' events and the hand-made one
    page.screenshot(path=str(SCREENSHOTS / "overview.png"), full_page=True)

    # Filter by type: the URL carries the filter, fewer events match.
    page.select_option("select[name=type]", "Violence against civilians")
    page.click("#filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"type=Violence\+against\+civilians"))
    assert int(page.locator("#event-total").inner_text()) < total

    # Open one of the seed's events from its article page: its evidence is highlighted.
    event_id = min(seed_located)
    with live_server.db.read() as conn:
        from sqlalchemy import select

        from eventledger.store import schema

        article_id, old_place = conn.execute(select(schema.events.c.article_id, schema.events.c.location_name)
                                             .where(schema.events.c.id == event_id)).one()
    page.goto(f"{base}/articles/{article_id}")
    expect(page.locator("mark.place").first).to_be_visible()
    page.click(f"a[href='/events/{event_id}']")
    expect(page).to_have_url(f"{base}/events/{event_id}")
    expect(page.locator("mark.evidence").first).to_be_visible()
    assert page.locator("mark[data-supports]").count() >= 2
    page.screenshot(path=str(SCREENSHOTS / "event.png"), full_page=True)

    # Correct its place: click the map for coordinates, type the name, save.
    page.click("#review-link")
    expect(page.locator("#pick-map")).to_have_attribute("data-outlines", "loaded", timeout=15000)
    before = page.input_value("#lat")
    page.locator("#pick-map").click(position={"x": 120, "y": 90})
    expect(page.locator("#lat")).not_to_have_value(before)
    page.fill("#location_name", "Dikwa")
    page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)
    page.click("#save-correction")
    expect(page.locator("#notice")).to_contain_text("location_name")
    expect(page.locator("#field-place")).to_contain_text("Dikwa")
    expect(page.locator("#event-status")).to_have_text("edited")

    # The audit log shows who changed the place, from what to what.
    page.goto(f"{base}/audit?table=events")
    row = page.locator("#audit-table tbody tr", has_text="location_name").first
    expect(row).to_contain_text("editor")
    expect(row).to_contain_text(old_place or "—")
    expect(row).to_contain_text("Dikwa")

    # Log out: the edit page is refused (sent to the login page).
    page.click("#logout")
    page.goto(f"{base}/review/events/{event_id}")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    assert not outside, f"the pages fetched something from elsewhere: {outside[:3]}"
    page.close()
