"""The JSON API on SQLite and PostgreSQL: reading, filters, pagination, review actions and audit."""

from __future__ import annotations

import json

from sqlalchemy import select

from eventledger.export import ExportFormat, export_events
from eventledger.store import schema
from tests.web.conftest import WebEnv, bearer


def test_events_list_filters_and_cursor(env: WebEnv) -> None:
    client = env.client()
    headers = bearer(env.tokens["viewer"])
    body = client.get("/api/events", headers=headers).json()
    assert [e["id"] for e in body["events"]] == env.event_ids
    assert body["next_cursor"] is None
    battles = client.get("/api/events", params={"type": "Battles"}, headers=headers).json()["events"]
    assert [e["location_name"] for e in battles] == ["Gwoza"]
    by_place = client.get("/api/events", params={"place": "kawuri"}, headers=headers).json()["events"]
    assert len(by_place) == 1  # the third has no place
    by_actor = client.get("/api/events", params={"actor": "jihad"}, headers=headers).json()["events"]
    assert len(by_actor) == 3 and by_actor[0]["actors"][0]["role"] == "actor1"
    dated = client.get("/api/events", params={"from": "2025-05-01", "to": "2025-05-31"}, headers=headers).json()
    assert [e["location_name"] for e in dated["events"]] == ["Gwoza"]
    text = client.get("/api/events", params={"q": "stormed village"}, headers=headers).json()["events"]
    assert len(text) == 3
    assert client.get("/api/events", params={"q": "zzzunknownword"}, headers=headers).json()["events"] == []
    first = client.get("/api/events", params={"limit": 2}, headers=headers).json()
    assert len(first["events"]) == 2 and first["next_cursor"] == env.event_ids[1]
    rest = client.get("/api/events", params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers).json()
    assert [e["id"] for e in rest["events"]] == env.event_ids[2:] and rest["next_cursor"] is None


def test_geojson_format(env: WebEnv) -> None:
    body = env.client().get("/api/events?format=geojson", headers=bearer(env.tokens["viewer"])).json()
    assert body["type"] == "FeatureCollection"
    located = [f for f in body["features"] if f["geometry"]]
    assert located[0]["geometry"]["coordinates"] == [13.6, 11.95]  # [lon, lat] (RFC 7946)
    assert any(f["geometry"] is None for f in body["features"])


def test_one_event_has_evidence_claims_and_article(env: WebEnv) -> None:
    body = env.client().get(f"/api/events/{env.event_ids[0]}", headers=bearer(env.tokens["viewer"])).json()
    assert {c["claimant"] for c in body["claims"]} == {"local officials", "The army"}
    assert body["fatalities_disputed"] is True and body["fatalities_best"] == 6
    assert any(e["field"] == "trigger" for e in body["evidence"])
    assert body["article"]["source"] == "AFP" and "text" not in body["article"]


def test_errors_are_json(env: WebEnv) -> None:
    client = env.client()
    headers = bearer(env.tokens["viewer"])
    missing = client.get("/api/events/999999", headers=headers)
    assert missing.status_code == 404 and missing.json()["message"] == "no event 999999"
    bad = client.get("/api/events", params={"from": "yesterday"}, headers=headers)
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["message"]
    assert client.get("/api/events", params={"status": "approved"}, headers=headers).status_code == 400
    assert client.get("/api/nothing-here", headers=headers).json()["status"] == 404


def _review(env: WebEnv, event_id: int, body: dict[str, object], role: str = "editor") -> dict[str, object]:
    response = env.client().post(f"/api/events/{event_id}/review", json=body, headers=bearer(env.tokens[role]))
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def test_correction_updates_columns_json_actors_and_audit(env: WebEnv) -> None:
    event_id = env.event_ids[0]
    changes = {"location_name": "Konduga", "lat": 11.65, "lon": 13.42, "admin2": "Konduga",
               "fatalities_best": 9, "fatalities_disputed": False, "sub_event_type": "Abduction/forced disappearance",
               "actors": [{"name": "Boko Haram", "role": "actor1", "kind": "rebel_group"},
                          {"name": "Musa Ibrahim", "role": "victim", "kind": "person"}]}
    result = _review(env, event_id, {"action": "correct", "changes": changes})
    assert set(result["changed"]) >= {"location_name", "lat", "lon", "fatalities_best", "sub_event_type", "status",
                                      "actors"}
    with env.db.read() as conn:
        row = conn.execute(select(schema.events).where(schema.events.c.id == event_id)).one()
        actors = conn.execute(select(schema.event_actors.c.name).where(schema.event_actors.c.event_id == event_id)
                              .order_by(schema.event_actors.c.seq)).scalars().all()
        log = conn.execute(select(schema.audit_log).where(schema.audit_log.c.table_name == "events",
                                                          schema.audit_log.c.row_id == event_id)).all()
    assert (row.location_name, row.lat, row.status, row.fatalities_best) == ("Konduga", 11.65, "edited", 9)
    stored = json.loads(row.event_json)
    assert stored["location"]["name"] == "Konduga" and stored["location"]["lat"] == 11.65
    assert "evidence" not in stored["location"]  # the machine's span pointed at the old place
    assert stored["sub_event_type"] == "Abduction/forced disappearance"
    assert stored["fatalities"]["best"] == 9 and stored["fatalities"]["claims"]  # claims are kept
    assert actors == ["Boko Haram", "Musa Ibrahim"]
    assert stored["actors"][1]["evidence"]  # unchanged actor keeps its span
    fields = {json.loads(entry.after).popitem()[0] for entry in log}
    assert {"location_name", "lat", "status", "actors"} <= fields
    place = next(e for e in log if json.loads(e.after) == {"location_name": "Konduga"})
    assert json.loads(place.before) == {"location_name": "Kawuri"} and place.who == "editor"
    history = env.client().get(f"/api/events/{event_id}", headers=bearer(env.tokens["viewer"])).json()["history"]
    assert any(h["field"] == "location_name" and h["after"] == "Konduga" for h in history)


def test_exports_see_corrections(env: WebEnv, tmp_path: object) -> None:
    event_id = env.event_ids[0]
    _review(env, event_id, {"action": "correct", "changes": {"location_name": "Konduga"}})
    out = str(tmp_path) + "/events.jsonl"  # type: ignore[operator]
    export_events(env.db, ExportFormat.jsonl, out)
    with open(out, encoding="utf-8") as stream:
        lines = [json.loads(line) for line in stream]
    mine = next(line for line in lines if line["event_id"] == event_id)
    assert mine["location"]["name"] == "Konduga" and mine["status"] == "edited"


def test_accept_reject_and_patch(env: WebEnv) -> None:
    first, second = env.event_ids[:2]
    assert _review(env, first, {"action": "accept"})["changed"] == ["status"]
    assert _review(env, second, {"action": "reject"})["changed"] == ["status"]
    patched = env.client().patch(f"/api/events/{first}", json={"date_precision": "week"},
                                 headers=bearer(env.tokens["editor"]))
    assert patched.status_code == 200 and patched.json()["changed"] == ["date_precision", "status"]
    statuses = env.client().get("/api/events", params={"status": ["rejected", "edited"]},
                                headers=bearer(env.tokens["viewer"])).json()["events"]
    assert sorted(e["status"] for e in statuses) == ["edited", "rejected"]


def test_invalid_corrections_are_refused(env: WebEnv) -> None:
    client = env.client()
    headers = bearer(env.tokens["editor"])
    url = f"/api/events/{env.event_ids[0]}/review"
    cases = [{"sub_event_type": "Picnic"}, {"event_type": "Riots"}, {"lat": 95, "lon": 10}, {"lat": 10, "lon": None},
             {"date_start": "2025-06-01", "date_end": "2025-05-01"}, {"fatalities_low": 10},
             {"actors": [{"name": "X", "role": "hero"}]}, {"tags": ["nice_day"]}, {"password_hash": "x"}]
    for changes in cases:
        response = client.post(url, json={"action": "correct", "changes": changes}, headers=headers)
        assert response.status_code == 422, (changes, response.text)
        assert response.json()["message"]
    assert client.post(url, json={"action": "approve"}, headers=headers).status_code == 422
    assert client.post(url, content=b"{not json", headers=headers).status_code == 422


def test_stale_version_is_a_conflict(env: WebEnv) -> None:
    event_id = env.event_ids[0]
    version = env.client().get(f"/api/events/{event_id}", headers=bearer(env.tokens["viewer"])).json()["version"]
    _review(env, event_id, {"action": "accept", "version": version})
    again = env.client().post(f"/api/events/{event_id}/review", json={"action": "reject", "version": version},
                              headers=bearer(env.tokens["editor"]))
    assert again.status_code == 409


def test_stats_map_timeline_articles(env: WebEnv) -> None:
    client = env.client()
    headers = bearer(env.tokens["viewer"])
    assert client.get("/api/stats", headers=headers).json()["totals"]["events"] == 3
    points = client.get("/api/map", headers=headers).json()
    assert points["located"] == 2 and len(points["points"]) == 2
    timeline = client.get("/api/timeline", params={"bucket": "month"}, headers=headers).json()
    assert timeline["bucket"] == "month" and timeline["undated"] == 1
    assert [(s["start"], sum(s["counts"].values())) for s in timeline["series"]] == [("2025-04-01", 1),
                                                                                      ("2025-05-01", 1)]
    weekly = client.get("/api/timeline", params={"bucket": "week"}, headers=headers).json()["series"]
    assert len(weekly) == 4 and sum(sum(s["counts"].values()) for s in weekly) == 2  # empty weeks included
    articles = client.get("/api/articles", headers=headers).json()
    assert articles["total"] == 3
    article = client.get(f"/api/articles/{articles['articles'][0]['id']}", headers=headers).json()
    assert article["places"] and article["events"]


def test_openapi_documents_the_api_only(sqlite_env: WebEnv) -> None:
    client = sqlite_env.client()
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/events/{event_id}/review"} <= set(schema["paths"])
    assert all(path.startswith("/api/") for path in schema["paths"])
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
