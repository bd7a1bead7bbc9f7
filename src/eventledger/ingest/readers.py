"""Read articles from files and standard input.

Every reader yields ``Article`` or ``InputError`` items instead of raising, so one unreadable
line in a batch is reported and the rest still run. The text is decoded strictly as UTF-8 (a
BOM is dropped) and otherwise kept exactly as read: evidence offsets index into it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from eventledger.errors import InputError
from eventledger.ingest.article import Article

ArticleOrError = Article | InputError
ARTICLE_FIELDS = ("id", "published", "source", "title", "url", "language")
STDIN = "-"


@dataclass(frozen=True)
class Overrides:
    """Values given on the command line; they win over sidecars and JSONL fields."""

    published: date | None = None
    source: str | None = None


@dataclass(frozen=True)
class CsvColumns:
    """Which CSV columns hold the article's fields (settings ``csv_*_column``)."""

    text: str = "text"
    id: str = "id"
    published: str = "published"
    title: str = "title"
    url: str = "url"
    source: str = "source"


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: command-line overrides, size limits, CSV columns, folder expansion."""

    overrides: Overrides = field(default_factory=Overrides)
    max_chars: int = 2_000_000
    max_file_bytes: int = 20_000_000
    csv: CsvColumns = field(default_factory=CsvColumns)
    recursive: bool = False  # folders (recursively) and globs, as ``ingest`` takes them


def parse_published(value: object, *, source: str, line: int | None = None) -> date | None:
    """``YYYY-MM-DD`` or an ISO-8601 timestamp → date; ``None``/empty → ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(f"'published' must be a date string, got {type(value).__name__}",
                         source=source, line=line)
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(f"'published' is not an ISO date: {text!r}", source=source, line=line) from None


def decode_text(data: bytes, *, source: str, line: int | None = None) -> str:
    """Strict UTF-8 with the reason spelled out for binary and wrongly encoded input."""
    if b"\x00" in data:
        raise InputError("binary data (NUL bytes), not a text article", source=source, line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "convert it to UTF-8 first", source=source, line=line) from None
    return text.removeprefix("\ufeff")


def check_file_size(path: Path, limit: int) -> None:
    """Refuse whole-file inputs too large to parse, before reading them into memory."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"file too large ({size:,} bytes; limit {limit:,}, setting max_file_bytes)",
                         source=str(path))


def check_text(text: object, *, source: str, line: int | None = None, max_chars: int) -> str:
    if not isinstance(text, str):
        raise InputError("'text' must be a string", source=source, line=line)
    if not text.strip():
        raise InputError("empty text", source=source, line=line)
    if len(text) > max_chars:
        raise InputError(f"text too long ({len(text):,} characters; limit {max_chars:,})",
                         source=source, line=line)
    return text


def article_from_mapping(obj: Mapping[str, Any], *, text: str, default_id: str, source: str,
                         line: int | None, overrides: Overrides) -> Article:
    """Build an article from sidecar/JSONL fields with command-line overrides applied."""
    published = overrides.published or parse_published(obj.get("published"), source=source, line=line)
    art_id = obj.get("id")
    return Article(
        id=str(art_id) if art_id not in (None, "") else default_id,
        text=text,
        published=published,
        source=overrides.source or _opt_str(obj.get("source")),
        title=_opt_str(obj.get("title")),
        url=_opt_str(obj.get("url")),
        language=_opt_str(obj.get("language")),
        origin=f"{source}:{line}" if line is not None else source,
        extra={k: v for k, v in obj.items() if k not in (*ARTICLE_FIELDS, "text")},
    )


def _opt_str(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def read_sidecar(path: Path) -> dict[str, Any]:
    """The optional ``NAME.json`` beside ``path``: metadata for a ``.txt`` or ``.html`` article."""
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        loaded = json.loads(decode_text(sidecar.read_bytes(), source=str(sidecar)))
    except json.JSONDecodeError as exc:
        raise InputError(f"sidecar is not valid JSON: {exc.msg}", source=str(sidecar),
                         line=exc.lineno) from None
    if not isinstance(loaded, dict):
        raise InputError("sidecar must hold a JSON object", source=str(sidecar))
    return loaded


def read_txt(path: Path, options: ReadOptions) -> Iterator[ArticleOrError]:
    """A ``.txt`` article plus its optional ``NAME.json`` sidecar."""
    source = str(path)
    try:
        check_file_size(path, options.max_file_bytes)
        text = check_text(decode_text(path.read_bytes(), source=source), source=source,
                          max_chars=options.max_chars)
        yield article_from_mapping(read_sidecar(path), text=text, default_id=path.stem, source=source, line=None,
                                   overrides=options.overrides)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=source)


def read_jsonl_stream(stream: BinaryIO, source: str, overrides: Overrides,
                      max_chars: int) -> Iterator[ArticleOrError]:
    """One article per line; a bad line yields an error naming the line and reading goes on."""
    stem = Path(source).stem
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            line = decode_text(raw, source=source, line=lineno)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", source=source,
                                 line=lineno) from None
            if not isinstance(obj, dict):
                raise InputError("each line must be a JSON object", source=source, line=lineno)
            text = check_text(obj.get("text"), source=source, line=lineno, max_chars=max_chars)
            yield article_from_mapping(obj, text=text, default_id=f"{stem}-{lineno}", source=source,
                                       line=lineno, overrides=overrides)
        except InputError as exc:
            yield exc


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[ArticleOrError]:
    try:
        with path.open("rb") as stream:
            yield from read_jsonl_stream(stream, str(path), options.overrides, options.max_chars)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=str(path))


def read_stdin(overrides: Overrides, max_chars: int, stream: BinaryIO | None = None) -> Iterator[ArticleOrError]:
    """The whole of standard input is one article's text."""
    source = "<stdin>"
    data = (stream or sys.stdin.buffer).read()
    try:
        text = check_text(decode_text(data, source=source), source=source, max_chars=max_chars)
        yield article_from_mapping({}, text=text, default_id="stdin", source=source, line=None,
                                   overrides=overrides)
    except InputError as exc:
        yield exc


Reader = Callable[[Path, ReadOptions], Iterator[ArticleOrError]]
SUPPORTED = ".txt (+ sidecar .json), .html/.htm, .rss/.atom/.xml feeds, .jsonl, .csv or '-' for standard input"


def reader_for(path: Path) -> Reader | None:
    """The reader for a file's type. HTML, feed and CSV readers load their libraries on first use."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text"):
        return read_txt
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl
    if suffix in (".html", ".htm"):
        from eventledger.ingest.html_reader import read_html

        return read_html
    if suffix in (".rss", ".atom", ".xml"):
        from eventledger.ingest.feed_reader import read_feed

        return read_feed
    if suffix == ".csv":
        from eventledger.ingest.csv_reader import read_csv

        return read_csv
    return None


def _unsupported(path: Path) -> InputError:
    if path.suffix.lower() == ".json":
        return InputError("a .json file is read only as the sidecar of a .txt or .html article", source=str(path))
    return InputError(f"unsupported file type {path.suffix or '(none)'}; eventledger reads {SUPPORTED}",
                      source=str(path))


def read_path(path: Path, options: ReadOptions) -> Iterator[ArticleOrError]:
    reader = reader_for(path)
    if reader is None:
        yield _unsupported(path)
    else:
        yield from reader(path, options)


def read_inputs(paths: list[str], overrides: Overrides | None = None, max_chars: int = 2_000_000,
                options: ReadOptions | None = None) -> Iterator[ArticleOrError]:
    """Articles from each path in order (``-`` is standard input).

    With ``options.recursive`` folders are walked and globs expanded (``discover.expand_paths``);
    otherwise a folder is an input error (``extract`` takes files).
    """
    if options is None:
        options = ReadOptions(overrides=overrides or Overrides(), max_chars=max_chars)
    if options.recursive:
        from eventledger.ingest.discover import expand_paths

        for item in expand_paths(paths):
            if isinstance(item, InputError):
                yield item
            elif item == STDIN:
                yield from read_stdin(options.overrides, options.max_chars)
            else:
                yield from read_path(Path(item), options)
        return
    for name in paths:
        if name == STDIN:
            yield from read_stdin(options.overrides, options.max_chars)
            continue
        path = Path(name)
        if not path.exists():
            yield InputError("no such file", source=name)
            continue
        if path.is_dir():
            yield InputError("is a directory (extract takes files; use 'eventledger ingest' for folders)",
                             source=name)
            continue
        yield from read_path(path, options)
