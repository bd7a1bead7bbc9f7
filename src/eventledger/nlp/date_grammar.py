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


def _names(table: dict[str, int], full_only: bool = False, lower: tuple[str, ...] = ()) -> str:
    """Alternatives for a name table: Title and UPPER case, and lower case for ``lower`` names
    (lower-case "may" and "march" are words, not months, unless a number is beside them)."""
    names = sorted((n for n in table if not full_only or len(n) > 4 or n == "May"), key=len, reverse=True)
    variants = [v for n in names for v in (n, n.upper(), *((n.lower(),) if n in lower else ()))]
    return "|".join(variants)


_FULL_MONTHS = tuple(n for n in MONTHS if len(n) > 4 or n == "May")
_FULL_WEEKDAYS = tuple(n for n in WEEKDAYS if len(n) > 5)


_MONTH = (rf"(?P<month>(?:{_names(MONTHS, full_only=True, lower=_FULL_MONTHS)})(?![a-z])|"
          rf"(?:{'|'.join(n for n in MONTHS if len(n) <= 4 and n != 'May')})(?![a-z])\.?)")
_UNAMBIGUOUS = tuple(n for n in _FULL_MONTHS if n not in ("May", "March"))
_FULL_MONTH = rf"(?P<month>(?:{_names(MONTHS, full_only=True, lower=_UNAMBIGUOUS)})(?![a-z]))"
_FULL_WEEKDAY = rf"(?P<weekday>(?:{_names(WEEKDAYS, full_only=True, lower=_FULL_WEEKDAYS)})(?![a-z]))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_DAY_END = r"(?:\s*(?:-|–|to|and)\s*(?P<day_end>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d/])"
_NUM = (r"(?P<amount>\d{1,2}|(?i:a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve))")
_TIME_OF_DAY = r"(?:\s+(?P<tod>(?i:morning|afternoon|evening|night)))?"

# Words before a date's core, read backwards from where the core starts (patterns that began
# with optional words were slow: the engine tried them at every position of the text).
# ``prep`` stays outside the date span; ``weekday``, ``the``, ``year`` and ``part`` are inside it.
_LEAD = re.compile(
    r"(?:\b(?P<prep>(?i:in|on|since|until|till|by|from|during|through|throughout|before|after|as of|of|"
    r"between|and|to|starting|beginning|last|this))[\s-]+)?"
    rf"(?P<inner>(?:\b(?P<weekday>(?:{_names(WEEKDAYS)})(?![a-z]))\.?,?\s+)?"
    r"(?:\b(?P<the>(?i:the))\s+)?(?:\b(?P<yearword>(?i:year))\s+)?"
    r"(?:\b(?P<part>(?i:early|mid|late|the end of|end of|the beginning of|beginning of|the start of|"
    r"start of|the middle of|middle of))(?:\s+|-))?)$")
_LOOKBACK = 48


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


Groups = dict[str, "str | None"]
Builder = Callable[[Groups], "dict[str, object] | None"]


def month_number(name: str) -> int:
    """1-12 for "March", "MARCH", "Mar." (names come from the patterns, so always known)."""
    name = name.rstrip(".")
    return MONTHS[name[:1].upper() + name[1:].lower()]


def _int(g: Groups, name: str) -> int | None:
    value = g.get(name)
    return int(value) if value else None


def _part(g: Groups) -> str | None:
    part = (g.get("part") or "").lower()
    for word in ("early", "mid", "late", "end", "beginning", "start", "middle"):
        if word in part:
            return {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}.get(word, word)
    return None


def _amount(g: Groups) -> int:
    text = (g.get("amount") or "1").lower()
    return int(text) if text.isdigit() else SMALL_NUMBERS.get(text, 1)


def _unit(text: str | None) -> str:
    text = (text or "").lower().rstrip("s")
    return "year" if text == "decade" else text


def _numeric(g: Groups) -> dict[str, object] | None:
    first, second, year = int(g["a"] or 0), int(g["b"] or 0), int(g["y"] or 0)
    year += 2000 if year < 100 else 0
    month, day = (first, second) if first <= 12 else (second, first)
    return {"form": "full", "year": year, "month": month, "day": day} if 1 <= month <= 12 else None


def _iso(g: Groups) -> dict[str, object]:
    return {"form": "full", "year": _int(g, "y"), "month": _int(g, "m"), "day": _int(g, "d")}


def _day_month(g: Groups) -> dict[str, object] | None:
    day, day_end = _int(g, "day"), _int(g, "day_end")
    if not day or day > 31 or (day_end is not None and not day < day_end <= 31) or g.get("part"):
        return None
    year = _int(g, "year")
    return {"form": "full" if year else "month_day", "year": year,
            "month": month_number(g["month"] or ""), "day": day, "day_end": day_end}


def _month(g: Groups) -> dict[str, object] | None:
    year = _int(g, "year")
    if g.get("weekday") or (year is None and not (g.get("prep") or g.get("part"))):
        return None  # "March" alone is a date only after a preposition or with a part
    return {"form": "month" if year else "bare_month", "year": year,
            "month": month_number(g["month"] or ""), "part": _part(g)}


def _year(g: Groups) -> dict[str, object] | None:
    if g.get("weekday") or not (g.get("prep") or g.get("part")):
        return None
    return {"form": "year", "year": _int(g, "year"), "part": _part(g)}


def _decade(g: Groups) -> dict[str, object] | None:
    if g.get("weekday"):
        return None
    return {"form": "decade", "year": _int(g, "decade"), "part": _part(g)}


def _weekday(g: Groups) -> dict[str, object]:
    name = g["weekday"] or ""
    rel = (g.get("rel") or "").lower()
    return {"form": "weekday", "weekday": WEEKDAYS[name[:1].upper() + name[1:].lower()],
            "shift": -1 if rel in ("last", "past") else 0}


def _deictic(g: Groups) -> dict[str, object]:
    word = (g["word"] or "").lower()
    shift = -1 if word in ("yesterday", "last night") else 0
    return {"form": "shift", "unit": "day", "shift": shift}


def _this_last(g: Groups) -> dict[str, object] | None:
    rel, unit = (g["rel"] or "").lower(), _unit(g["unit"])
    earlier = bool(g.get("earlier"))
    if rel in ("next", "coming") or unit == "decade":
        return None
    reference = "previous" if rel in ("previous", "following") else "anchor"
    shift = 0 if rel == "this" else 1 if rel == "following" else -1
    return {"form": "shift", "unit": unit, "shift": shift, "earlier": earlier, "reference": reference}


def _ago(g: Groups) -> dict[str, object]:
    direction = (g["dir"] or "").lower()
    shift = _amount(g) * (1 if direction in ("later", "after") else -1)
    reference = "anchor" if direction == "ago" else "previous"
    return {"form": "shift", "unit": _unit(g["unit"]), "shift": shift, "reference": reference}


def _sequel(g: Groups) -> dict[str, object]:
    word = (g.get("seq") or g.get("seq2") or "").lower()
    shift = -1 if word in ("previous", "before", "earlier", "preceding", "prior") else \
        0 if word == "same" else 1
    return {"form": "shift", "unit": "day", "shift": shift, "reference": "previous"}


def _recent(g: Groups) -> dict[str, object]:
    shift = -_amount(g) if g.get("amount") else 0
    return {"form": "recent", "unit": _unit(g["unit"]), "shift": shift}


def _season(g: Groups) -> dict[str, object] | None:
    rel = (g.get("rel") or "").lower()
    year = _int(g, "year")
    if year is None and not rel:
        return None  # "in summer", "the fall of Kabul": no season we can place
    return {"form": "season", "season": (g["season"] or "").lower(), "year": year,
            "shift": -1 if rel == "last" else 0}


def _weekend(g: Groups) -> dict[str, object]:
    return {"form": "shift", "unit": "weekend", "shift": 0}


# (form name, pattern, builder, reads leading words). The ``date`` group is the span reported.
# Patterns start at a distinctive token (a digit, a month or weekday name, a relative word);
# leading words ("since", "the early", "Tuesday,") are read by _LEAD where the form allows them.
PATTERNS: tuple[tuple[str, re.Pattern[str], Builder, bool], ...] = tuple(
    (name, re.compile(pattern), builder, lead) for name, pattern, builder, lead in (
        ("numeric", r"(?<![\d/])(?P<date>(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2}))(?![\d/])",
         _numeric, True),
        ("iso", r"(?<![\d-])(?P<date>(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d))(?![\d-])",
         _iso, True),
        ("day_month", rf"\b(?P<date>{_DAY}{_DAY_END}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)",
         _day_month, True),
        ("month_day", rf"\b(?P<date>{_MONTH}\s+{_DAY}{_DAY_END}(?:,?\s+{_YEAR})?)", _day_month, True),
        ("month_year", rf"\b(?P<date>{_MONTH},?\s+(?:of\s+)?{_YEAR})", _month, True),
        ("bare_month", rf"\b(?P<date>{_FULL_MONTH})\b(?!\s+\d)", _month, True),
        ("decade", r"\b(?P<date>(?P<decade>(?:1[89]|20)\d0)'?s)\b", _decade, True),
        ("year", rf"\b(?P<date>{_YEAR})\b", _year, True),
        ("weekday", rf"\b(?P<date>(?:(?P<rel>(?i:last|this|past))\s+)?{_FULL_WEEKDAY}{_TIME_OF_DAY})\b",
         _weekday, False),
        ("deictic", r"\b(?P<date>(?P<word>(?i:yesterday|today|tonight|last night|this morning|"
                    r"this afternoon|this evening)))\b", _deictic, False),
        ("this_last", r"\b(?P<date>(?P<earlier>(?i:earlier|late|later)\s+)?(?P<rel>(?i:last|this|past|"
                      r"previous|following|next|coming))\s+(?P<unit>(?i:week|weekend|month|year)))\b",
         _this_last, False),
        ("ago", rf"\b(?P<date>{_NUM}\s+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))\s+"
                r"(?P<dir>(?i:ago|earlier|later|(?:before|after)(?!\s+(?:the|a|an|his|her|their|its)\b)))\b)",
         _ago, False),
        ("sequel", r"\b(?P<date>(?i:the|that|a)\s+(?:(?P<seq>(?i:previous|following|next|same|preceding|"
                   r"prior))\s+(?i:day|night|morning|evening)|(?i:day)\s+(?P<seq2>(?i:before|after|later|"
                   r"earlier))))\b", _sequel, False),
        ("recent", rf"\b(?P<date>(?i:recent|the\s+(?:past|last))\s+(?:{_NUM}\s+)?"
                   r"(?P<unit>(?i:days|weeks|months|years|decades)))\b", _recent, False),
        ("season", rf"\b(?P<date>(?:(?P<rel>(?i:last|this))\s+)?(?P<season>(?i:{'|'.join(SEASONS)}))"
                   rf"(?:\s+(?:of\s+)?{_YEAR})?)\b", _season, False),
        ("weekend", r"\b(?i:over|at|during|on)\s+(?P<date>(?i:the)\s+(?i:weekend))\b", _weekend, False),
    ))


def _matches(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]] | None
             ) -> Iterator[re.Match[str]]:
    if windows is None:
        yield from pattern.finditer(text)
        return
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def _leading(text: str, start: int) -> tuple[Groups, int]:
    """The words before a core match, and where the date span starts once they are included."""
    window_start = max(0, start - _LOOKBACK)
    m = _LEAD.search(text, window_start, start)
    if m is None:
        return {}, start
    return m.groupdict(), m.start("inner")


# Words that can start or anchor a date expression; text far from all of them holds no date, so
# the patterns only scan windows around these (see :func:`date_windows`).
TRIGGER_WORDS = frozenset(
    {n.lower() for n in (*MONTHS, *WEEKDAYS)} | set(SEASONS) | {
        "yesterday", "today", "tonight", "last", "this", "past", "previous", "following", "next",
        "coming", "ago", "earlier", "later", "recent", "weekend", "same", "prior", "preceding",
        "day", "night", "before", "after"})
_TRIGGER_SHAPES = re.compile(r"^(?:(?:1[89]|20)\d\d(?:'?s)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d\d-\d\d)$")
_WINDOW = 48


def is_trigger(word: str) -> bool:
    """Is this (lower-case) token a word or shape dates are built around?"""
    if word in TRIGGER_WORDS:
        return True
    first = word[:1]
    if first.isdigit():
        return bool(_TRIGGER_SHAPES.match(word))
    return word.endswith(".") and word[:-1] in TRIGGER_WORDS


def date_windows(text: str, triggers: Iterator[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged character windows around trigger words (character spans), in text order."""
    windows: list[tuple[int, int]] = []
    for start, end in triggers:
        low, high = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    return windows


def find_date_parts(text: str, windows: list[tuple[int, int]] | None = None
                    ) -> Iterator[tuple[DateParts, str | None]]:
    """Every pattern match as (parts, leading preposition), overlapping matches included.

    With ``windows`` only those stretches are scanned (a match must lie inside one).
    """
    for name, pattern, builder, lead in PATTERNS:
        for m in _matches(pattern, text, windows):
            start, end = m.span("date")
            groups: Groups = m.groupdict()
            if lead:
                before, lead_start = _leading(text, start)
                groups = {**before, **{k: v for k, v in groups.items() if v is not None}}
                the_allowed = groups.get("part") or name in ("decade", "day_month", "year")
                if not groups.get("the") or the_allowed or groups.get("weekday"):
                    start = lead_start
            fields = builder(groups)
            if fields is None:
                continue
            prep = (groups.get("prep") or "").lower() or None
            fields.setdefault("since", prep == "since")
            yield DateParts(start=start, end=end, text=text[start:end], **fields), prep  # type: ignore[arg-type]
