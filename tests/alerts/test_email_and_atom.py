"""Email through a local SMTP double, and the Atom feed's validity and content."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree as ET

import feedparser
import pytest

from eventledger.alerts import ChannelSpec, SmtpMailer, WatchLists, atom_feed, feed_entries
from eventledger.errors import WatchError
from eventledger.settings import Settings
from tests.alerts.conftest import WHO, AlertEnv
from tests.alerts.smtp_double import Mailbox, smtp_server

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


def _mail_env(env: AlertEnv, box: Mailbox) -> None:
    smtp = Settings.load(env={}, smtp_host="127.0.0.1", smtp_port=box.port, smtp_starttls=False,
                         smtp_sender="alerts@ledger.example", alert_timeout_s=2)
    env.mailer = SmtpMailer(smtp)


def test_matching_events_are_mailed_once(env: AlertEnv, mailbox: Mailbox) -> None:
    _mail_env(env, mailbox)
    (event_id,) = env.add_events(1)
    env.watchlist("place=Borno", ChannelSpec("email", "analyst@example.org"))
    mailbox.refuse_next = 1  # the server says "try later" once
    alerts = env.alerts()
    assert alerts.run().sent.retrying == 1
    env.clock.advance(minutes=1)
    assert alerts.run().sent.delivered == 1
    assert env.alerts().run().sent.delivered == 0
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == "analyst@example.org" and message["From"] == "alerts@ledger.example"
    assert message["Subject"].startswith("[eventledger] north: Violence against civilians")
    body = message.get_payload()
    assert f"https://ledger.example/events/{event_id}" in str(body)


def test_email_waits_while_smtp_is_not_configured(env: AlertEnv) -> None:
    env.add_events(1)
    env.watchlist("", ChannelSpec("email", "analyst@example.org"))
    run = env.alerts().run()
    assert (run.scan.queued, run.sent.delivered, run.sent.failed) == (1, 0, 0)
    assert env.deliveries()[0].status == "pending"


def test_the_atom_feed_is_valid_and_lists_the_delivered_events(env: AlertEnv) -> None:
    ids = env.add_events(1, 2)
    watchlist = env.watchlist("")
    env.alerts().run()
    with env.db.read() as conn:
        entries = feed_entries(conn, WatchLists(env.db).get(watchlist.id), "https://ledger.example")
    body = atom_feed(watchlist, entries, "https://ledger.example/watchlists/1/feed.atom?token=x",
                     "https://ledger.example")
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert sorted(e.link for e in parsed.entries) == [f"https://ledger.example/events/{i}" for i in ids]
    root = ET.fromstring(body)
    assert root.find(f"{ATOM}id").text.startswith("urn:uuid:")  # type: ignore[union-attr]
    assert root.find(f"{ATOM}updated") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "summary"):
            assert (entry.find(f"{ATOM}{tag}").text or "").strip(), tag  # type: ignore[union-attr]


def test_channels_and_names_are_checked(env: AlertEnv) -> None:
    lists = WatchLists(env.db)
    with pytest.raises(WatchError, match="http"):
        lists.create("x", "", [ChannelSpec("webhook", "ftp://example.org")], WHO, env.clock.now())
    with pytest.raises(WatchError, match="address"):
        lists.create("x", "", [ChannelSpec("email", "not-an-address")], WHO, env.clock.now())
    with pytest.raises(WatchError, match="channel"):
        lists.create("x", "", [], WHO, env.clock.now())
    lists.create("x", "type=Battles", [ChannelSpec("atom")], WHO, env.clock.now())
    with pytest.raises(WatchError, match="exists"):
        lists.create("x", "", [ChannelSpec("atom")], WHO, env.clock.now())
    from eventledger.errors import FilterError

    with pytest.raises(FilterError):
        lists.create("y", "from=yesterday", [ChannelSpec("atom")], WHO, env.clock.now())
