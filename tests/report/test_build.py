"""The report's figures on a small ledger (SQLite and PostgreSQL): counts and the change on the
previous period, what is left out, severity order, disputed figures with their claimants."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventledger.report import MemoryOutlines, ReportBuilder, SituationReport
from eventledger.settings import Settings
from eventledger.store import Database, EventFilter
from tests.report import scenario


@pytest.fixture
def ledger(db_url: str) -> Iterator[Database]:
    db = Database.open(db_url)
    scenario.build(db)
    yield db
    db.close()


def build(db: Database, flt: EventFilter | None = None, **settings: object) -> SituationReport:
    builder = ReportBuilder(db, Settings.load(env={}, **settings), outlines=MemoryOutlines([]))
    return builder.build(scenario.PERIOD, flt, charts=False)


def rows(table: list[object]) -> dict[str, tuple[int, int, int]]:
    return {r.key: (r.current, r.previous, r.deaths) for r in table}  # type: ignore[attr-defined]


def test_counts_by_type_and_province_with_previous_period(ledger: Database) -> None:
    report = build(ledger)
    assert str(report.previous) == "2026-03-02 to 2026-03-08"
    assert rows(report.by_type) == {"Explosions/Remote violence": (2, 0, 12), "Battles": (1, 2, 7),
                                    "Violence against civilians": (1, 0, 3), "Protests": (1, 0, 0)}
    assert report.by_type[0].key == "Explosions/Remote violence"  # most incidents first
    battles = next(r for r in report.by_type if r.key == "Battles")
    assert (battles.change, battles.change_pct) == (-1, -50.0)
    assert next(r for r in report.by_type if r.key == "Protests").change_pct is None  # nothing to compare with
    assert rows(report.by_admin1) == {"North Kivu": (3, 0, 9), "Ituri": (2, 2, 13)}
    assert (report.total.current, report.total.previous, report.total.deaths) == (5, 2, 22)


def test_background_and_rejected_events_are_left_out(ledger: Database) -> None:
    report = build(ledger)
    assert report.coverage.background == 1
    assert "Riots" not in rows(report.by_type)
    assert {o.outlet for o in report.outlets} == {"Radio Okapi", "Actualite"}
    rejected_too = build(ledger, EventFilter(status=("rejected",)))
    assert rows(rejected_too.by_type) == {"Riots": (1, 0, 0)}


def test_filters_apply_to_both_periods(ledger: Database) -> None:
    report = build(ledger, EventFilter(admin1="ituri"))
    assert rows(report.by_type) == {"Battles": (1, 2, 7), "Explosions/Remote violence": (1, 0, 6)}
    assert report.filters == [("Province/state", "ituri")]


def test_most_severe_first_and_one_sentence_about_two_places_is_one_entry(ledger: Database) -> None:
    report = build(ledger)
    assert [(s.unit.sub_event_type, s.places) for s in report.severe] == [
        ("Armed clash", ["Bunia"]), ("Shelling/artillery/missile attack", ["Beni", "Bunia"]),
        ("Attack", ["Beni"])]
    first = report.severe[0]
    assert first.quote is not None and first.quote.startswith("Fighters attacked an army post in Bunia")
    assert [s.outlet for s in first.sources] == ["Radio Okapi"]
    assert first.sources[0].url == "https://news.example/okapi-bunia"
    assert len(build(ledger, report_top_incidents=2).severe) == 2


def test_every_disputed_figure_lists_its_claimants(ledger: Database) -> None:
    report = build(ledger)
    table = [(d.places, [(c.claimant, c.figure, c.words) for c in d.claims]) for d in report.disputed]
    assert table == [
        (["Bunia"], [("the army", "7", "seven"), ("a civil society group", "15", "15")]),
        (["Beni", "Bunia"], [("the governor", "12", "12 people"), ("the rebels", "", "denied")])]
    assert report.disputed[1].claims[0].split
    assert report.disputed[0].figures() == (7, 7, 15)
    assert len(build(ledger, report_max_disputed=1).disputed) == 1
    assert build(ledger, report_max_disputed=1).disputed_more == 1


def test_incidents_count_once_and_list_every_source(ledger: Database) -> None:
    from eventledger.resolve import Resolver
    from tests.report.ledger import Claim, Ev, article, write

    retold = Ev("Seven assailants were killed when they stormed a military position in Bunia on Tuesday.",
                day="2026-03-10", place="Bunia", best=7, low=7, high=7, claims=[Claim(7, "Seven", None)])
    write(ledger, [article("radio-moto-bunia", [retold], source="Radio Moto", published="2026-03-10")])
    Resolver(ledger).resolve_new()
    report = build(ledger)
    assert rows(report.by_type)["Battles"] == (1, 2, 7)
    clash = report.severe[0]
    assert clash.unit.incident_id is not None
    assert {s.outlet for s in clash.sources} == {"Radio Okapi", "Radio Moto"}
