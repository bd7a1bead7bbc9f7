"""``.csv`` files: one article per row, columns named by the ``csv_*_column`` settings.

Rows stream (memory flat in file size). A bad row (empty text, bad date) is reported with its line
and reading goes on; a file that breaks CSV itself (bad encoding, unterminated quote at the end,
a field over the size limit) is reported at the line where it broke and the rest is skipped.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventledger.errors import InputError
from eventledger.ingest.readers import ArticleOrError, CsvColumns, ReadOptions, article_from_mapping, check_text

_SNIFF = 65536


def _row_mapping(row: dict[str | None, Any], cols: CsvColumns) -> dict[str, Any]:
    """The row with our field names for the configured columns; other columns become ``extra``."""
    named = {"id": cols.id, "published": cols.published, "title": cols.title, "url": cols.url,
             "source": cols.source}
    taken = {cols.text, *named.values()}
    out: dict[str, Any] = {field: (row.get(column) or None) for field, column in named.items()}
    out.update({k: v for k, v in row.items() if k is not None and k not in taken and k not in out and v})
    return out


def _header_error(path: Path, header: list[str] | None, cols: CsvColumns) -> InputError | None:
    if not header:
        return InputError("empty CSV file (no header row)", source=str(path))
    if cols.text not in header:
        shown = ", ".join(header[:12]) + (" …" if len(header) > 12 else "")
        return InputError(f"no '{cols.text}' column (columns: {shown}); set csv_text_column or --csv-text",
                          source=str(path), line=1)
    return None


def read_csv(path: Path, options: ReadOptions) -> Iterator[ArticleOrError]:
    source = str(path)
    cols = options.csv
    # The csv module's field limit is process-wide; raising it to our own text limit is harmless.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_chars + 1))
    line = 0
    try:
        with path.open("rb") as raw:
            if b"\x00" in raw.read(_SNIFF):
                yield InputError("binary data (NUL bytes), not a CSV file", source=source)
                return
        with path.open("r", encoding="utf-8-sig", errors="strict", newline="") as stream:
            reader = csv.DictReader(stream, strict=True)
            problem = _header_error(path, list(reader.fieldnames or []), cols)
            if problem:
                yield problem
                return
            for row in reader:
                line = reader.line_num
                try:
                    text = check_text(row.get(cols.text), source=source, line=line, max_chars=options.max_chars)
                    yield article_from_mapping(_row_mapping(row, cols), text=text, default_id=f"{path.stem}-{line}",
                                               source=source, line=line, overrides=options.overrides)
                except InputError as exc:
                    yield exc
    except UnicodeDecodeError as exc:
        yield InputError(f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}); convert it to UTF-8 first; "
                         "rows after this point skipped", source=source, line=line + 1)
    except csv.Error as exc:
        yield InputError(f"malformed CSV ({exc}); rows after this point skipped", source=source, line=line + 1)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=source)
