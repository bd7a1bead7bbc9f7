"""Doubles for the watch tests: a clock whose sleep moves time, a fast fake extractor, feed writers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape

from eventledger.errors import InputError
from eventledger.ingest.article import Article
from eventledger.store.documents import stored_document

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


class FakeClock:
    """Simulated time: ``sleep`` advances it at once, so hours of polling take seconds."""

    def __init__(self, start: datetime = START) -> None:
        self.current = start
        self.slept = 0.0

    def now(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.slept += seconds
            self.current += timedelta(seconds=seconds)

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class FakeExtract:
    """Extraction without NLP: one attack event per article, placed by the article's first word."""

    def __init__(self) -> None:
        self.calls = 0
        self.articles: list[str] = []

    def __call__(self, articles: Sequence[Article]) -> list[dict[str, Any] | InputError]:
        self.calls += 1
        out: list[dict[str, Any] | InputError] = []
        for article in articles:
            # A copy made here: the fixture's record must not count as the watcher's memory in the
            # memory measurements (they leave out what is allocated under tests/).
            self.articles.append((article.url or article.id).encode().decode())
            out.append(stored_document(article, fake_document(article)))
        return out


def fake_document(article: Article) -> dict[str, Any]:
    day = (article.published or START.date()).isoformat()
    fatal = 2 + len(article.text) % 5
    event = {
        "event_type": "Violence against civilians", "sub_event_type": "Attack", "tags": [],
        "date": {"start": day, "end": day, "precision": "day"},
        "location": {"name": "Gwoza", "lat": 11.08, "lon": 13.69, "country_code": "NG", "admin1": "Borno",
                     "admin2": "Gwoza", "geo_precision": "point"},
        "actors": [{"name": "Gunmen", "role": "actor1", "kind": "political_militia"}],
        "fatalities": {"best": fatal, "low": fatal, "high": fatal, "disputed": False, "claims": []},
        "injuries": {"best": None, "low": None, "high": None, "disputed": False, "claims": []},
        "evidence": [{"start": 0, "end": min(len(article.text), 60), "text": article.text[:60], "supports": "trigger"}],
        "reported_by": {"source": article.source, "via": None, "kind": "report"},
        "background": False, "confidence": 0.7, "trigger": "attack",
    }
    return {"article": {"id": article.id, "published": day, "source": article.source, "title": article.title,
                        "anchor_date": day},
            "events": [event], "places": []}


def rss(title: str, items: Sequence[dict[str, str]]) -> str:
    """An RSS 2.0 feed; each item may have guid, link, title, description, pubDate."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{escape(title)}</title>'
             "<link>http://127.0.0.1/</link><description>test feed</description>"]
    for item in items:
        parts.append("<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>")
    parts.append("</channel></rss>")
    return "".join(parts)


def article_page(title: str, paragraphs: Sequence[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article><footer>Copyright</footer></body></html>")


def http_date(when: datetime) -> str:
    return format_datetime(when.astimezone(UTC), usegmt=True)


def report_text(n: int, place: str) -> list[str]:
    """Two realistic-looking paragraphs, unique per ``n`` (trafilatura needs some substance)."""
    return [f"Gunmen attacked a market in {place} on Tuesday, killing {n + 2} traders and wounding several "
            f"others, residents said in report number {n}.",
            f"A local official in {place} said security forces arrived two hours after the attack began and that "
            f"the victims were buried the next morning. Report {n} was filed by a correspondent in the district, "
            "who spoke to three witnesses and a hospital worker about the casualties and the damage."]
