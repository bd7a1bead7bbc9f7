"""ACLED's codes and column order, loaded once from ``data/acled_export.toml`` with a checked shape."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventledger.errors import DataFileError

CODES_FILE = "acled_export.toml"
ACLED_COLUMN_COUNT = 31


@dataclass(frozen=True)
class AcledCodes:
    columns: tuple[str, ...]
    disorder_by_type: dict[str, str]
    disorder_by_sub_type: dict[str, str]
    inter: dict[str, int]
    time_precision: dict[str, int]
    geo_precision: dict[str, int]

    def disorder_type(self, event_type: str, sub_event_type: str) -> str:
        return self.disorder_by_sub_type.get(sub_event_type) or self.disorder_by_type.get(event_type, "")


def _table(data: dict[str, Any], *path: str, value_type: type) -> dict[str, Any]:
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict) or not all(isinstance(v, value_type) for v in node.values()):
        raise DataFileError(f"{CODES_FILE}: [{'.'.join(path)}] must map names to {value_type.__name__} values")
    return dict(node)


def parse_codes(text: str) -> AcledCodes:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{CODES_FILE}: {exc}") from exc
    columns = data.get("columns")
    if (not isinstance(columns, list) or len(columns) != ACLED_COLUMN_COUNT or len(set(columns)) != len(columns)
            or not all(isinstance(c, str) for c in columns)):
        raise DataFileError(f"{CODES_FILE}: 'columns' must list ACLED's {ACLED_COLUMN_COUNT} distinct column names")
    return AcledCodes(tuple(columns), _table(data, "disorder_type", "event_type", value_type=str),
                      _table(data, "disorder_type", "sub_event_type", value_type=str),
                      _table(data, "inter", value_type=int), _table(data, "time_precision", value_type=int),
                      _table(data, "geo_precision", value_type=int))


def acled_codes() -> AcledCodes:
    """The packaged codes; an export loads them once and passes them along."""
    return parse_codes(resources.files("eventledger.data").joinpath(CODES_FILE).read_text(encoding="utf-8"))
