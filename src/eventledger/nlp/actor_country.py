"""Which countries an article is about, for naming generic actors ("security forces" → the
Military Forces of *Pakistan*) and choosing between actors that share a name.

A stop-gap of the actor components: the toponym component publishes ``doc._.country_context``
(ISO2 → weight); when it is set, ``country_context`` uses it as is and this module's own
detection (country names, demonyms and first-level subdivisions from ``pycountry`` and
``countryinfo``) is skipped. The country table sits behind ``CountryTable`` so tests can use a
small in-memory one.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventledger.nlp.actor_cues import CountryCues
from eventledger.nlp.actor_matching import WordSet

log = logging.getLogger(__name__)

# How much one mention says about the article's country: a country's own name most (a dateline
# or "..., Ituri, Democratic Republic of the Congo" settles it), a province less (names repeat
# across countries: "Beni" is in Bolivia and Congo), a demonym least ("Afghan refugees" in Iran).
WEIGHTS = {"name": 2.0, "subdivision": 0.6, "demonym": 0.5}
_WORD = re.compile(r"[^\W_]+")
_SUBDIVISION_SUFFIX = re.compile(r"\s+(State|Region|Province|Division|Governorate|District|Territory)$")
# The lead (dateline and first sentence) says where the story is; later countries are context.
LEAD_TOKENS, LEAD_FACTOR = 60, 2.0


@dataclass(frozen=True)
class CountryForm:
    text: str
    code: str
    kind: str  # name, demonym or subdivision


@dataclass(frozen=True)
class CountryTable:
    """Country forms to look for and the display name of each ISO2 code."""

    forms: tuple[CountryForm, ...]
    display: Mapping[str, str] = field(default_factory=dict)

    def display_name(self, code: str | None) -> str | None:
        return self.display.get(code) if code else None


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _country_records() -> Iterable[tuple[str, str, list[str], str | None, list[str]]]:
    """``(code, name, other names, demonym, provinces)`` from the packaged country data."""
    import countryinfo  # imported here: ~0.1 s of JSON reading, only when a table is built
    import pycountry

    for info in countryinfo.all_countries():
        try:
            code = str(info.iso()["alpha2"]).upper()
            name, alt = str(info.name()), [str(a) for a in info.alt_spellings() or []]
            demonym, provinces = info.demonym(), [str(p) for p in info.provinces() or []]
        except (KeyError, TypeError, AttributeError, ValueError, LookupError):
            continue
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            alt += [getattr(record, attr) for attr in ("name", "common_name", "official_name")
                    if getattr(record, attr, None)]
        yield code, name, alt, demonym if isinstance(demonym, str) else None, provinces


def packaged_country_table(cues: CountryCues) -> CountryTable:
    """The table built from pycountry and countryinfo plus the cue file's additions."""
    forms: list[CountryForm] = []
    display: dict[str, str] = {}
    province_codes: dict[str, set[str]] = {}
    for code, name, alt, demonym, provinces in _country_records():
        display[code] = name
        for text in {name, *alt}:
            # Two- and three-letter codes in the alternative spellings are too ambiguous ("IN").
            if len(text) > 3 and "," not in text:
                forms.append(CountryForm(text, code, "name"))
        if demonym:
            forms.append(CountryForm(demonym, code, "demonym"))
        for province in provinces:
            province_codes.setdefault(province, set()).add(code)
    country_words = {f.text for f in forms}
    for province, codes in list(province_codes.items()):
        # "Rakhine State" is also just "Rakhine", "Borno State" just "Borno".
        short = _SUBDIVISION_SUFFIX.sub("", province)
        if short != province:
            province_codes.setdefault(short, set()).update(codes)
    for province, codes in province_codes.items():
        if len(codes) == 1 and province not in cues.ignore_subdivisions and province not in country_words:
            forms.append(CountryForm(province, next(iter(codes)), "subdivision"))
    for code, names in cues.names.items():
        forms += [CountryForm(text, code, "name") for text in names]
    for code, demonyms in cues.demonyms.items():
        forms += [CountryForm(text, code, "demonym") for text in demonyms]
    forms += [CountryForm(_folded(f.text), f.code, f.kind) for f in forms if _folded(f.text) != f.text]
    display.update(cues.display)
    return CountryTable(tuple(dict.fromkeys(forms)), display)


def _key(text: str) -> str:
    return " ".join(_WORD.findall(_folded(text).lower()))


def _token_words(token: Token) -> list[str]:
    text = token.lower_
    return _WORD.findall(text if text.isascii() else _folded(text))


def _case_ok(listed: str, seen: str) -> bool:
    # "US"/"UK" need capitals; other names need only their initial capital.
    if listed.isupper():
        return seen.isupper()
    return seen[:1].isupper()


@dataclass(frozen=True)
class CountryHit:
    start: int
    end: int
    code: str
    kind: str


class CountryFinder:
    """Finds country names, demonyms and subdivisions in a doc and weighs the article's countries.

    Country forms are proper names, so a lookup of the word n-grams that start with a capital
    is enough; a dict of normalised forms avoids tokenising thousands of patterns at start-up.
    """

    def __init__(self, nlp: Language, table: CountryTable) -> None:
        self.table = table
        self._forms: dict[str, CountryForm] = {}
        self._prefixes: set[str] = set()
        firsts: set[str] = set()
        for form in table.forms:
            key = _key(form.text)
            if key and key not in self._forms:
                self._forms[key] = form
                words = key.split(" ")
                self._prefixes.update(" ".join(words[:i]) for i in range(1, len(words) + 1))
                chunk = form.text.split()[0].lower()
                firsts.update({words[0], chunk, _folded(chunk), *_WORD.findall(chunk)})
        # Candidate first tokens, found in one array scan rather than a Python loop.
        self._firsts = WordSet(nlp.vocab.strings, firsts)
        self._by_text = {form.text.lower(): form.code for form in reversed(table.forms)}

    def hits(self, doc: Doc) -> list[CountryHit]:
        """Country mentions, longest first where they overlap ("South Sudan" over "Sudan")."""
        out: list[CountryHit] = []
        resume = 0
        for i in self._firsts.positions(doc, LOWER):
            if i < resume or not doc[i].text[:1].isupper():
                continue
            found = self._match_at(doc, i)
            if found is not None:
                end, form = found
                out.append(CountryHit(i, end, form.code, form.kind))
                resume = end
        return out

    def _match_at(self, doc: Doc, start: int) -> tuple[int, CountryForm] | None:
        """The longest form starting at ``start``, growing the key a token at a time."""
        words: list[str] = []
        best: tuple[int, CountryForm] | None = None
        for end in range(start + 1, len(doc) + 1):
            part = _token_words(doc[end - 1])
            if not part:  # punctuation inside a name ("Guinea-Bissau") but never at its end
                continue
            words += part
            key = " ".join(words)
            if key not in self._prefixes:
                break
            form = self._forms.get(key)
            if form is not None and _case_ok(form.text, doc[start:end].text):
                best = (end, form)
        return best

    def code_of(self, text: str) -> str | None:
        """The country a single name or demonym stands for ("Afghan" → AF)."""
        return self._by_text.get(text.lower())

    def context(self, doc: Doc, hits: list[CountryHit] | None = None) -> dict[str, float]:
        """ISO2 → weight of the countries the article names; ``doc._.country_context`` wins."""
        given = doc._.country_context
        if isinstance(given, dict) and given:
            return {str(k): float(v) for k, v in given.items()}
        weights: dict[str, float] = {}
        lead = _lead_end(doc)
        for hit in hits if hits is not None else self.hits(doc):
            weight = WEIGHTS.get(hit.kind, 0.5) * (LEAD_FACTOR if hit.start < lead else 1.0)
            weights[hit.code] = weights.get(hit.code, 0.0) + weight
        return weights


def _lead_end(doc: Doc) -> int:
    """End of the lead: the first sentence, at most ``LEAD_TOKENS`` tokens."""
    for token in doc[1:LEAD_TOKENS]:
        if token.is_sent_start:
            return token.i
    return min(len(doc), LEAD_TOKENS)


def top_country(context: Mapping[str, float]) -> str | None:
    """The article's main country: the heaviest; ties go to the code first seen."""
    best: str | None = None
    for code, weight in context.items():
        if best is None or weight > context[best]:
            best = code
    return best
