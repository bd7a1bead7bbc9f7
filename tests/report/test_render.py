"""The rendered report: charts drawn offline, every section present, ledger text escaped."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from eventledger.report import MemoryOutlines, ReportBuilder, ReportRenderer, SituationReport, pdf_bytes
from eventledger.report.mapchart import extent
from eventledger.report.palette import Palette
from eventledger.report.timeline import bucket_for, series
from eventledger.report.topojson import Shape
from eventledger.settings import Settings
from eventledger.store import Database
from tests.report import scenario
from tests.report.ledger import Claim, Ev, article, write
from tests.report.pixels import pixels_near, variance

SECTIONS = ("Headline figures", "Map of events", "Timeline", "Most severe incidents", "Disputed figures",
            "Method note")
# A made-up country around the scenario's places, so the map has an outline layer without the vendor files.
CONGO = Shape("Testland", (np.array([[27.0, -3.0], [32.0, -3.0], [32.0, 4.0], [27.0, 4.0], [27.0, -3.0]]),),
              (27.0, -3.0, 32.0, 4.0))
HOSTILE = "<script>alert('x')</script>"


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    scenario.build(db)
    yield db
    db.close()


def report(db: Database) -> SituationReport:
    return ReportBuilder(db, Settings.load(env={}), outlines=MemoryOutlines([CONGO])).build(scenario.PERIOD)


def test_map_shows_markers_coloured_by_type_on_the_outlines(ledger: Database) -> None:
    png = report(ledger).map_png
    assert png is not None and png.startswith(b"\x89PNG")
    assert variance(png) > 100
    palette = Palette.load()
    assert pixels_near(png, palette.colour("Battles"), 20) > 30
    assert pixels_near(png, palette.colour("Explosions/Remote violence"), 20) > 30
    assert pixels_near(png, "#f4f1ea", 3) > 10_000  # the land of the outline layer


def test_extent_keeps_a_margin_and_the_aspect() -> None:
    west, south, east, north = extent([29.2, 30.3], [-1.7, 1.6], 1.5)
    assert west < 29.2 and east > 30.3 and south < -1.7 and north > 1.6
    assert abs((east - west) / (north - south) - 1.5) < 0.01  # near the equator a degree is a degree
    single = extent([67.0], [30.2], 1.0)
    assert single[3] - single[1] >= 4.0  # one place still shows its surroundings


def test_timeline_counts_incidents_per_day_by_type(ledger: Database) -> None:
    r = report(ledger)
    assert r.timeline.bucket == "day" and len(r.timeline.starts) == 7
    assert r.timeline.counts["Explosions/Remote violence"][5] == 2  # Saturday 14 March
    assert r.timeline.total == 5
    assert r.timeline_png is not None and variance(r.timeline_png) > 100
    assert bucket_for(scenario.PERIOD.previous()) == "day"


def test_timeline_of_a_long_period_is_by_week() -> None:
    from datetime import date

    from eventledger.report import Period

    quarter = Period(date(2026, 1, 1), date(2026, 3, 31))
    data = series([], quarter, Palette.load())
    assert data.bucket == "week" and data.starts[0] == date(2025, 12, 29) and data.total == 0


def test_html_has_every_section_the_places_and_both_claimants(ledger: Database) -> None:
    html = ReportRenderer().html(report(ledger))
    for heading in SECTIONS:
        assert f"<h2>{heading}</h2>" in html
    assert html.count('src="data:image/png;base64,') == 2
    assert "<link" not in html and "<script" not in html  # self-contained, nothing to fetch
    assert 'alt="Map of 5 located incidents: ' in html and "Bunia" in html
    assert "the army" in html and "a civil society group" in html
    assert "1 background event matching the filters was left out" in html


def test_article_text_is_escaped_and_only_http_urls_become_links(ledger: Database) -> None:
    hostile = Ev(f"Armed men {HOSTILE} attacked a checkpoint near Goma on Sunday, killing four, though officials "
                 "said nine died.", place="Goma", day="2026-03-15", best=4, low=4, high=9, disputed=True,
                 claims=[Claim(4, "four", f"<b>{HOSTILE}</b>"), Claim(9, "nine", "officials")])
    write(ledger, [article("hostile", [hostile], source=f"<i>{HOSTILE}</i>", title=HOSTILE,
                           url="javascript:alert(1)")])
    html = ReportRenderer().html(report(ledger))
    assert "<script>" not in html and "<i>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "javascript:" not in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing (make poppler)")
def test_pdf_from_the_html(ledger: Database, tmp_path: Path) -> None:
    import subprocess

    pdf = pdf_bytes(ReportRenderer().html(report(ledger)))
    assert pdf.startswith(b"%PDF")
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    for heading in SECTIONS:
        assert heading in text


def test_pdf_rendering_fetches_nothing_from_outside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    html = f'<html><body><p>x</p><img src="file://{secret}"><img src="http://127.0.0.1:9/x.png"></body></html>'
    with caplog.at_level("WARNING", logger="weasyprint"):
        assert pdf_bytes(html).startswith(b"%PDF")  # the images are refused, the document still renders
    assert caplog.text.count("disallowed protocol") == 2
