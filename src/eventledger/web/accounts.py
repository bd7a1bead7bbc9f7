"""Users and API tokens in the ledger database (``users``, ``api_tokens``), with audit entries.

API tokens are random 256-bit strings shown once; only their SHA-256 is stored. A slow hash is
not needed for them (unlike passwords, they cannot be guessed), and a fast one keeps every API
request cheap. Account changes are audited without ever writing a hash into the log.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, func, insert, select, update

from eventledger.errors import AccountError, NotFoundError
from eventledger.store import Database, schema
from eventledger.store.schema import USER_ROLES
from eventledger.web import audit
from eventledger.web.audit import Actor
from eventledger.web.cache import ViewCache
from eventledger.web.passwords import Passwords, new_password

ROLE_RANK = {role: rank for rank, role in enumerate(USER_ROLES)}  # viewer < editor < admin
TOKEN_PREFIX = "elt_"
_NAME = re.compile(r"^[\w.@-]{1,100}$")
# Writing last_used_at on every request would make each API read a write; once a minute is enough.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    disabled: bool
    password_hash: str
    created_at: datetime | None = None

    def can(self, role: str) -> bool:
        """True when this user's role is at least ``role`` (viewer < editor < admin)."""
        return not self.disabled and ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def actor(self) -> Actor:
        return Actor(self.name, self.id)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    user_id: int
    user_name: str
    name: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


def _user(row: object) -> User:
    return User(row.id, row.name, row.role, bool(row.disabled), row.password_hash,  # type: ignore[attr-defined]
                row.created_at)  # type: ignore[attr-defined]


def check_role(role: str) -> str:
    if role not in ROLE_RANK:
        raise AccountError(f"unknown role {role!r} (use {', '.join(USER_ROLES)})")
    return role


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    """User and token operations on one database."""

    def __init__(self, db: Database, passwords: Passwords, token_ttl_s: float = 0) -> None:
        self.db = db
        self.passwords = passwords
        # token hash → user: an API script's every request would otherwise cost a query. Cleared by
        # every account change made here; a change from another process shows within the TTL.
        self._tokens = ViewCache(token_ttl_s)

    def forget_tokens(self) -> None:
        self._tokens.clear()

    # -- users -------------------------------------------------------------------------------
    def count_users(self) -> int:
        with self.db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.users)).scalar_one())

    def get(self, user_id: int) -> User | None:
        with self.db.read() as conn:
            row = conn.execute(select(schema.users).where(schema.users.c.id == user_id)).first()
        return _user(row) if row else None

    def by_name(self, name: str) -> User | None:
        with self.db.read() as conn:
            row = conn.execute(select(schema.users).where(schema.users.c.name == name)).first()
        return _user(row) if row else None

    def list_users(self) -> list[User]:
        with self.db.read() as conn:
            return [_user(r) for r in conn.execute(select(schema.users).order_by(schema.users.c.name))]

    def add_user(self, name: str, role: str, password: str | None, by: Actor) -> tuple[User, str]:
        """Create a user; returns it and its password (generated when ``password`` is None)."""
        if not _NAME.match(name):
            raise AccountError("a user name is 1-100 letters, digits, '.', '@', '_' or '-'")
        check_role(role)
        password = password or new_password()
        hashed = self.passwords.hash(password)
        with self.db.begin_write() as conn:
            if conn.execute(select(schema.users.c.id).where(schema.users.c.name == name)).first():
                raise AccountError(f"user {name!r} already exists")
            user_id = conn.execute(insert(schema.users).values(
                name=name, password_hash=hashed, role=role, created_at=datetime.now(UTC), disabled=False)
                .returning(schema.users.c.id)).scalar_one()
            audit.record(conn, by, "create", "users", user_id, None, {"name": name, "role": role})
        user = self.get(int(user_id))
        if user is None:  # pragma: no cover - just written in the same database
            raise NotFoundError(f"user {name} vanished after it was created")
        return user, password

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when the name and password match and the account is enabled; else None."""
        user = self.by_name(name) if _NAME.match(name or "") else None
        ok = self.passwords.verify(user.password_hash if user else None, password)
        return user if ok and user is not None and not user.disabled else None

    def _change(self, conn: Connection, user_id: int, by: Actor, field: str, value: object) -> None:
        row = conn.execute(select(schema.users).where(schema.users.c.id == user_id)).first()
        if row is None:
            raise NotFoundError(f"no user {user_id}")
        before = None if field == "password" else getattr(row, field)
        if field == "password":
            conn.execute(update(schema.users).where(schema.users.c.id == user_id).values(password_hash=value))
            audit.record(conn, by, "update", "users", user_id, {"password": "(set)"}, {"password": "(changed)"})
            return
        conn.execute(update(schema.users).where(schema.users.c.id == user_id).values({field: value}))
        audit.record(conn, by, "update", "users", user_id, {field: before}, {field: value})

    def set_role(self, user_id: int, role: str, by: Actor) -> None:
        check_role(role)
        with self.db.begin_write() as conn:
            self._change(conn, user_id, by, "role", role)
        self.forget_tokens()

    def set_disabled(self, user_id: int, disabled: bool, by: Actor) -> None:
        with self.db.begin_write() as conn:
            self._change(conn, user_id, by, "disabled", disabled)
        self.forget_tokens()

    def set_password(self, user_id: int, password: str, by: Actor) -> None:
        hashed = self.passwords.hash(password)
        with self.db.begin_write() as conn:
            self._change(conn, user_id, by, "password", hashed)
        self.forget_tokens()

    def ensure_first_admin(self, name: str = "admin") -> str | None:
        """Create the first admin when there are no users; returns its one-time password, else None."""
        if self.count_users():
            return None
        try:
            _, password = self.add_user(name, "admin", None, Actor("eventledger serve"))
        except AccountError:
            return None  # another process created users meanwhile
        return password

    # -- API tokens ------------------------------------------------------------------------------
    def create_token(self, user_id: int, name: str | None, by: Actor) -> str:
        """A new token for ``user_id``; the plain token is returned once and never stored."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.db.begin_write() as conn:
            if conn.execute(select(schema.users.c.id).where(schema.users.c.id == user_id)).first() is None:
                raise NotFoundError(f"no user {user_id}")
            token_id = conn.execute(insert(schema.api_tokens).values(
                user_id=user_id, token_hash=token_hash(token), name=(name or "")[:200] or None,
                created_at=datetime.now(UTC), revoked=False).returning(schema.api_tokens.c.id)).scalar_one()
            audit.record(conn, by, "create", "api_tokens", token_id, None, {"user_id": user_id, "name": name})
        return token

    def user_for_token(self, token: str) -> User | None:
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        user: User | None = self._tokens.get(token_hash(token), lambda: self._lookup_token(token))
        return user

    def _lookup_token(self, token: str) -> User | None:
        tok, users = schema.api_tokens, schema.users
        with self.db.read() as conn:
            row = conn.execute(select(users, tok.c.id.label("token_id"), tok.c.last_used_at)
                               .join(tok, tok.c.user_id == users.c.id)
                               .where(tok.c.token_hash == token_hash(token), tok.c.revoked.is_(False))).first()
        if row is None:
            return None
        self._touch(int(row.token_id), row.last_used_at)
        user = _user(row)
        return None if user.disabled else user

    def _touch(self, token_id: int, last_used: datetime | None) -> None:
        now = datetime.now(UTC)
        if last_used is not None and (last_used if last_used.tzinfo else last_used.replace(tzinfo=UTC)) > \
                now - TOKEN_TOUCH_INTERVAL:
            return
        with self.db.begin_write() as conn:
            conn.execute(update(schema.api_tokens).where(schema.api_tokens.c.id == token_id)
                         .values(last_used_at=now))

    def list_tokens(self, user_id: int | None = None) -> list[TokenInfo]:
        tok, users = schema.api_tokens, schema.users
        query = (select(tok, users.c.name.label("user_name")).join(users, users.c.id == tok.c.user_id)
                 .order_by(tok.c.id))
        if user_id is not None:
            query = query.where(tok.c.user_id == user_id)
        with self.db.read() as conn:
            return [TokenInfo(r.id, r.user_id, r.user_name, r.name, r.created_at, r.last_used_at, bool(r.revoked))
                    for r in conn.execute(query)]

    def revoke_token(self, token_id: int, by: Actor, owner_id: int | None = None) -> None:
        """Revoke a token; with ``owner_id`` only that user's own token (a user revoking their own)."""
        tok = schema.api_tokens
        with self.db.begin_write() as conn:
            row = conn.execute(select(tok).where(tok.c.id == token_id)).first()
            if row is None or (owner_id is not None and row.user_id != owner_id):
                raise NotFoundError(f"no token {token_id}")
            conn.execute(update(tok).where(tok.c.id == token_id).values(revoked=True))
            audit.record(conn, by, "revoke", "api_tokens", token_id, {"revoked": bool(row.revoked)},
                         {"revoked": True})
        self.forget_tokens()
