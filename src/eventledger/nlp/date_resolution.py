"""Place :class:`DateParts` on the calendar: an inclusive span of days with a precision.

Rules (DESIGN.md "Places and dates", contract ``date.precision``):
- Relative expressions resolve against the anchor (publish date, else dateline); "the previous
  day" and "two days later" against the last day-precise date mentioned before them, else the anchor.
- A day and month without a year takes the most recent such day on or before the anchor (a day
  of slack for time zones), as ``dateparser`` does with ``PREFER_DATES_FROM='past'``.
- Weeks run Monday to Sunday; "this week"/"this month"/"this year" stop at the anchor, and "earlier
  this ..." at the day before it.
- Without an anchor, anything that needs one is ``unknown`` with no days ("coded with the
  uncertainty they really have"); full dates and years still resolve.
- ``background``: "since ...", "recent years/months", "last year", decades, a year or month that
  ends before the anchor's month and began more than ``background_days`` before the anchor, and a
  day more than ``background_days`` before the anchor.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from eventledger.nlp.date_grammar import DateParts

PARTS_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PARTS_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
PARTS_OF_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}


@dataclass(frozen=True)
class Resolved:
    first_day: date | None
    last_day: date | None
    precision: str
    relative: bool = False
    background: bool = False


UNKNOWN = Resolved(None, None, "unknown", relative=True)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def span_precision(first: date, last: date) -> str:
    days = (last - first).days + 1
    return "day" if days <= 1 else "week" if days <= 7 else "month" if days <= 31 else "year"


class DateResolver:
    """Resolves parts against one anchor; ``previous`` is the last day-precise date so far."""

    def __init__(self, anchor: date | None, background_days: int) -> None:
        self.anchor = anchor
        self.background_days = background_days

    def resolve(self, parts: DateParts, previous: date | None = None) -> Resolved | None:
        """The span the parts allow, or ``None`` when they name no real date (31 February)."""
        handler = getattr(self, f"_{parts.form}", None)
        if handler is None:
            return None
        try:
            resolved: Resolved | None = handler(parts, previous)
        except ValueError:
            return None
        if resolved is None or resolved.first_day is None or not parts.since:
            return resolved
        end = self.anchor if self.anchor and self.anchor > resolved.first_day else resolved.last_day
        return Resolved(resolved.first_day, end, resolved.precision, resolved.relative, True)

    # -- absolute forms --------------------------------------------------------------------
    def _full(self, p: DateParts, previous: date | None) -> Resolved:
        assert_parts(p.year, p.month, p.day)
        first = date(p.year or 0, p.month or 0, p.day or 0)
        last = date(first.year, first.month, p.day_end) if p.day_end else first
        return Resolved(first, last, span_precision(first, last), background=self._old_day(last))

    def _month_day(self, p: DateParts, previous: date | None) -> Resolved:
        if self.anchor is None:
            return UNKNOWN
        year = self.anchor.year
        if date(year, p.month or 0, p.day or 0) > self.anchor + timedelta(days=1):
            year -= 1
        full = self._full(replace(p, form="full", year=year), previous)
        return replace(full, relative=True)

    def _month(self, p: DateParts, previous: date | None) -> Resolved:
        year, month = p.year or 0, p.month or 0
        low, high = PARTS_OF_MONTH.get(p.part or "", (1, 31))
        last = month_end(year, month)
        first, last = date(year, month, low), min(last, date(year, month, min(high, last.day)))
        return Resolved(first, last, "month", relative=p.form == "bare_month",
                        background=self._clearly_before(first, last))

    def _bare_month(self, p: DateParts, previous: date | None) -> Resolved:
        if self.anchor is None:
            return UNKNOWN
        year = self.anchor.year if (p.month or 0) <= self.anchor.month else self.anchor.year - 1
        return self._month(replace(p, year=year), previous)

    def _year(self, p: DateParts, previous: date | None) -> Resolved:
        low, high = PARTS_OF_YEAR.get(p.part or "", (1, 12))
        first, last = date(p.year or 0, low, 1), month_end(p.year or 0, high)
        return Resolved(first, last, "year", background=self._clearly_before(first, last))

    def _decade(self, p: DateParts, previous: date | None) -> Resolved:
        low, high = PARTS_OF_DECADE.get(p.part or "", (0, 9))
        first, last = date((p.year or 0) + low, 1, 1), date((p.year or 0) + high, 12, 31)
        background = self.anchor is None or self._clearly_before(first, last)
        return Resolved(first, last, "year", background=background)

    def _season(self, p: DateParts, previous: date | None) -> Resolved:
        low, high = SEASON_MONTHS[p.season or "summer"]
        year = p.year
        if year is None:
            if self.anchor is None:
                return UNKNOWN
            year = self.anchor.year if date(self.anchor.year, low, 1) <= self.anchor else self.anchor.year - 1
            current_end = add_months(date(year, 1, 1), high) - timedelta(days=1)
            if p.shift < 0 and current_end >= self.anchor:
                year -= 1  # "last winter", said in February, is the one before this one
        first, last = date(year, low, 1), add_months(date(year, 1, 1), high) - timedelta(days=1)
        background = self._clearly_before(first, last)
        return Resolved(first, last, "month", relative=p.year is None, background=background)

    # -- forms relative to the anchor ------------------------------------------------------
    def _weekday(self, p: DateParts, previous: date | None) -> Resolved:
        if self.anchor is None:
            return UNKNOWN
        day = self.anchor - timedelta(days=(self.anchor.weekday() - (p.weekday or 0)) % 7)
        if p.shift < 0 and day == self.anchor:
            day -= timedelta(days=7)
        return Resolved(day, day, "day", relative=True)

    def _shift(self, p: DateParts, previous: date | None) -> Resolved:
        ref = previous if p.reference == "previous" and previous is not None else self.anchor
        if ref is None:
            return UNKNOWN
        unit = p.unit or "day"
        if unit == "day":
            day = ref + timedelta(days=p.shift)
            return Resolved(day, day, "day", relative=True)
        if unit == "weekend":
            return self._weekend(ref)
        first, last, precision = self._unit_span(ref, unit, p.shift)
        if p.shift == 0 and p.reference == "anchor":
            last = min(last, ref - timedelta(days=1) if p.earlier and ref > first else ref)
        background = unit == "year" and p.shift < 0
        return Resolved(first, last, precision, relative=True, background=background)

    def _recent(self, p: DateParts, previous: date | None) -> Resolved:
        if self.anchor is None:
            return UNKNOWN
        unit = p.unit or "year"
        amount = -p.shift if p.shift else {"day": 7, "week": 4, "month": 6, "year": 5}.get(unit, 5)
        amount *= 10 if "decade" in p.text.lower() else 1
        if unit == "year":
            first = date(self.anchor.year - amount, 1, 1)
        elif unit == "month":
            first = add_months(self.anchor, -amount)
        else:
            first = self.anchor - timedelta(days=amount * (7 if unit == "week" else 1))
        precision = {"day": "week", "week": "month"}.get(unit, unit)
        return Resolved(first, self.anchor, precision, relative=True, background=unit in ("month", "year"))

    # -- helpers ---------------------------------------------------------------------------
    def _unit_span(self, ref: date, unit: str, shift: int) -> tuple[date, date, str]:
        if unit == "week":
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
            return monday, monday + timedelta(days=6), "week"
        if unit == "month":
            first = add_months(ref, shift)
            return first, month_end(first.year, first.month), "month"
        return date(ref.year + shift, 1, 1), date(ref.year + shift, 12, 31), "year"

    def _weekend(self, ref: date) -> Resolved:
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        return Resolved(saturday, min(saturday + timedelta(days=1), ref), "week", relative=True)

    def _old_day(self, last: date) -> bool:
        return self.anchor is not None and (self.anchor - last).days > self.background_days

    def _clearly_before(self, first: date, last: date) -> bool:
        """A month or year is context when it ends before the anchor's month and began more than
        ``background_days`` before the anchor ("in 2023", "March 2025"; not "mid-January" in a
        story of 2 February)."""
        return self.anchor is not None and last < self.anchor.replace(day=1) \
            and (self.anchor - first).days > self.background_days


def assert_parts(*values: int | None) -> None:
    """A full date needs every part; a missing one is a grammar error, read as no date."""
    if any(v is None for v in values):
        raise ValueError("incomplete date parts")
