"""The ``Article``: one news report as read, before any analysis."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Article:
    """One report. ``text`` is kept exactly as decoded so evidence offsets index into it.

    ``origin`` says where it came from (``file.jsonl:12``) for error messages and provenance.
    """

    id: str
    text: str
    published: date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None
    origin: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Hash of the normalised text: the same report re-read with other whitespace, quotes
        or Unicode composition gets the same hash, so ingestion is idempotent."""
        return content_hash(self.text)


_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-"})


def normalise_for_hash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()
