"""Web app fixtures: a ledger (SQLite and PostgreSQL) holding a few hand-made documents, an app on it,
users of each role and a logged-in client helper."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eventledger.settings import Settings
from eventledger.store import Database, DocumentWriter
from eventledger.web import create_app
from eventledger.web.audit import Actor
from eventledger.web.passwords import Passwords
from tests.store.factories import make_document, variant

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def fast_passwords() -> Passwords:
    """Argon2id with small costs: the same code path, a fraction of the time per test."""
    return Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@dataclass
class WebEnv:
    app: FastAPI
    db: Database
    event_ids: list[int]
    tokens: dict[str, str]

    def client(self) -> TestClient:
        return TestClient(self.app, raise_server_exceptions=False)

    def login(self, name: str, password: str = PASSWORD) -> TestClient:
        client = self.client()
        response = client.post("/login", data={"name": name, "password": password, "csrf_token": csrf(client)},
                               follow_redirects=False)
        assert response.status_code == 303, response.text
        return client


def csrf(client: TestClient, path: str = "/login") -> str:
    match = _CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def documents() -> list[dict[str, object]]:
    second = variant(2)
    second["events"][0].update(event_type="Battles", sub_event_type="Armed clash",
                               date={"start": "2025-05-02", "end": "2025-05-02", "precision": "day"},
                               location={"name": "Gwoza", "lat": 11.08, "lon": 13.69, "country_code": "NG",
                                         "admin1": "Borno", "admin2": "Gwoza", "geo_precision": "point"})
    third = variant(3)
    third["events"][0].update(location=None, date={"start": None, "end": None, "precision": "unknown"})
    return [make_document(), second, third]


def build_env(db_url: str, tmp_path: Path, public_read: bool = False) -> WebEnv:
    settings = Settings.load(env={}, data_dir=tmp_path, web_public_read=public_read, web_login_attempts=3)
    db = Database.open(db_url)
    results = DocumentWriter(db).write_batch(documents())
    app = create_app(settings, db, passwords=fast_passwords())
    accounts = app.state.ctx.accounts
    tokens: dict[str, str] = {}
    for role in ("viewer", "editor", "admin"):
        user, _ = accounts.add_user(role, role, PASSWORD, Actor("test"))
        tokens[role] = accounts.create_token(user.id, f"{role} script", Actor("test"))
    from sqlalchemy import select

    from eventledger.store import schema

    with db.read() as conn:
        ids = list(conn.scalars(select(schema.events.c.id).order_by(schema.events.c.id)))
    assert all(r.outcome == "new" for r in results)
    return WebEnv(app, db, ids, tokens)


@pytest.fixture
def env(db_url: str, tmp_path: Path) -> Iterator[WebEnv]:
    web = build_env(db_url, tmp_path)
    yield web
    web.db.close()


@pytest.fixture
def sqlite_env(tmp_path: Path) -> Iterator[WebEnv]:
    web = build_env(f"sqlite:///{tmp_path / 'ledger.sqlite'}", tmp_path)
    yield web
    web.db.close()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
