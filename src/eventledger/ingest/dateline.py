"""Wire-story datelines: ``Quetta, Feb 2 (IANS) –`` → place, date, agency.

A dateline tells where the reporter filed from and when, which anchors relative dates when no
publish date is known and is a strong hint for resolving toponyms ("Quetta" in a Quetta-filed
story is the Pakistani city). Only the first line of the text is examined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY_MONTH = rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+\d{{4}})?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE = rf"{_WEEKDAY}{_DAY_MONTH}"
# A place in a dateline: one to four capitalised words, optionally ", Country/State".
_PLACE_WORD = r"[A-Z][\w'’.\-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ \-]{_PLACE_WORD}){{0,3}}(?:,\s*{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}})?"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z0-9 .&/\-]{0,24})\)"
_DASH = r"\s*(?:[-–—:]+|\s)\s*"

# Ordered most specific first.
_PATTERNS = [
    # Quetta, Feb 2 (IANS) –   /   QUETTA, Pakistan, Feb. 2, 2026 (Reuters) -
    re.compile(rf"^\s*(?P<place>{_PLACE}),\s*(?P<date>{_DATE})\s*{_AGENCY}{_DASH}"),
    # KABUL (AP) —   /   Quetta (IANS):
    re.compile(rf"^\s*(?P<place>{_PLACE})\s*{_AGENCY}{_DASH}"),
    # ISLAMABAD, Feb 2: ... /  Quetta, February 2, 2026 — ...
    re.compile(rf"^\s*(?P<place>{_PLACE}),\s*(?P<date>{_DATE})\s*[-–—:]+\s*"),
    # ISLAMABAD: ...  (all-caps place then a colon, as Pakistani and Indian papers write it)
    re.compile(r"^\s*(?P<place>[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+){0,3})\s*:\s+"),
    # KIRKUK, Iraq - ...  /  COTABATO CITY — ...  (an all-caps place, no date or agency, then a dash)
    re.compile(r"^\s*(?P<place>[A-Z][A-Z'’.\-]{2,}(?:[ \-][A-Z][A-Z'’.\-]+){0,3}"
               r"(?:,\s*[A-Z][\w'’.\-]*(?:\s[A-Z][\w'’.\-]*){0,2})?)\s+[-–—]+\s+"),
    # 01/31/2021: ...  (a date-only prefix, as GTD and some feeds write it)
    re.compile(r"^\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*:\s*"),
    # 2021-01-31: ...
    re.compile(r"^\s*(?P<date>\d{4}-\d{2}-\d{2})\s*:\s*"),
]


@dataclass(frozen=True)
class Dateline:
    """What a dateline says. Offsets are character offsets into the article text."""

    end: int
    place: str | None = None
    place_start: int | None = None
    place_end: int | None = None
    date: date | None = None
    date_text: str | None = None
    date_start: int | None = None
    date_end: int | None = None
    date_has_year: bool = False
    agency: str | None = None


_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})")
_WORDY = re.compile(r"(?:\w+day,?\s+)?(?:(\d{1,2})\s+([A-Za-z]+)\.?|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?)"
                    r"(?:,?\s+(\d{4}))?")


def _fast_date(text: str, published: date | None) -> tuple[date | None, bool] | None:
    """The regular dateline forms without dateparser (5 ms a call): ``01/31/2021``,
    ``2021-01-31``, ``Feb 2``, ``2 February 2026``. ``None`` when the form is not one of them."""
    m = _NUMERIC.fullmatch(text)
    try:
        if m and m.group(1):
            return date(int(m.group(3)), int(m.group(1)), int(m.group(2))), True
        if m:
            return date(int(m.group(4)), int(m.group(5)), int(m.group(6))), True
        w = _WORDY.fullmatch(text)
        if not w:
            return None
        day = int(w.group(1) or w.group(4))
        month = _MONTHS.get((w.group(2) or w.group(3)).lower())
        if month is None:
            return None
        if w.group(5):
            return date(int(w.group(5)), month, day), True
        if published is None:
            return None, False
        # A dateline is at most a day or two after the date it names (time zones): the year is
        # the publish year unless that would put the date more than a day after publication.
        candidate = date(published.year, month, day)
        if candidate > published + timedelta(days=1):
            candidate = date(published.year - 1, month, day)
        return candidate, False
    except ValueError:
        return None


def _parse_date(text: str, published: date | None) -> tuple[date | None, bool]:
    """Parse a dateline date; a date without a year takes the publish year (or none)."""
    text = text.strip()
    fast = _fast_date(text, published)
    if fast is not None:
        return fast
    has_year = bool(re.search(r"\d{4}", text))
    # Slashed dates are month first, as such prefixes are written (GTD, wire archives);
    # "12 May" is day first, "May 12" month first.
    slashed = re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text)
    order = "MDY" if slashed or not re.match(r"\d", text) else "DMY"
    if not has_year and published is None:
        return None, False
    settings: dict[str, object] = {"DATE_ORDER": order, "PREFER_DATES_FROM": "past",
                                   "REQUIRE_PARTS": ["day", "month"]}
    if published is not None and not has_year:
        from datetime import datetime

        # A dateline is at most a day or two after the date it names; allow for time zones.
        settings["RELATIVE_BASE"] = datetime.combine(published + timedelta(days=1), datetime.min.time())
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None, has_year
    return (parsed.date() if parsed else None), has_year


def parse_dateline(text: str, published: date | None = None) -> Dateline | None:
    """Return the dateline at the start of ``text``, or ``None`` when there is none."""
    # The first non-blank line, keeping offsets into the full text.
    skip = len(text) - len(text.lstrip())
    head = text[skip:skip + 200]
    first_line_end = head.find("\n")
    if first_line_end >= 0:
        head = head[:first_line_end + 1]
    head = " " * skip + head
    for pattern in _PATTERNS:
        m = pattern.match(head)
        if not m:
            continue
        groups = m.groupdict()
        place = groups.get("place")
        if place and not _plausible_place(place):
            continue
        d = None
        has_year = False
        if groups.get("date"):
            d, has_year = _parse_date(groups["date"], published)
        return Dateline(
            end=m.end(),
            place=place.strip() if place else None,
            place_start=m.start("place") if place else None,
            place_end=m.end("place") if place else None,
            date=d,
            date_text=groups.get("date"),
            date_start=m.start("date") if groups.get("date") else None,
            date_end=m.end("date") if groups.get("date") else None,
            date_has_year=has_year,
            agency=(groups.get("agency") or "").strip() or None,
        )
    return None


_NOT_PLACES = {"UPDATE", "BREAKING", "WATCH", "EXCLUSIVE", "NOTE", "EDITOR'S NOTE", "OPINION",
               "ANALYSIS", "LIVE", "CORRECTION", "PHOTO", "VIDEO"}


def _plausible_place(place: str) -> bool:
    words = place.replace(",", " ").split()
    return bool(words) and place.strip().upper() not in _NOT_PLACES and len(words) <= 6
