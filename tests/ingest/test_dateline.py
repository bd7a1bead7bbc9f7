from datetime import date

import pytest

from eventledger.ingest.dateline import parse_dateline


@pytest.mark.parametrize(
    ("text", "published", "place", "day", "agency"),
    [
        ("Peshawar, Mar 4 (APP) Police said on Monday ...", date(2025, 3, 5), "Peshawar", date(2025, 3, 4), "APP"),
        ("KARACHI, Pakistan, Jan. 9, 2024 (Reuters) - Gunmen ...", None, "KARACHI, Pakistan", date(2024, 1, 9),
         "Reuters"),
        ("KABUL (AP) — A roadside bomb ...", None, "KABUL", None, "AP"),
        ("LAHORE: The provincial government ...", None, "LAHORE", None, None),
        ("Turbat, 12 May 2023 — Residents ...", None, "Turbat", date(2023, 5, 12), None),
        ("07/14/2022: Assailants attacked ...", None, None, date(2022, 7, 14), None),
        ("MOSUL, Iraq - Two soldiers were killed ...", None, "MOSUL, Iraq", None, None),
        ("DERA ISMAIL KHAN — Police said ...", None, "DERA ISMAIL KHAN", None, None),
    ],
)
def test_datelines(text: str, published: date | None, place: str | None, day: date | None,
                   agency: str | None) -> None:
    dl = parse_dateline(text, published)
    assert dl is not None
    assert dl.place == place
    assert dl.date == day
    assert dl.agency == agency
    if dl.place is not None:
        assert text[dl.place_start:dl.place_end] == dl.place


def test_dateline_without_year_takes_the_publish_year_across_new_year() -> None:
    dl = parse_dateline("Gilgit, Dec 31 (PTI) Snow ...", date(2026, 1, 1))
    assert dl is not None and dl.date == date(2025, 12, 31)


def test_dateline_without_year_or_publish_date_has_no_date() -> None:
    dl = parse_dateline("Gilgit, Dec 31 (PTI) Snow ...", None)
    assert dl is not None and dl.date is None and dl.date_text == "Dec 31"


@pytest.mark.parametrize("text", ["The army said on Monday that ...", "UPDATE: more to follow",
                                  "US - China talks resume", ""])
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_dateline_after_leading_blank_lines_keeps_offsets() -> None:
    text = "\n\n  Quetta, Feb 2 (IANS) The army said ..."
    dl = parse_dateline(text, date(2026, 2, 2))
    assert dl is not None and dl.place == "Quetta" and dl.agency == "IANS"
    assert text[dl.place_start:dl.place_end] == "Quetta"
    assert dl.date == date(2026, 2, 2)
