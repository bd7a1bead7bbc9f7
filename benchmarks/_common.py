"""Shared helpers for the benchmark scripts (not part of the package)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def eval_dir() -> Path:
    """The shared evaluation data: EVENTLEDGER_EVAL_DIR, else ../shared/eval beside the checkout."""
    env = os.environ.get("EVENTLEDGER_EVAL_DIR")
    path = Path(env) if env else ROOT.parent / "shared" / "eval"
    if not path.is_dir():
        sys.exit(f"evaluation data not found at {path} (set EVENTLEDGER_EVAL_DIR)")
    return path


def write_jsonl(path: Path, docs: Iterable[dict[str, object]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    return n
