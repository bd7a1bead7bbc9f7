"""Who is asking, and may they? FastAPI dependencies, checked before anything else a route does.

Order for a write: authenticated (else 401, whatever the id), then the CSRF token when the
credentials are a session cookie (else 403; bearer tokens are not sent by browsers on their own,
so they need none), then the role (else 403). Only then does the route look anything up.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, Request

from eventledger.web.accounts import User
from eventledger.web.context import context_of
from eventledger.web.errors import Forbidden, LoginRequired, Unauthenticated
from eventledger.web.sessions import SessionData, fingerprint

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_UNSET = object()


def session_of(request: Request) -> SessionData:
    data: SessionData = request.state.session
    return data


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthenticated("the Authorization header must be 'Bearer <token>'")
    return value.strip()


def current_user(request: Request) -> User | None:
    """The user of a valid bearer token or session cookie, else None; a bad token is a 401."""
    cached = getattr(request.state, "user", _UNSET)
    if cached is not _UNSET:
        user: User | None = cached  # type: ignore[assignment]
        return user
    ctx = context_of(request)
    token = _bearer(request)
    if token is not None:
        user = ctx.accounts.user_for_token(token)
        if user is None:
            raise Unauthenticated("invalid or revoked API token")
        request.state.via = "token"
    else:
        session = session_of(request)
        user = ctx.accounts.get(session.user_id) if session.user_id is not None else None
        if user is not None and (user.disabled or session.fingerprint != fingerprint(user.password_hash)):
            user = None
        request.state.via = "session"
    request.state.user = user
    return user


async def reader(request: Request) -> User | None:
    """Reading: anyone when ``web_public_read``, else a logged-in user or a token."""
    user = current_user(request)
    if user is None and not context_of(request).settings.web_public_read:
        raise LoginRequired("log in to read the ledger")
    return user


async def check_csrf(request: Request) -> None:
    expected = session_of(request).csrf
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Forbidden("missing or wrong CSRF token: reload the page and try again")


def writer(role: str):  # type: ignore[no-untyped-def]
    """A dependency for a write that needs ``role`` (editor, admin)."""

    async def dependency(request: Request) -> User:
        user = current_user(request)
        if user is None:
            raise Unauthenticated("log in (or send an API token) to change the ledger")
        if getattr(request.state, "via", "session") == "session":
            await check_csrf(request)
        if not user.can(role):
            raise Forbidden(f"this needs the {role} role; you are {user.role}")
        return user

    return Depends(dependency)


def page_user(role: str):  # type: ignore[no-untyped-def]
    """A dependency for a page (GET) that needs ``role``: anonymous visitors are sent to log in."""

    def dependency(request: Request) -> User:
        user = current_user(request)
        if user is None:
            raise LoginRequired(f"log in as {role} to open this page")
        if not user.can(role):
            raise Forbidden(f"this page needs the {role} role; you are {user.role}")
        return user

    return Depends(dependency)


async def form_csrf(request: Request) -> None:
    """CSRF for forms anyone may post (login)."""
    await check_csrf(request)
