"""The sources file: which feeds and pages ``eventledger watch`` follows (TOML, checked on load).

```toml
[[source]]
name = "Provincial news"                # unique; the key of the source's state in the database
url = "https://news.example/feed.xml"   # an RSS/Atom feed, or a listing page
language = "en"                         # optional: the articles' language
interval = "15m"                        # optional: seconds, or "90s", "15m", "2h" (default: setting)
selector = "div.story-body"             # optional: CSS selector of the article text on item pages
links = "h2.headline a"                 # optional, pages only: CSS selector of the item links
```

Unknown keys, duplicate names, non-http(s) URLs and unreadable intervals fail the whole file at
start, with the source named, so a typo never silently drops a source.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from eventledger.errors import WatchError

KEYS = {"name", "url", "language", "interval", "selector", "links"}
MIN_INTERVAL_S = 30
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Source:
    """One followed feed or page."""

    name: str
    url: str
    interval_s: int
    language: str | None = None
    selector: str | None = None
    links: str | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


def parse_interval(value: object, where: str) -> int:
    """Seconds from an int or a duration like ``"15m"``; at least ``MIN_INTERVAL_S``."""
    if isinstance(value, bool):
        raise WatchError(f"{where}: interval must be seconds or a duration like '15m'")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise WatchError(f"{where}: interval {value!r} is not seconds or a duration like '15m'")
        seconds = float(match.group(1)) * _UNIT[match.group(2)]
    if seconds < MIN_INTERVAL_S:
        raise WatchError(f"{where}: interval must be at least {MIN_INTERVAL_S} seconds (be polite to the source)")
    return int(seconds)


def check_url(url: object, where: str) -> str:
    text = str(url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WatchError(f"{where}: url must be an http(s) URL, got {text[:100]!r}")
    return text


def _optional(entry: dict[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise WatchError(f"{where}: {key} must be a string")
    return value.strip() or None


def _source(entry: object, n: int, default_interval_s: int) -> Source:
    where = f"source {n}"
    if not isinstance(entry, dict):
        raise WatchError(f"{where}: each [[source]] must be a table")
    name = str(entry.get("name") or "").strip()
    where = f"source {n} ({name!r})" if name else where
    if not name:
        raise WatchError(f"{where}: name is required")
    unknown = sorted(set(entry) - KEYS)
    if unknown:
        raise WatchError(f"{where}: unknown key(s) {', '.join(unknown)} (use {', '.join(sorted(KEYS))})")
    interval = entry.get("interval")
    return Source(name=name[:200], url=check_url(entry.get("url"), where),
                  interval_s=parse_interval(interval, where) if interval is not None else default_interval_s,
                  language=_optional(entry, "language", where), selector=_optional(entry, "selector", where),
                  links=_optional(entry, "links", where))


def parse_sources(text: str, default_interval_s: int, origin: str = "<sources>") -> list[Source]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WatchError(f"{origin}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise WatchError(f"{origin}: unknown top-level key(s) {', '.join(unknown)}; list sources as [[source]]")
    entries = data.get("source") or []
    if not isinstance(entries, list):
        raise WatchError(f"{origin}: list sources as [[source]] tables")
    sources = [_source(entry, n, default_interval_s) for n, entry in enumerate(entries, start=1)]
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise WatchError(f"{origin}: two sources are named {source.name!r}")
        seen.add(source.name)
    for source in sources:
        _check_selectors(source, origin)
    return sources


def _check_selectors(source: Source, origin: str) -> None:
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    for key in ("selector", "links"):
        value = getattr(source, key)
        if value is None:
            continue
        try:
            CSSSelector(value)
        except SelectorError as exc:
            raise WatchError(f"{origin}: source {source.name!r}: {key} {value!r} is not a CSS selector: "
                             f"{exc}") from None


def load_sources(path: Path, default_interval_s: int) -> list[Source]:
    """The sources in ``path``; a missing or unreadable file is a ``WatchError``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchError(f"cannot read the sources file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    return parse_sources(text, default_interval_s, str(path))
