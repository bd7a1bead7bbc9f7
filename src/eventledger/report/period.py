"""The reporting period and the previous period of the same length that changes are measured against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from eventledger.errors import ReportError


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ReportError(f"the period starts ({self.start}) after it ends ({self.end})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def clamp(self, day: date) -> date:
        """``day`` moved into the period (an event whose span began before the period counts on its first day)."""
        return min(max(day, self.start), self.end)

    def __str__(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"
