"""The report page in the web app: same reading rules as every page, the report's HTML with its
stylesheet linked (the CSP forbids inline styles), PDF and HTML downloads of the same view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import WebEnv, bearer, build_env

APRIL = "from=2025-04-01&to=2025-04-30"


@pytest.fixture
def web(tmp_path: Path) -> Iterator[WebEnv]:
    env = build_env(f"sqlite:///{tmp_path / 'ledger.sqlite'}", tmp_path)
    yield env
    env.db.close()


def test_reading_needs_a_login_unless_public(web: WebEnv, tmp_path: Path) -> None:
    anonymous = web.client()
    page = anonymous.get(f"/report?{APRIL}", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=%2Freport")
    assert anonymous.get("/report.pdf", follow_redirects=False).status_code == 303
    assert anonymous.get("/report.pdf", headers=bearer(web.tokens["viewer"])).status_code == 200
    public = build_env(f"sqlite:///{tmp_path / 'public.sqlite'}", tmp_path / "p", public_read=True)
    try:
        assert public.client().get(f"/report?{APRIL}").status_code == 200
    finally:
        public.db.close()


def test_page_is_the_report_with_its_stylesheet_and_downloads(web: WebEnv) -> None:
    client = web.login("viewer")
    page = client.get(f"/report?{APRIL}&type=Violence+against+civilians&country=NG")
    assert page.status_code == 200
    html = page.text
    for heading in ("Headline figures", "Map of events", "Timeline", "Most severe incidents", "Disputed figures",
                    "Method note"):
        assert f"<h2>{heading}</h2>" in html
    assert "<style>" not in html and '<link rel="stylesheet" href="/report.css">' in html
    assert "style-src 'self'" in page.headers["content-security-policy"]
    assert "Country: <strong>NG</strong>" in html
    assert "local officials" in html and "The army" in html  # the disputed toll's claimants
    pdf_link = "/report.pdf?from=2025-04-01&amp;to=2025-04-30&amp;type=Violence+against+civilians&amp;country=NG"
    assert pdf_link in html
    css = client.get("/report.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css") and "@page" in css.text


def test_downloads(web: WebEnv) -> None:
    client = web.login("viewer")
    pdf = client.get(f"/report.pdf?{APRIL}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="situation-report-2025-04-01-2025-04-30.pdf"'
    html = client.get(f"/report.html?{APRIL}")
    assert html.status_code == 200 and "<style>" in html.text and "attachment" in html.headers["content-disposition"]


def test_default_period_is_the_week_of_the_latest_event_and_bad_periods_are_400(web: WebEnv) -> None:
    client = web.login("viewer")
    assert "<h1>2025-04-26 to 2025-05-02</h1>" in client.get("/report").text
    assert "<h1>2025-04-01 to 2025-04-07</h1>" in client.get("/report?from=2025-04-01").text
    assert client.get("/report?from=2025-05-01&to=2025-04-01").status_code == 400
    assert client.get("/report?from=yesterday").status_code == 400
    assert client.get("/report?" + APRIL + "&country=" + "x" * 300).status_code == 400
