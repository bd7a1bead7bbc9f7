"""``dateparser`` for the few date spans our grammar cannot read, memoised per instance.

Only ever called on a date span (a spaCy DATE entity), never on free text: its search mode reads
"2000s" as "2000 seconds ago". About 1 ms a call after a ~0.25 s first load, so the grammar in
:mod:`date_grammar` handles the common forms and this is the fallback. Settings follow STACK.md:
``RELATIVE_BASE`` = the anchor, ``PREFER_DATES_FROM='past'``; the period dateparser reports
(day/week/month/year) becomes the span and precision.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

from eventledger.nlp.date_resolution import Resolved, add_months, month_end

log = logging.getLogger(__name__)

_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


class DateparserFallback:
    """``parse(text, anchor)`` → :class:`Resolved` or ``None``; results cached by (text, anchor)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, date | None], Resolved | None] = {}

    def parse(self, text: str, anchor: date | None) -> Resolved | None:
        key = (text, anchor)
        if key not in self._memo:
            self._memo[key] = self._parse(text, anchor)
        return self._memo[key]

    def _parse(self, text: str, anchor: date | None) -> Resolved | None:
        from dateparser.date import DateDataParser  # imported on first use: ~0.25 s

        relative = not _HAS_YEAR.search(text)
        if anchor is None and relative:
            return Resolved(None, None, "unknown", relative=True)
        settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
        if anchor is not None:
            settings["RELATIVE_BASE"] = datetime.combine(anchor, datetime.min.time())
        try:
            parser = DateDataParser(languages=["en"], settings=settings)
            data = parser.get_date_data(text)
        except (ValueError, OverflowError, TypeError) as exc:
            log.debug("dateparser could not read %r: %s", text, exc)
            return None
        if data.date_obj is None:
            return None
        return _span(data.date_obj.date(), data.period or "day", relative)


def _span(day: date, period: str, relative: bool) -> Resolved:
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return Resolved(monday, monday + timedelta(days=6), "week", relative)
    if period == "month":
        first = add_months(day, 0)
        return Resolved(first, month_end(first.year, first.month), "month", relative)
    if period == "year":
        return Resolved(date(day.year, 1, 1), date(day.year, 12, 31), "year", relative)
    return Resolved(day, day, "day", relative)
