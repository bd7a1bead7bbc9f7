"""Every export column is documented in docs/export.md (DESIGN.md, style rule 7)."""

from __future__ import annotations

from pathlib import Path

from eventledger.export.codes import acled_codes
from eventledger.export.parquet import SCHEMA

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"


def test_every_acled_and_parquet_column_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in [*acled_codes().columns, *SCHEMA.names]:
        assert f"| `{name}` |" in text, f"export column {name} is missing from docs/export.md"
