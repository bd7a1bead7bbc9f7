"""Place-name normalisation: the keys the gazetteer indexes and looks names up by.

Two levels. ``normalise`` makes spelling-neutral text (case, diacritics, apostrophes, hyphens,
punctuation, a leading "the"). ``name_key`` goes further so that the transliteration variants news
reports use for South-Asian, Arabic and African names meet: "Qala-i-Naw" and "Qal'ah-ye Now",
"Khowst" and "Khost", "Al Hudaydah" and "Hudaidah", "Jalal Abad" and "Jalalabad", "Chaghi" and
"Chagai" all share a key. Keys are only ever compared with keys; the resolver prefers exact
``normalise`` matches, so the looser key costs little precision.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophe-like marks vanish ("Qal‘ah" -> "qalah"); other punctuation separates words.
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼʻ`´ʿʾ"), None)
_SEPARATORS = re.compile(r"[^\w]+|_")
_THE = re.compile(r"^the ")
# Arabic article forms ("al-", "ad-Dali", "ar-Raqqa", "ash-Shaddadi") and the Persian/Pashto
# ezafe connector ("Qala-i-Naw", "Dasht-e Archi", "Sar-e Pol", "Qal'ah-ye Now").
_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ul)\s+(?=\w{3})")
_EZAFE = re.compile(r"\s(?:i|e|ye|y|e|o)\s")
# Digraphs and letters transliterations disagree on, most specific first.
_SPELLINGS = (
    ("kh", "k"), ("gh", "g"), ("q", "k"), ("ph", "f"), ("dh", "d"), ("zh", "j"), ("dj", "j"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ck", "k"), ("w", "v"), ("y", "i"), ("ai", "e"), ("ei", "e"),
)
# "Khowst"/"Khost", "Lowgar"/"Logar", "Naw"/"Now": a w closing a syllable is a vowel length mark.
_CLOSING_W = re.compile(r"[ao]w(?![aeiou])")
_DOUBLE = re.compile(r"(\w)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
_VOWELS = re.compile(r"(?<!^)[aeiou]")


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_diacritics(text: str) -> str:
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def normalise(text: str) -> str:
    """Case-, diacritic- and punctuation-neutral form: "Dera Ismail-Khan" -> "dera ismail khan"."""
    text = strip_diacritics(text).casefold().translate(_APOSTROPHES)
    text = _SEPARATORS.sub(" ", text).strip()
    return _THE.sub("", text)


def name_key(text: str) -> str:
    """The transliteration-tolerant lookup key of a place name (see the module docstring)."""
    return key_of_normalised(normalise(text))


def key_of_normalised(norm: str) -> str:
    """``name_key`` of text already passed through ``normalise``."""
    if not norm:
        return ""
    if "h" in norm:
        norm = _FINAL_H.sub("", norm)
    if " " in norm:
        norm = _ARTICLE.sub("", norm)
        norm = _EZAFE.sub(" ", f" {norm} ").strip().replace(" ", "")
    key = _CLOSING_W.sub("o", norm) if "w" in norm else norm
    for old, new in _SPELLINGS:
        key = key.replace(old, new)
    return _DOUBLE.sub(r"\1", key)


def skeleton(key: str) -> str:
    """A key without inner vowels, for the fuzzy fallback: "chagai" and "chagi" -> "cg"."""
    return _VOWELS.sub("", key)


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (after removing diacritics); names in other
    scripts are of no use for English text and would only bloat the index."""
    if text.isascii():
        return True
    return all(c < "\u0250" or not c.isalpha() for c in strip_diacritics(text))
