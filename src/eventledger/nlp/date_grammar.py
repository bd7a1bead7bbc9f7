"""Find date expressions in text and split them into parts: "since the early 2000s", "Tuesday night".

Regular expressions over the article text find the forms news reports use (spaCy's small model
misses or mis-spans many: "mid-January", "Jan. 31st", "two days ago"). Each match becomes a
:class:`DateParts` record; :mod:`eventledger.nlp.date_resolution` turns parts into days. Month and
weekday names are English grammar, not reference data, so they live here with the patterns.
Durations ("for two months", "a four-hour operation", "20-year-old") match no pattern on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MONTHS = {name: n for n, names in enumerate((
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec")), 1) for name in names}
WEEKDAYS = {name: n for n, names in enumerate((
    ("Monday", "Mon"), ("Tuesday", "Tue", "Tues"), ("Wednesday", "Wed"), ("Thursday", "Thu", "Thurs"),
    ("Friday", "Fri"), ("Saturday", "Sat"), ("Sunday", "Sun"))) for name in names}
SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "few": 3, "a few": 3, "several": 3}
SEASONS = ("spring", "summer", "autumn", "fall", "winter")
UNITS = ("day", "week", "weekend", "month", "year", "decade")


def _names(table: dict[str, int], full_only: bool = False) -> str:
    names = sorted((n for n in table if not full_only or len(n) > 4 or n == "May"), key=len, reverse=True)
    variants = [v for n in names for v in (n, n.upper())]
    return "|".join(variants)


_MONTH = (rf"(?P<month>(?:{_names(MONTHS, full_only=True)})(?![a-z])|"
          rf"(?:{'|'.join(n for n in MONTHS if len(n) <= 4 and n != 'May')})(?![a-z])\.?)")
_FULL_MONTH = rf"(?P<month>(?:{_names(MONTHS, full_only=True)})(?![a-z]))"
_WEEKDAY = rf"(?P<weekday>(?:{_names(WEEKDAYS)})(?![a-z]))\.?"
_FULL_WEEKDAY = rf"(?P<weekday>(?:{'|'.join(n for n in WEEKDAYS if len(n) > 5)})(?![a-z]))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_DAY_END = r"(?:\s*(?:-|–|to|and)\s*(?P<day_end>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d/])"
_PREP = (r"(?:(?P<prep>(?i:in|on|since|until|till|by|from|during|through|throughout|before|after|"
         r"of|between|and|to|as of|starting|beginning))\s+)?")
_PART = (r"(?:(?P<part>(?i:early|mid|late|the end of|end of|the beginning of|beginning of|the start of|"
         r"start of|the middle of|middle of))(?:\s+|-))?")
# A month or year alone is a date only after a preposition or with a part ("late March").
_CONTEXT = (r"(?:(?P<prep>(?i:in|since|until|till|by|from|during|through|throughout|before|after|as of|"
            r"of|last|this))\s+)?")
_NUM = (r"(?P<amount>\d{1,2}|(?i:a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve))")
_TIME_OF_DAY = r"(?:\s+(?P<tod>(?i:morning|afternoon|evening|night)))?"


@dataclass(frozen=True)
class DateParts:
    """What a date expression says, before it is placed on the calendar.

    ``form`` names the grammar that matched (see :data:`PATTERNS`). ``shift`` counts units away
    from the reference day (``-1`` for "last week", ``-2`` for "two days ago"); ``reference``
    is ``anchor`` or ``previous`` ("the previous day" counts from the last date mentioned).
    ``since`` marks "since ..." (background, a span running up to the anchor).
    """

    start: int
    end: int
    text: str
    form: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day_end: int | None = None
    weekday: int | None = None
    part: str | None = None
    unit: str | None = None
    shift: int = 0
    reference: str = "anchor"
    since: bool = False
    earlier: bool = False
    season: str | None = None


Builder = Callable[[re.Match[str]], dict[str, object] | None]


def month_number(name: str) -> int:
    """1-12 for "March", "MARCH", "Mar." (names come from the patterns, so always known)."""
    name = name.rstrip(".")
    return MONTHS[name[:1].upper() + name[1:].lower()]


def _int(m: re.Match[str], name: str) -> int | None:
    value = m.groupdict().get(name)
    return int(value) if value else None


def _part(m: re.Match[str]) -> str | None:
    part = (m.groupdict().get("part") or "").lower()
    for word in ("early", "mid", "late", "end", "beginning", "start", "middle"):
        if word in part:
            return {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}.get(word, word)
    return None


def _amount(m: re.Match[str]) -> int:
    text = (m.groupdict().get("amount") or "1").lower()
    return int(text) if text.isdigit() else SMALL_NUMBERS.get(text, 1)


def _unit(text: str) -> str:
    text = text.lower().rstrip("s")
    return "year" if text == "decade" else text


def _numeric(m: re.Match[str]) -> dict[str, object] | None:
    first, second, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    year += 2000 if year < 100 else 0
    month, day = (first, second) if first <= 12 else (second, first)
    return {"form": "full", "year": year, "month": month, "day": day} if month <= 12 else None


def _iso(m: re.Match[str]) -> dict[str, object]:
    return {"form": "full", "year": int(m.group("y")), "month": int(m.group("m")), "day": int(m.group("d"))}


def _day_month(m: re.Match[str]) -> dict[str, object] | None:
    day, day_end = _int(m, "day"), _int(m, "day_end")
    if not day or day > 31 or (day_end is not None and not day < day_end <= 31):
        return None
    year = _int(m, "year")
    return {"form": "full" if year else "month_day", "year": year,
            "month": month_number(m.group("month")),
            "day": day, "day_end": day_end}


def _month(m: re.Match[str]) -> dict[str, object]:
    year = _int(m, "year")
    return {"form": "month" if year else "bare_month", "year": year,
            "month": month_number(m.group("month")), "part": _part(m)}


def _contextual(builder: Builder) -> Builder:
    """Accept a bare month or year only with a preposition or a part ("in 2023", "late March")."""
    def build(m: re.Match[str]) -> dict[str, object] | None:
        return builder(m) if m.group("prep") or m.group("part") else None
    return build


def _year(m: re.Match[str]) -> dict[str, object]:
    return {"form": "year", "year": int(m.group("year")), "part": _part(m)}


def _decade(m: re.Match[str]) -> dict[str, object]:
    return {"form": "decade", "year": int(m.group("decade")), "part": _part(m)}


def _weekday(m: re.Match[str]) -> dict[str, object]:
    name = m.group("weekday")
    rel = (m.groupdict().get("rel") or "").lower()
    return {"form": "weekday", "weekday": WEEKDAYS[name[:1] + name[1:].lower()],
            "shift": -1 if rel in ("last", "past") else 0}


def _deictic(m: re.Match[str]) -> dict[str, object]:
    word = m.group("word").lower()
    shift = -1 if word in ("yesterday", "last night") else 0
    return {"form": "shift", "unit": "day", "shift": shift}


def _this_last(m: re.Match[str]) -> dict[str, object] | None:
    rel, unit = m.group("rel").lower(), _unit(m.group("unit"))
    earlier = bool(m.groupdict().get("earlier"))
    if rel in ("next", "coming", "following") or unit == "decade":
        return None
    reference = "previous" if rel in ("previous", "following") else "anchor"
    shift = 0 if rel == "this" else -1
    return {"form": "shift", "unit": unit, "shift": shift, "earlier": earlier, "reference": reference}


def _ago(m: re.Match[str]) -> dict[str, object]:
    direction = m.group("dir").lower()
    shift = _amount(m) * (1 if direction in ("later", "after") else -1)
    reference = "anchor" if direction == "ago" else "previous"
    return {"form": "shift", "unit": _unit(m.group("unit")), "shift": shift, "reference": reference}


def _recent(m: re.Match[str]) -> dict[str, object]:
    shift = -_amount(m) if m.group("amount") else 0
    return {"form": "recent", "unit": _unit(m.group("unit")), "shift": shift}


def _season(m: re.Match[str]) -> dict[str, object]:
    rel = (m.groupdict().get("rel") or "").lower()
    return {"form": "season", "season": m.group("season").lower(), "year": _int(m, "year"),
            "shift": -1 if rel == "last" else 0}


def _weekend(m: re.Match[str]) -> dict[str, object]:
    return {"form": "shift", "unit": "weekend", "shift": 0}


# (form name, pattern, builder). The ``date`` group is the span reported; text outside it
# (a leading "since", "in") only informs the parts. Order breaks ties between equal spans.
PATTERNS: tuple[tuple[str, re.Pattern[str], Builder], ...] = tuple(
    (name, re.compile(pattern), builder) for name, pattern, builder in (
        ("numeric", r"(?<![\d/])(?P<date>(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2}))(?![\d/])",
         _numeric),
        ("iso", r"(?<![\d-])(?P<date>(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d))(?![\d-])", _iso),
        ("day_month", rf"\b{_PREP}(?P<date>(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}{_DAY_END}\s+(?:of\s+)?"
                      rf"{_MONTH}(?:,?\s+{_YEAR})?)", _day_month),
        ("month_day", rf"\b{_PREP}(?P<date>(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}{_DAY_END}(?:,?\s+{_YEAR})?)",
         _day_month),
        ("month_year", rf"\b{_PREP}(?P<date>{_PART}{_MONTH},?\s+(?:of\s+)?{_YEAR})", _month),
        ("bare_month", rf"\b{_CONTEXT}(?P<date>{_PART}{_FULL_MONTH})\b(?!\s+\d)", _contextual(_month)),
        ("decade", rf"\b{_PREP}(?P<date>(?:the\s+)?{_PART}(?P<decade>(?:1[89]|20)\d0)'?s)\b", _decade),
        ("year", rf"\b{_CONTEXT}(?P<date>(?:the\s+year\s+)?{_PART}{_YEAR})\b", _contextual(_year)),
        ("weekday", rf"\b(?P<date>(?:(?P<rel>(?i:last|this|past))\s+)?{_FULL_WEEKDAY}{_TIME_OF_DAY})\b",
         _weekday),
        ("deictic", r"\b(?P<date>(?P<word>(?i:yesterday|today|tonight|last night|this morning|"
                    r"this afternoon|this evening)))\b", _deictic),
        ("this_last", r"\b(?P<date>(?P<earlier>(?i:earlier|late|later)\s+)?(?P<rel>(?i:last|this|past|"
                      r"previous|following|next|coming))\s+(?P<unit>(?i:week|weekend|month|year)))\b",
         _this_last),
        ("ago", rf"\b(?P<date>{_NUM}\s+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))\s+"
                r"(?P<dir>(?i:ago|earlier|later|before|after))\b)(?!\s+(?i:the|a|an|his|her|their|its)\b)",
         _ago),
        ("sequel", r"\b(?P<date>(?i:the|that|a)\s+(?:(?P<seq>(?i:previous|following|next|same|preceding|"
                   r"prior))\s+(?i:day|night|morning|evening)|(?i:day)\s+(?P<seq2>(?i:before|after|later|"
                   r"earlier))))\b",
         lambda m: _sequel_either(m)),
        ("recent", rf"\b(?P<date>(?i:recent|the\s+(?:past|last))\s+(?:{_NUM}\s+)?"
                   r"(?P<unit>(?i:days|weeks|months|years|decades)))\b", _recent),
        ("season", rf"\b(?P<date>(?:(?P<rel>(?i:last|this))\s+)?(?P<season>(?i:{'|'.join(SEASONS)}))"
                   rf"(?:\s+(?:of\s+)?{_YEAR})?)\b", _season),
        ("weekend", r"\b(?i:over|at|during|on)\s+(?P<date>(?i:the)\s+(?i:weekend))\b", _weekend),
    ))


def _sequel_either(m: re.Match[str]) -> dict[str, object]:
    word = (m.group("seq") or m.group("seq2") or "").lower()
    shift = -1 if word in ("previous", "before", "earlier", "preceding", "prior") else \
        0 if word == "same" else 1
    return {"form": "shift", "unit": "day", "shift": shift, "reference": "previous"}


def find_date_parts(text: str) -> Iterator[tuple[DateParts, str | None]]:
    """Every pattern match as (parts, leading preposition), overlapping matches included."""
    for name, pattern, builder in PATTERNS:
        for m in pattern.finditer(text):
            fields = builder(m)
            if fields is None:
                continue
            if name == "season" and fields.get("year") is None and not fields.get("shift") \
                    and not (m.group("rel") or ""):
                continue
            prep = (m.groupdict().get("prep") or "").lower() or None
            start, end = m.span("date")
            fields.setdefault("since", prep == "since")
            yield DateParts(start=start, end=end, text=text[start:end], **fields), prep  # type: ignore[arg-type]
