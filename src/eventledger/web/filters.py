"""The filters an analyst sets on the overview, the event table and the API, read from the URL.

Every filter lives in the query string (``?from=2025-01-01&type=Battles&q=checkpoint``) so a view
can be shared by its link. ``ViewFilter`` extends the store's ``EventFilter`` (dates, type, actor,
status, background) with a place and free text, so the store's readers and the exports take it as
it is. User text is only ever a bound parameter: LIKE wildcards are escaped and full-text input
is reduced to quoted words (SQLite) or read by ``websearch_to_tsquery`` (PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, func, literal_column, or_, select, text

from eventledger.errors import FilterError
from eventledger.store import EventFilter, schema
from eventledger.store.schema import EVENT_STATUSES
from eventledger.store.search import fts5_query

MAX_FILTER_CHARS = 200
SORTS = {"date": "date_start", "type": "event_type", "place": "location_name", "fatalities": "fatalities_best",
         "status": "status", "id": "id", "confidence": "confidence"}


@dataclass(frozen=True)
class ViewFilter(EventFilter):
    """``EventFilter`` plus ``place`` (name, province, district or country code) and ``text``."""

    place: str | None = None
    text: str | None = None
    dialect: str = "sqlite"

    def clauses(self) -> list[ColumnElement[bool]]:
        out = super().clauses()
        ev = schema.events
        if self.place:
            wanted = self.place.strip().lower()
            out.append(or_(*(func.lower(col).contains(wanted, autoescape=True)
                             for col in (ev.c.location_name, ev.c.admin1, ev.c.admin2)),
                           func.lower(ev.c.country_code) == wanted))
        if self.text:
            clause = self._text_clause(self.text)
            if clause is not None:
                out.append(clause)
        return out

    def _text_clause(self, user_text: str) -> ColumnElement[bool] | None:
        ev, evi = schema.events, schema.evidence
        if self.dialect == "postgresql":
            query = func.websearch_to_tsquery("english", user_text)
            in_article = select(schema.articles.c.id).where(literal_column("articles.search_vector").op("@@")(query))
            in_evidence = select(evi.c.event_id).where(literal_column("evidence.search_vector").op("@@")(query))
            return or_(ev.c.article_id.in_(in_article), ev.c.id.in_(in_evidence))
        words = fts5_query(user_text)
        if not words:
            return None
        in_article = select(literal_column("rowid")).select_from(text("articles_fts")).where(
            text("articles_fts MATCH :q_articles").bindparams(q_articles=words))
        in_evidence = select(evi.c.event_id).where(evi.c.id.in_(
            select(literal_column("rowid")).select_from(text("evidence_fts")).where(
                text("evidence_fts MATCH :q_evidence").bindparams(q_evidence=words))))
        return or_(ev.c.article_id.in_(in_article), ev.c.id.in_(in_evidence))

    def is_empty(self) -> bool:
        return self == ViewFilter(dialect=self.dialect)


def _one(params: Mapping[str, Any], name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = str(value).strip()
    if len(value) > MAX_FILTER_CHARS:
        raise FilterError(f"filter {name!r} is longer than {MAX_FILTER_CHARS} characters")
    return value or None


def _date(params: Mapping[str, Any], name: str) -> date | None:
    value = _one(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"filter {name!r}: {value!r} is not a date (YYYY-MM-DD)") from None


def _statuses(values: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip().lower()
            if not part:
                continue
            if part not in EVENT_STATUSES:
                raise FilterError(f"unknown status {part[:40]!r} (use {', '.join(EVENT_STATUSES)})")
            if part not in out:
                out.append(part)
    return tuple(out)


def parse_filter(params: Mapping[str, Any], statuses: Sequence[str], dialect: str) -> ViewFilter:
    """Read the filter from query parameters (``statuses``: every ``status`` value given)."""
    background = (_one(params, "background") or "include").lower()
    if background not in ("include", "exclude"):
        raise FilterError("filter 'background' is include or exclude")
    date_from, date_to = _date(params, "from"), _date(params, "to")
    if date_from and date_to and date_from > date_to:
        raise FilterError("filter 'from' is after 'to'")
    return ViewFilter(date_from=date_from, date_to=date_to, country=None, admin1=None,
                      event_type=_one(params, "type"), actor=_one(params, "actor"), status=_statuses(statuses),
                      include_background=background == "include", place=_one(params, "place"),
                      text=_one(params, "q"), dialect=dialect)


def query_items(flt: ViewFilter) -> list[tuple[str, str]]:
    """The filter as query-string pairs (for links, paging and downloads of the same view)."""
    items: list[tuple[str, str]] = []
    if flt.date_from:
        items.append(("from", flt.date_from.isoformat()))
    if flt.date_to:
        items.append(("to", flt.date_to.isoformat()))
    for name, value in (("type", flt.event_type), ("actor", flt.actor), ("place", flt.place), ("q", flt.text)):
        if value:
            items.append((name, value))
    items.extend(("status", s) for s in flt.status)
    if not flt.include_background:
        items.append(("background", "exclude"))
    return items


def query_string(flt: ViewFilter, **extra: Any) -> str:
    items = query_items(flt) + [(k, str(v)) for k, v in extra.items() if v is not None and v != ""]
    return urlencode(items)


@dataclass(frozen=True)
class Sorting:
    key: str = "date"
    descending: bool = True

    @property
    def column(self) -> str:
        return SORTS[self.key]


def parse_sorting(params: Mapping[str, Any]) -> Sorting:
    key = (_one(params, "sort") or "date").lower()
    if key not in SORTS:
        raise FilterError(f"cannot sort by {key[:40]!r} (use {', '.join(SORTS)})")
    direction = (_one(params, "dir") or "desc").lower()
    if direction not in ("asc", "desc"):
        raise FilterError("'dir' is asc or desc")
    return Sorting(key, direction == "desc")


def positive_int(params: Mapping[str, Any], name: str, default: int, maximum: int | None = None) -> int:
    raw = _one(params, name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise FilterError(f"{name!r} must be a positive whole number")
    value = int(raw)
    return min(value, maximum) if maximum else value


FILTER_FIELDS = tuple(f.name for f in fields(ViewFilter))
