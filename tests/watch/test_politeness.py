"""Politeness state stays bounded: robots.txt answers per host (LRU), pacing entries per host."""

from __future__ import annotations

from collections.abc import Mapping

from eventledger.watch.fetch import Response
from eventledger.watch.politeness import HostPacer, RobotsPolicy
from tests.watch.doubles import FakeClock


class RobotsServer:
    """A fetcher double: every host disallows /private, and the requests are counted."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        self.asked.append(url)
        return Response(url, 200, b"User-agent: *\nDisallow: /private\n")

    def post(self, url: str, body: bytes, headers: Mapping[str, str] | None = None) -> Response:
        raise AssertionError("robots.txt is only read")


def test_robots_kept_for_at_most_max_hosts_least_recently_used_dropped() -> None:
    fetcher, clock = RobotsServer(), FakeClock()
    robots = RobotsPolicy(fetcher, clock, "eventledger-test", ttl_s=3600, max_hosts=3)
    for n in range(10):
        assert robots.allowed(f"https://outlet{n}.example/news/{n}.html")
        assert not robots.allowed(f"https://outlet{n}.example/private/x")
    assert len(robots) == 3
    assert len(fetcher.asked) == 10  # one robots.txt per host, none asked twice while held
    robots.allowed("https://outlet7.example/a")  # held: no new request, and now the most recent
    robots.allowed("https://outlet0.example/a")  # dropped long ago: asked again, evicts outlet8
    assert len(fetcher.asked) == 11
    robots.allowed("https://outlet7.example/b")
    robots.allowed("https://outlet9.example/b")
    assert len(fetcher.asked) == 11
    robots.allowed("https://outlet8.example/b")
    assert fetcher.asked[-1] == "https://outlet8.example/robots.txt" and len(robots) == 3


def test_robots_asked_again_after_its_ttl() -> None:
    fetcher, clock = RobotsServer(), FakeClock()
    robots = RobotsPolicy(fetcher, clock, "eventledger-test", ttl_s=600)
    robots.allowed("https://wire.example/a")
    clock.advance(seconds=599)
    robots.allowed("https://wire.example/b")
    clock.advance(seconds=2)
    robots.allowed("https://wire.example/c")
    assert fetcher.asked == ["https://wire.example/robots.txt"] * 2


def test_pacer_waits_per_host_and_forgets_hosts_whose_pause_is_over() -> None:
    clock = FakeClock()
    pacer = HostPacer(clock, interval_s=5)
    pacer.wait("https://a.example/1")
    pacer.wait("https://b.example/1")
    assert clock.slept == 0
    pacer.wait("https://a.example/2")
    assert clock.slept == 5
    pacer.wait("https://a.example/3", crawl_delay_s=30)  # the longer Crawl-delay wins for the next one
    pacer.wait("https://a.example/4")
    assert clock.slept == 5 + 5 + 30
    for n in range(500):  # an aggregator linking to ever new hosts, one request a minute
        clock.advance(minutes=1)
        pacer.wait(f"https://outlet{n}.example/story")
    assert len(pacer) <= 64
