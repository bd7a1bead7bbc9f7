"""Server-rendered pages: the review flow through forms, downloads, incidents, admin and accounts."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import insert, select, update

from eventledger.store import schema
from tests.web.conftest import PASSWORD, WebEnv, build_env, csrf


def test_pages_render_for_a_reader(env: WebEnv) -> None:
    client = env.login("viewer")
    event_id = env.event_ids[0]
    overview = client.get("/?type=Battles")
    assert overview.status_code == 200 and 'id="map"' in overview.text
    assert "/api/map?type=Battles" in overview.text  # the filter travels to the map data
    table = client.get("/events?sort=fatalities&dir=asc&place=Gwoza")
    assert "Gwoza" in table.text and "Kawuri" not in table.text.split("<tbody>")[1]
    page = client.get(f"/events/{event_id}")
    assert 'data-supports="trigger"' in page.text and "disputed" in page.text
    assert "local officials" in page.text and "The army" in page.text
    assert client.get("/articles").status_code == 200
    assert client.get("/audit").status_code == 200
    assert client.get("/incidents").status_code == 200
    assert "Review" not in client.get("/").text.split("<main>")[0]  # no review link for a viewer


def test_public_read_setting(db_url: str, tmp_path: object) -> None:
    from pathlib import Path

    web = build_env(db_url, Path(str(tmp_path)), public_read=True)
    try:
        client = web.client()
        assert client.get("/events").status_code == 200
        assert client.get("/api/events").status_code == 200
        assert client.post(f"/api/events/{web.event_ids[0]}/review", json={"action": "accept"}).status_code == 401
    finally:
        web.db.close()


def test_review_form_corrects_place_and_shows_audit(env: WebEnv) -> None:
    client = env.login("editor")
    event_id = env.event_ids[0]
    form = client.get(f"/review/events/{event_id}").text
    assert 'name="version"' in form and "actor1 | rebel_group |" in form
    version = form.split('name="version" value="', 1)[1].split('"', 1)[0]
    data = {"csrf_token": csrf(client, "/"), "version": version, "action": "correct", "sub_event_type": "Attack",
            "tags": "mass_casualty", "has_background": "1", "date_start": "2025-04-07", "date_end": "2025-04-07",
            "date_precision": "day", "location_name": "Bama", "lat": "11.52", "lon": "13.69", "country_code": "ng",
            "admin1": "Borno", "admin2": "Bama", "geo_precision": "point", "geonameid": "",
            "actors": ("actor1 | rebel_group | Jama'atu Ahlis Sunna Lidda'awati wal-Jihad\n"
                       "victim | person | Musa Ibrahim"),
            "fatalities_best": "6", "fatalities_low": "6", "fatalities_high": "9", "has_fatalities_disputed": "1",
            "fatalities_disputed": "on", "injuries_best": "", "injuries_low": "", "injuries_high": "",
            "has_injuries_disputed": "1"}
    saved = client.post(f"/review/events/{event_id}", data=data, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    page = client.get(saved.headers["location"]).text
    assert "Bama" in page and "edited" in page
    audit = client.get("/audit?table=events").text
    assert "Kawuri" in audit and "Bama" in audit and "location_name" in audit
    with env.db.read() as conn:
        row = conn.execute(select(schema.events).where(schema.events.c.id == event_id)).one()
    assert (row.country_code, row.geonameid, row.admin2) == ("NG", None, "Bama")
    assert json.loads(row.event_json)["actors"][1] == {"name": "Musa Ibrahim", "role": "victim", "kind": "person",
                                                        "evidence": json.loads(row.event_json)["actors"][1]["evidence"]}
    stale = client.post(f"/review/events/{event_id}", data={**data, "location_name": "Dikwa"})
    assert stale.status_code == 409 and "changed by someone else" in stale.text


def test_downloads_follow_the_view(env: WebEnv) -> None:
    client = env.login("viewer")
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv?type=Battles").text)))
    assert [r["location"] for r in rows] == ["Gwoza"] and rows[0]["event_type"] == "Battles"
    assert len(rows[0]) == 31
    geo = json.loads(client.get("/events.geojson").text)
    assert len(geo["features"]) == 3 and geo["features"][0]["geometry"]["type"] == "Point"


def _incidents(env: WebEnv) -> tuple[int, int]:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    with env.db.begin_write() as conn:
        ids = [conn.execute(insert(schema.incidents).values(n_reports=1, created_at=now, updated_at=now)
                            .returning(schema.incidents.c.id)).scalar_one() for _ in range(2)]
        for event_id, incident_id in zip(env.event_ids[:2], ids, strict=True):
            conn.execute(update(schema.events).where(schema.events.c.id == event_id).values(incident_id=incident_id))
    return ids[0], ids[1]


def test_merge_and_split_incidents(env: WebEnv) -> None:
    keep, other = _incidents(env)
    client = env.login("editor")
    merged = client.post("/review/incidents/merge", data={"keep_id": str(keep), "other_id": str(other),
                                                          "csrf_token": csrf(client, "/")}, follow_redirects=False)
    assert merged.status_code == 303 and merged.headers["location"] == f"/incidents/{keep}"
    with env.db.read() as conn:
        members = conn.scalars(select(schema.events.c.id).where(schema.events.c.incident_id == keep)).all()
        incident = conn.execute(select(schema.incidents).where(schema.incidents.c.id == keep)).one()
        gone = conn.execute(select(schema.incidents).where(schema.incidents.c.id == other)).first()
    assert sorted(members) == sorted(env.event_ids[:2]) and gone is None
    assert incident.n_reports == 2 and incident.fatalities_best == 6 and incident.fatalities_disputed
    page = client.get(f"/incidents/{keep}").text
    assert page.count('action="/review/events/') == 2
    event_page = client.get(f"/events/{env.event_ids[0]}").text
    assert f"/events/{env.event_ids[1]}" in event_page  # the incident's other report
    split = client.post(f"/review/events/{env.event_ids[1]}/split", data={"csrf_token": csrf(client, "/")},
                        follow_redirects=False)
    assert split.status_code == 303
    new_id = int(split.headers["location"].rsplit("/", 1)[1])
    with env.db.read() as conn:
        assert conn.scalar(select(schema.events.c.incident_id).where(schema.events.c.id == env.event_ids[1])) == new_id
    audit = client.get("/audit?table=incidents").text
    assert "merge" in audit and "insert" in audit


def test_admin_manages_users_and_tokens(sqlite_env: WebEnv) -> None:
    client = sqlite_env.login("admin")
    created = client.post("/admin/users", data={"name": "analyst", "role": "editor",
                                                "csrf_token": csrf(client, "/admin")})
    assert created.status_code == 200
    password = created.text.split('id="new-password">', 1)[1].split("<", 1)[0]
    assert sqlite_env.login("analyst", password).get("/review").status_code == 200
    analyst = sqlite_env.app.state.ctx.accounts.by_name("analyst")
    token_page = client.post("/admin/tokens", data={"user_id": str(analyst.id), "name": "script",
                                                    "csrf_token": csrf(client, "/admin")})
    token = token_page.text.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert sqlite_env.client().get("/api/events", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    client.post(f"/admin/users/{analyst.id}", data={"disabled": "1", "csrf_token": csrf(client, "/admin")})
    assert sqlite_env.client().get("/api/events", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    with sqlite_env.db.read() as conn:
        hashes = conn.scalars(select(schema.api_tokens.c.token_hash)).all()
        logged = " ".join(str(r.after) + str(r.before) for r in conn.execute(select(schema.audit_log)))
    assert token not in hashes and password not in logged  # only hashes at rest, no secrets in the log


def test_account_tokens_and_first_admin(sqlite_env: WebEnv) -> None:
    client = sqlite_env.login("viewer")
    page = client.post("/account/tokens", data={"name": "mine", "csrf_token": csrf(client, "/account")})
    assert 'id="new-token">elt_' in page.text
    accounts = sqlite_env.app.state.ctx.accounts
    assert accounts.ensure_first_admin() is None  # users exist already
    assert PASSWORD not in page.text
