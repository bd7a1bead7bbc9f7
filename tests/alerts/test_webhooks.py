"""Webhook channel against a local receiver: signed JSON, retries with back-off, failures visible,
each event version delivered once."""

from __future__ import annotations

import json

from eventledger.alerts import ChannelSpec, WatchLists, verify
from eventledger.alerts.signing import DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER
from tests.alerts.conftest import AlertEnv, Receiver


def _hook(receiver: Receiver) -> ChannelSpec:
    return ChannelSpec("webhook", receiver.url, "s3cret-key")


def test_each_matching_event_is_posted_once_signed(env: AlertEnv, receiver: Receiver) -> None:
    ids = env.add_events(1, 2)
    env.watchlist("", _hook(receiver))
    run = env.alerts().run()
    assert (run.scan.queued, run.sent.delivered) == (2, 2)
    posts = receiver.posts()
    assert len(posts) == 2
    for post in posts:
        headers = {k.lower(): v for k, v in post.headers.items()}
        assert verify("s3cret-key", headers[TIMESTAMP_HEADER.lower()], post.body, headers[SIGNATURE_HEADER.lower()])
        assert not verify("wrong-key", headers[TIMESTAMP_HEADER.lower()], post.body, headers[SIGNATURE_HEADER.lower()])
        assert headers[DELIVERY_HEADER.lower()].isdigit()
    documents = [json.loads(p.body) for p in posts]
    assert sorted(d["event"]["id"] for d in documents) == ids
    assert documents[0]["event"]["link"] == f"https://ledger.example/events/{documents[0]['event']['id']}"
    assert documents[0]["watchlist"]["name"] == "north" and documents[0]["headline"]
    again = env.alerts().run()
    assert (again.scan.queued, again.sent.delivered, len(receiver.posts())) == (0, 0, 2)


def test_a_receiver_that_fails_twice_gets_the_event_on_the_third_try(env: AlertEnv, receiver: Receiver) -> None:
    env.add_events(1)
    watchlist = env.watchlist("", _hook(receiver))
    receiver.statuses = [500, 503]
    alerts = env.alerts()
    waits = []
    for expected in ("retrying", "retrying", "delivered"):
        run = alerts.run()
        assert getattr(run.sent, expected) == 1
        row = env.deliveries()[0]
        if expected == "retrying":
            waits.append((row.next_attempt_at - env.clock.now().replace(tzinfo=None)).total_seconds())
            assert alerts.run().sent.delivered == 0  # not due before its back-off ends
            env.clock.advance(seconds=waits[-1] + 0.5)
    assert 7.5 <= waits[0] <= 12.5 and 15 <= waits[1] <= 25  # 10 s then 20 s, ±25 % jitter
    row = env.deliveries()[0]
    assert (row.status, row.attempts) == ("delivered", 3)
    assert len(receiver.posts()) == 3
    channel = WatchLists(env.db).get(watchlist.id).channels[0]
    assert channel.last_ok_at is not None and "HTTP 503" in (channel.last_error or "")
    assert (channel.delivered, channel.pending, channel.failed) == (1, 0, 0)


def test_a_receiver_that_never_accepts_ends_failed_and_visible(env: AlertEnv, receiver: Receiver) -> None:
    env.add_events(1)
    watchlist = env.watchlist("", _hook(receiver))
    receiver.statuses = [500] * 10
    alerts = env.alerts()
    for _ in range(env.settings.alert_attempts):
        alerts.run()
        env.clock.advance(minutes=5)
    row = env.deliveries()[0]
    assert (row.status, row.attempts) == ("failed", env.settings.alert_attempts)
    assert "HTTP 500" in row.last_error
    channel = WatchLists(env.db).get(watchlist.id).channels[0]
    assert (channel.failed, channel.delivered) == (1, 0) and "HTTP 500" in (channel.last_error or "")
    assert alerts.run().sent.delivered == 0 and len(receiver.posts()) == env.settings.alert_attempts


def test_an_unreachable_receiver_is_retried_like_an_error(env: AlertEnv) -> None:
    env.add_events(1)
    env.watchlist("", ChannelSpec("webhook", "http://127.0.0.1:9/hook", "k"))
    run = env.alerts().run()
    assert run.sent.retrying == 1
    assert "POST http://127.0.0.1:9/hook" in env.deliveries()[0].last_error


def test_a_changed_event_is_delivered_again_once_and_a_touch_is_not(env: AlertEnv, receiver: Receiver) -> None:
    (event_id,) = env.add_events(1)
    env.watchlist("", _hook(receiver))
    alerts = env.alerts()
    alerts.run()
    env.correct(event_id, incident_id=None)  # updated_at moves, nothing a reader sees changes
    assert alerts.run().scan.queued == 0
    env.correct(event_id, fatalities_best=12)
    assert alerts.run().sent.delivered == 1
    assert alerts.run().sent.delivered == 0
    bodies = [json.loads(p.body)["event"]["fatalities_best"] for p in receiver.posts()]
    assert bodies == [6, 12]


def test_a_version_superseded_before_sending_is_not_sent(env: AlertEnv, receiver: Receiver) -> None:
    (event_id,) = env.add_events(1)
    env.watchlist("", _hook(receiver))
    receiver.statuses = [500]
    alerts = env.alerts()
    alerts.run()  # first version fails once, waits
    env.correct(event_id, fatalities_best=20)
    env.clock.advance(minutes=5)
    alerts.run()
    assert [json.loads(p.body)["event"]["fatalities_best"] for p in receiver.posts()] == [6, 20]
    assert sorted(r.status for r in env.deliveries()) == ["delivered", "superseded"]


def test_only_events_matching_the_filter_are_sent(env: AlertEnv, receiver: Receiver) -> None:
    env.add_events(1, 2)
    (battle,) = env.add_events(3, event_type="Battles", sub_event_type="Armed clash")
    env.watchlist("type=Battles", _hook(receiver))
    env.alerts().run()
    assert [json.loads(p.body)["event"]["id"] for p in receiver.posts()] == [battle]


def test_a_new_list_without_backfill_sends_only_what_changes_after_it(env: AlertEnv, receiver: Receiver) -> None:
    env.add_events(1)
    env.watchlist("", _hook(receiver), backfill=False)
    env.clock.advance(seconds=1)
    assert env.alerts().run().scan.queued == 0
    (later,) = env.add_events(2)
    env.alerts().run()
    assert [json.loads(p.body)["event"]["id"] for p in receiver.posts()] == [later]


def test_delivery_survives_a_restart_between_failure_and_retry(env: AlertEnv, receiver: Receiver) -> None:
    env.add_events(1, 2)
    env.watchlist("", _hook(receiver))
    receiver.statuses = [500]
    env.alerts().run()  # one delivered, one waiting for its retry
    env.clock.advance(minutes=5)
    restarted = env.alerts(seed=99)  # a new process: only the database remembers
    assert restarted.run().sent.delivered == 1
    assert restarted.run().sent.delivered == 0
    posted = [json.loads(p.body)["event"]["id"] for p in receiver.posts()]
    assert len(posted) == 3 and len(set(posted)) == 2  # the failed try and two deliveries
    assert all(r.status == "delivered" for r in env.deliveries())
