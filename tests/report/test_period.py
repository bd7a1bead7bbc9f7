from datetime import date

import pytest

from eventledger.errors import ReportError
from eventledger.report import Period


def test_previous_period_has_the_same_length_and_ends_the_day_before() -> None:
    week = Period(date(2026, 3, 2), date(2026, 3, 8))
    assert week.days == 7
    assert week.previous() == Period(date(2026, 2, 23), date(2026, 3, 1))
    assert Period(date(2024, 3, 1), date(2024, 3, 1)).previous() == Period(date(2024, 2, 29), date(2024, 2, 29))


def test_clamp_moves_days_into_the_period() -> None:
    week = Period(date(2026, 3, 2), date(2026, 3, 8))
    assert week.clamp(date(2026, 2, 1)) == date(2026, 3, 2)
    assert week.clamp(date(2026, 3, 5)) == date(2026, 3, 5)
    assert week.clamp(date(2026, 4, 1)) == date(2026, 3, 8)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ReportError, match="after it ends"):
        Period(date(2026, 3, 8), date(2026, 3, 2))
