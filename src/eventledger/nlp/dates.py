"""``el_dates``: every date expression in the article, resolved to a span of days.

Sets ``doc._.dates`` (``list[DateMention]``, text order). Candidates come from our date grammar
(:mod:`date_grammar`) and from spaCy's DATE entities; the grammar wins where both overlap because
it spans and reads dates the small model gets wrong. An entity the grammar cannot read is handed,
alone, to ``dateparser`` (never free text: it reads "2000s" as "2000 seconds ago"), memoised per
component instance. The dateline's own date is not repeated here (it is ``doc._.dateline``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventledger.nlp.date_grammar import (
    MONTHS,
    WEEKDAYS,
    DateParts,
    date_windows,
    find_date_parts,
    is_trigger,
)
from eventledger.nlp.date_resolution import DateResolver, Resolved, span_precision
from eventledger.nlp.dateparser_fallback import DateparserFallback
from eventledger.nlp.figure_lexicon import load_context_cues, load_word_set
from eventledger.nlp.mentions import DateMention

log = logging.getLogger(__name__)

_NAME_LIKE_FORMS = ("weekday", "bare_month", "month_day", "day_month")
_MOTIVE_REACH = 12  # tokens between a motive word and the date it dates
_LEADING_WORDS = frozenset({"on", "last", "this", "since", "by", "until", "from", "late", "early"})
_YEAR_ONLY = re.compile(r"^(?:the\s+)?((?:1[89]|20)\d\d)$")
_CALENDAR_WORD = re.compile(
    r"\b(?:" + "|".join(sorted((n for n in (*MONTHS, *WEEKDAYS) if len(n) > 3), key=len, reverse=True))
    + r")\b|\b(?:1[89]|20)\d\d\b")
_DURATION = re.compile(r"(?i)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|few|several|"
                       r"many)[\s-]+(?:day|week|month|year|decade|hour|minute)s?\b(?!\s+ago)|-old\b|"
                       r"\bdecades\b|\byears\b|\bmonths\b|\bweeks\b")


class DatesComponent:
    """Finds and resolves date expressions; holds its word table and dateparser memo."""

    def __init__(self, background_days: int, use_dateparser: bool) -> None:
        self.background_days = background_days
        self.name_words = load_word_set("date_name_words.csv")
        self.motive_words = frozenset(w for w, c in load_context_cues().items() if c == "background")
        self.fallback = DateparserFallback() if use_dateparser else None

    def __call__(self, doc: Doc) -> Doc:
        anchor = doc._.anchor_date
        resolver = DateResolver(anchor, self.background_days)
        skip = _dateline_span(doc)
        text = doc.text
        windows = date_windows(text, ((t.idx, t.idx + len(t)) for t in doc if is_trigger(t.lower_)))
        chosen, rejected = self._grammar_candidates(text, skip, windows)
        taken = [(p.start, p.end) for p in chosen + rejected]
        extra = [e for e in doc.ents if e.label_ == "DATE" and not _overlaps(e.start_char, e.end_char, taken)]
        mentions: list[DateMention] = []
        previous: date | None = None
        parsed = doc.has_annotation("DEP")
        for parts in sorted(chosen + self._entity_candidates(extra, skip), key=lambda p: p.start):
            resolved = resolver.resolve(parts, previous) if parts.form != "fallback" else \
                self._fallback(parts, anchor)
            if resolved is None:
                continue
            background = resolved.background or (parsed and self._in_motive(doc, parts))
            mentions.append(DateMention(parts.start, parts.end, parts.text, resolved.first_day,
                                        resolved.last_day, resolved.precision, background, resolved.relative))
            if resolved.precision == "day" and resolved.first_day is not None:
                previous = resolved.first_day
        doc._.dates = _merge_ranges(text, mentions)
        return doc

    def _in_motive(self, doc: Doc, parts: DateParts) -> bool:
        """"in retaliation for a French airstrike on January 3": the date of an earlier event
        given as a motive is context, however recent (``context_cues.csv``)."""
        span = doc.char_span(parts.start, parts.end, alignment_mode="expand")
        if span is None:
            return False
        if any(a.lemma_.lower() in self.motive_words for a in span.root.ancestors):
            return True
        # The parser often hangs "on January 20" on the main verb; read the words before instead:
        # a motive word shortly before, with no finite verb in between.
        sentence_start = span.sent.start
        for k in range(span.start - 1, max(sentence_start, span.start - _MOTIVE_REACH) - 1, -1):
            token = doc[k]
            if token.lemma_.lower() in self.motive_words:
                return True
            if token.pos_ in ("VERB", "AUX") and token.tag_ not in ("VBN", "VBG"):
                return False
        return False

    def _grammar_candidates(self, text: str, skip: tuple[int, int] | None, windows: list[tuple[int, int]]
                            ) -> tuple[list[DateParts], list[DateParts]]:
        """(chosen, rejected): non-overlapping plausible matches, the longest first where they
        overlap; and the matches rejected as names, so no entity brings them back."""
        chosen: list[DateParts] = []
        rejected: list[DateParts] = []
        found = sorted(find_date_parts(text, windows), key=_longest_first)
        for parts, prep in found:
            if skip and _overlaps(parts.start, parts.end, [skip]):
                continue
            if not self._plausible(text, parts, prep):
                rejected.append(parts)
            elif not _overlaps(parts.start, parts.end, [(c.start, c.end) for c in chosen]):
                chosen.append(parts)
        return chosen, rejected

    def _plausible(self, text: str, parts: DateParts, prep: str | None) -> bool:
        """Reject names that look like dates: "Rifkatu Friday", "21 October Road"."""
        following = re.match(r"[\s,]*([A-Za-z]+)", text[parts.end:parts.end + 30])
        if following and following.group(1).lower() in self.name_words:
            return False
        if parts.form in _NAME_LIKE_FORMS and prep is None:
            before = re.search(r"([A-Za-z][\w'’-]*)\s+$", text[max(0, parts.start - 40):parts.start])
            if before and before.group(1)[0].isupper() and before.group(1).lower() not in _LEADING_WORDS:
                return _sentence_start(text, parts.start - len(before.group(0)))
        return True

    def _entity_candidates(self, ents: Iterable[Span], skip: tuple[int, int] | None) -> list[DateParts]:
        """spaCy DATE entities the grammar missed: bare years, and calendar words for dateparser."""
        out: list[DateParts] = []
        for ent in ents:
            if skip and _overlaps(ent.start_char, ent.end_char, [skip]):
                continue
            text = ent.text
            year = _YEAR_ONLY.match(text)
            if year:
                start = ent.start_char + year.start(1)
                out.append(DateParts(start, ent.end_char, year.group(1), "year", year=int(year.group(1))))
            elif self.fallback is not None and _CALENDAR_WORD.search(text) and not _DURATION.search(text):
                out.append(DateParts(ent.start_char, ent.end_char, text, "fallback"))
        return out

    def _fallback(self, parts: DateParts, anchor: date | None) -> Resolved | None:
        return self.fallback.parse(parts.text, anchor) if self.fallback is not None else None


_RANGE_OPENER = re.compile(r"(?i)\b(?:between|from)\s+$")
_RANGE_JOINER = re.compile(r"(?i)^\s*,?\s*(?:and|to|until|till|through|-|–)\s*$")


def _merge_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """"between March 9, 2021 and March 11, 2021" is one span of days, not two dates."""
    merged: list[DateMention] = []
    for mention in mentions:
        last = merged[-1] if merged else None
        if last is not None and last.first_day and mention.last_day and mention.last_day >= last.first_day \
                and _RANGE_JOINER.match(text[last.end:mention.start]) \
                and _RANGE_OPENER.search(text[max(0, last.start - 12):last.start]):
            first, end_day = last.first_day, mention.last_day
            merged[-1] = DateMention(last.start, mention.end, text[last.start:mention.end], first, end_day,
                                     span_precision(first, end_day), last.background and mention.background,
                                     last.relative or mention.relative)
        else:
            merged.append(mention)
    return merged


def _longest_first(pair: tuple[DateParts, str | None]) -> tuple[int, int]:
    return pair[0].start - pair[0].end, pair[0].start


def _dateline_span(doc: Doc) -> tuple[int, int] | None:
    dateline = doc._.dateline
    if dateline is None or dateline.date_start is None or dateline.date_end is None:
        return None
    return dateline.date_start, dateline.date_end


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:max(index, 0)].rstrip()
    return not before or before[-1] in ".!?:;\n\"“‘(–—"


@Language.factory("el_dates", default_config={"background_days": 45, "use_dateparser": True})
def make_dates(nlp: Language, name: str, background_days: int, use_dateparser: bool) -> DatesComponent:
    return DatesComponent(background_days, use_dateparser)
