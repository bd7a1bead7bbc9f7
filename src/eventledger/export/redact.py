"""Redaction of named victims for exports (DESIGN.md, security model).

A named victim is an actor of kind ``person`` in the role ``victim`` or ``target``. Their full name
and each part of it of three letters or more ("Musa Ibrahim" → "Musa", "Ibrahim") are replaced in
every exported text, so a later "Ibrahim said…" in the evidence does not give them away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted]"
VICTIM_ROLES = frozenset({"victim", "target"})


def victim_names(actors: Iterable[dict[str, Any]]) -> list[str]:
    return [str(a["name"]) for a in actors if a.get("kind") == "person" and a.get("role") in VICTIM_ROLES
            and a.get("name")]


class Redactor:
    """Replaces the given names in texts; a redactor without names changes nothing."""

    def __init__(self, names: Iterable[str]) -> None:
        parts: set[str] = set()
        for name in names:
            parts.add(name.strip())
            parts.update(w for w in re.findall(r"[\w'’-]+", name) if len(w) >= 3)
        ordered = sorted((p for p in parts if p), key=len, reverse=True)
        self._pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b",
                                   re.IGNORECASE) if ordered else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def text(self, value: str | None) -> str | None:
        if value is None or self._pattern is None:
            return value
        return self._pattern.sub(REDACTED, value)

    def deep(self, value: Any) -> Any:
        """Every string inside a JSON-like value, redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.deep(v) for v in value]
        if isinstance(value, dict):
            return {k: self.deep(v) for k, v in value.items()}
        return value
