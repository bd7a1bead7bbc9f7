"""Security: escaping of hostile article text and titles, CSRF, roles, tokens, SQL metacharacters,
authentication before anything else, no stack traces, login rate limiting, security headers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eventledger.store import DocumentWriter, schema
from tests.store.factories import TEXT, make_document
from tests.web.conftest import PASSWORD, WebEnv, bearer, csrf

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">click</a>'


def _hostile_article(env: WebEnv) -> tuple[int, int]:
    doc = make_document("evil", TEXT + " " + XSS, "javascript:alert(3)")
    doc["article"]["title"] = f"Title {XSS}"
    doc["events"][0]["actors"][0]["name"] = f"Militia {XSS}"
    doc["events"][0]["location"]["name"] = "<b>Kawuri</b>"
    result = DocumentWriter(env.db).write_batch([doc])[0]
    with env.db.read() as conn:
        event_id = conn.scalars(select(schema.events.c.id).where(schema.events.c.article_id == result.article_id)).one()
    assert result.article_id is not None
    return result.article_id, event_id


def test_article_text_and_names_render_inert(sqlite_env: WebEnv) -> None:
    article_id, event_id = _hostile_article(sqlite_env)
    client = sqlite_env.login("editor")
    for path in (f"/articles/{article_id}", f"/events/{event_id}", f"/review/events/{event_id}", "/events",
                 "/articles", "/review"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<script>alert" not in page.text and "<img src=x" not in page.text, path
        assert 'href="javascript:' not in page.text and "<b>Kawuri" not in page.text, path
    article = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in article
    assert "javascript:alert(3)" in article  # the URL is shown as text, never as a link


def test_strict_security_headers(sqlite_env: WebEnv) -> None:
    response = sqlite_env.client().get("/login")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unauthenticated_write_is_401_before_anything_else(env: WebEnv) -> None:
    client = env.client()
    for url in ("/api/events/999999/review", f"/api/events/{env.event_ids[0]}/review", "/api/events/abc/review",
                "/api/events/999999/split", "/api/incidents/1/merge/2"):
        response = client.post(url, content=b"{broken")
        assert response.status_code == 401, url
        assert response.json()["status"] == 401
    assert client.patch("/api/events/999999", json={}).status_code == 401
    assert client.post("/review/events/999999", data={"action": "accept"}).status_code == 401


def test_bad_token_is_401_and_reading_needs_login(env: WebEnv) -> None:
    client = env.client()
    assert client.get("/api/events", headers=bearer("elt_not-a-real-token")).status_code == 401
    assert client.get("/api/events", headers={"Authorization": "Basic abc"}).status_code == 401
    assert client.get("/api/events").status_code == 401
    page = client.get("/events", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")


def test_revoked_token_stops_working(sqlite_env: WebEnv) -> None:
    accounts = sqlite_env.app.state.ctx.accounts
    token = sqlite_env.tokens["viewer"]
    assert sqlite_env.client().get("/api/events", headers=bearer(token)).status_code == 200
    info = next(t for t in accounts.list_tokens() if t.user_name == "viewer")
    from eventledger.web.audit import Actor

    accounts.revoke_token(info.id, Actor("test"))
    assert sqlite_env.client().get("/api/events", headers=bearer(token)).status_code == 401


def test_wrong_role_is_403(env: WebEnv) -> None:
    client = env.client()
    response = client.post(f"/api/events/{env.event_ids[0]}/review", json={"action": "accept"},
                           headers=bearer(env.tokens["viewer"]))
    assert response.status_code == 403
    viewer = env.login("viewer")
    assert viewer.get(f"/review/events/{env.event_ids[0]}").status_code == 403
    assert viewer.get("/admin").status_code == 403
    editor = env.login("editor")
    token = csrf(editor, "/account")
    assert editor.post("/admin/users", data={"name": "mallory", "role": "admin", "csrf_token": token}
                       ).status_code == 403


def test_csrf_is_required_for_session_writes(sqlite_env: WebEnv) -> None:
    client = sqlite_env.login("editor")
    event_id = sqlite_env.event_ids[0]
    missing = client.post(f"/review/events/{event_id}", data={"action": "accept"})
    assert missing.status_code == 403
    wrong = client.post(f"/review/events/{event_id}", data={"action": "accept", "csrf_token": "guess"})
    assert wrong.status_code == 403
    api = client.post(f"/api/events/{event_id}/review", json={"action": "accept"})
    assert api.status_code == 403
    anonymous = sqlite_env.client()
    login = anonymous.post("/login", data={"name": "editor", "password": PASSWORD})
    assert login.status_code == 403
    good = client.post(f"/review/events/{event_id}", data={"action": "accept", "csrf_token": csrf(client, "/")},
                       follow_redirects=False)
    assert good.status_code == 303


METACHARACTERS = ["'", '"', "';--", "1' OR '1'='1", "%", "_", "\\", "*", "\"fts\" NEAR", "a) OR (1=1",
                  "); DROP TABLE events; --", "\x00", "ü%_'"]


@pytest.mark.parametrize("param", ["type", "actor", "place", "q", "status", "from", "to", "sort", "dir", "page",
                                   "background", "limit", "cursor", "bucket"])
def test_sql_metacharacters_in_every_filter(sqlite_env: WebEnv, param: str) -> None:
    client = sqlite_env.client()
    headers = bearer(sqlite_env.tokens["viewer"])
    for value in METACHARACTERS:
        for url in ("/api/events", "/api/map", "/api/timeline", "/events"):
            response = client.get(url, params={param: value}, headers=headers)
            assert response.status_code in (200, 400), (url, param, value, response.status_code)
            if url.startswith("/api"):
                assert "Traceback" not in response.text
    with sqlite_env.db.read() as conn:
        assert conn.execute(select(schema.events.c.id)).all()  # the table is still there


def test_metacharacters_match_literally(env: WebEnv) -> None:
    headers = bearer(env.tokens["viewer"])
    client = env.client()
    assert client.get("/api/events", params={"actor": "%"}, headers=headers).json()["events"] == []
    assert client.get("/api/events", params={"actor": "_"}, headers=headers).json()["events"] == []
    assert len(client.get("/api/events", params={"actor": "Jama'atu"}, headers=headers).json()["events"]) == 3
    assert client.get("/api/events", params={"q": "' OR 1=1 --"}, headers=headers).status_code == 200


def test_login_is_rate_limited(sqlite_env: WebEnv) -> None:
    client = sqlite_env.client()
    for _ in range(3):
        assert client.post("/login", data={"name": "editor", "password": "wrong-password",
                                           "csrf_token": csrf(client)}).status_code == 401
    blocked = client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf_token": csrf(client)})
    assert blocked.status_code == 429


def test_no_open_redirect_after_login(sqlite_env: WebEnv) -> None:
    client = sqlite_env.client()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/login", data={"name": "viewer", "password": PASSWORD, "next": target,
                                               "csrf_token": csrf(client)}, follow_redirects=False)
        assert response.headers["location"] == "/"


def test_unexpected_errors_show_no_stack_trace(sqlite_env: WebEnv) -> None:
    app = sqlite_env.app

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    response = sqlite_env.client().get("/api/boom")
    assert response.status_code == 500
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert response.json()["message"].startswith("something went wrong")


def test_logout_ends_the_session(sqlite_env: WebEnv) -> None:
    client = sqlite_env.login("editor")
    event_id = sqlite_env.event_ids[0]
    assert client.get(f"/review/events/{event_id}").status_code == 200
    client.post("/logout", data={"csrf_token": csrf(client, "/")})
    refused = client.get(f"/review/events/{event_id}", follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/login")


def test_password_change_ends_other_sessions(sqlite_env: WebEnv) -> None:
    first = sqlite_env.login("viewer")
    second = sqlite_env.login("viewer")
    response = second.post("/account/password", data={"current": PASSWORD, "new": "another long secret",
                                                      "csrf_token": csrf(second, "/account")}, follow_redirects=False)
    assert response.status_code == 303
    assert second.get("/account").status_code == 200
    assert first.get("/account", follow_redirects=False).status_code == 303
