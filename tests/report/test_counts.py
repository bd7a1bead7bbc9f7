"""Headline counts as pure functions over units."""

from eventledger.report.counts import UNKNOWN_ADMIN1, admin1_key, by_type, count_by, several_countries, total
from eventledger.report.units import Unit


def unit(n: int, event_type: str = "Battles", admin1: str | None = "Sindh", deaths: int | None = None,
         country: str = "PK") -> Unit:
    return Unit(incident_id=None, event_ids=[n], event_type=event_type, sub_event_type="x", admin1=admin1,
                country_code=country, fatalities_best=deaths)


def test_change_on_the_previous_period_per_type() -> None:
    now = [unit(1, deaths=4), unit(2, deaths=None), unit(3, "Protests")]
    before = [unit(4), unit(5), unit(6), unit(7, "Riots", deaths=2)]
    table = {r.key: r for r in count_by(now, before, by_type)}
    assert (table["Battles"].current, table["Battles"].previous, table["Battles"].change) == (2, 3, -1)
    assert round(table["Battles"].change_pct or 0, 1) == -33.3
    assert table["Battles"].deaths == 4
    assert (table["Protests"].change, table["Protests"].change_pct) == (1, None)
    assert (table["Riots"].current, table["Riots"].change, table["Riots"].deaths_change) == (0, -1, -2)
    assert [r.key for r in count_by(now, before, by_type)] == ["Battles", "Protests", "Riots"]


def test_totals_and_an_empty_previous_period() -> None:
    row = total([unit(1, deaths=3), unit(2, deaths=5)], [])
    assert (row.current, row.previous, row.deaths, row.change_pct) == (2, 0, 8, None)


def test_province_key_names_the_country_only_when_there_are_several() -> None:
    units = [unit(1, admin1="Borno", country="NG"), unit(2, admin1=None)]
    assert several_countries(units) and not several_countries(units[1:])
    assert [admin1_key(True)(u) for u in units] == ["Borno (NG)", f"{UNKNOWN_ADMIN1} (PK)"]
    assert admin1_key(False)(units[0]) == "Borno"
