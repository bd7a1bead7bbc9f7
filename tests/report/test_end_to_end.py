"""End-to-end: the bundled samples and the seed article through the real pipeline, then
``eventledger report --format html`` and ``--format pdf`` through the command line. The PDF is turned
into text (pdftotext) and its first page into a PNG (pdftoppm -r 80), kept as build/report-page1.png."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventledger.report.palette import Palette
from tests.report.pixels import pixels_near, variance

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src" / "eventledger" / "samples"
SEED = ROOT.parent / "shared" / "samples" / "seed" / "article.txt"
PAGE1 = ROOT / "build" / "report-page1.png"
SECTIONS = ("Headline figures", "Map of events", "Timeline", "Most severe incidents", "Disputed figures",
            "Method note")
SEED_PLACES = ("Quetta", "Gwadar", "Chagai")
SEED_CLAIMANTS = ("Pakistani authorities", "BLA")
PERIOD = ("--from", "2025-01-01", "--to", "2026-02-28")
_MAP = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="(Map of [^"]*)"')


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventledger.cli", *args], capture_output=True, text=True,
                          check=False, timeout=600)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'ledger.sqlite'}"
    inputs = [str(SAMPLES)] + ([str(SEED)] if SEED.exists() else [])  # CI has ../shared; else samples only
    done = run("ingest", *inputs, "--db", db, "--no-progress")
    assert done.returncode == 0, done.stderr
    return db


def test_html_report_shows_the_seeds_places_and_both_claimants(ledger: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = run("report", *PERIOD, "--format", "html", "--output", str(out), "--db", ledger)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert f"<h2>{heading}</h2>" in html
    found = _MAP.search(html)
    assert found, "no embedded map"
    png, alt = base64.b64decode(found.group(1)), found.group(2)
    assert variance(png) > 100
    assert pixels_near(png, Palette.load().colour("Battles"), 20) > 30  # the 31 January attacks' markers
    assert pixels_near(png, "#f4f1ea", 3) > 10_000  # the outline layer was drawn
    places = html[html.index('<table class="places">'):]
    for place in SEED_PLACES:
        assert place in alt and f'<th scope="row" class="place">{place}</th>' in places
    disputed = html[html.index("<h2>Disputed figures</h2>"):html.index("<h2>Method note</h2>")]
    for claimant in SEED_CLAIMANTS:
        assert f'<th scope="row" class="claimant">{claimant}</th>' in disputed


@pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                    reason="poppler-utils missing: make poppler")
def test_pdf_report_has_every_section_and_a_first_page_image(ledger: str, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    done = run("report", *PERIOD, "--format", "pdf", "-o", str(out), "--db", ledger, "--country", "PK")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for words in (*SECTIONS, *SEED_PLACES, *SEED_CLAIMANTS):
        assert words in text
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(out),
                    str(tmp_path / "page1")], check=True)
    page = (tmp_path / "page1.png").read_bytes()
    assert variance(page) > 100
    PAGE1.parent.mkdir(exist_ok=True)
    PAGE1.write_bytes(page)
