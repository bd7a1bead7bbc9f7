"""Login, logout and the account page (password, own API tokens)."""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eventledger.web.accounts import User
from eventledger.web.auth import form_csrf, page_user, session_of, writer
from eventledger.web.context import context_of
from eventledger.web.pages.common import render
from eventledger.web.passwords import MAX_PASSWORD_CHARS

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def _next(value: object) -> str:
    """Only a local path may be a post-login target (no open redirect to another site)."""
    target = value if isinstance(value, str) else ""
    parsed = urlparse(target)
    if not target.startswith("/") or target.startswith("//") or parsed.scheme or parsed.netloc or "\\" in target:
        return "/"
    return target


@router.get("/login", summary="Login form")
def login_form(request: Request) -> Response:
    return render(request, "login.html", title="Log in", next=_next(request.query_params.get("next")), error=None)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/login", summary="Log in", dependencies=[Depends(form_csrf)])
async def login(request: Request) -> Response:
    ctx = context_of(request)
    form = await request.form()
    name = str(form.get("name") or "")[:200]
    password = str(form.get("password") or "")[:MAX_PASSWORD_CHARS + 1]
    target = _next(form.get("next"))
    keys = [f"ip:{_client(request)}", f"user:{name.lower()}"]
    if ctx.limiter.blocked(keys):
        return render(request, "login.html", status_code=429, title="Log in", next=target,
                      error="Too many failed attempts. Wait a few minutes and try again.")
    user = ctx.accounts.authenticate(name, password)
    if user is None:
        ctx.limiter.failed(keys)
        return render(request, "login.html", status_code=401, title="Log in", next=target,
                      error="Wrong user name or password.")
    ctx.limiter.succeeded(f"user:{name.lower()}")
    request.state.session_set = session_of(request).logged_in(user.id, user.password_hash)
    return RedirectResponse(target, status_code=303)


@router.post("/logout", summary="Log out", dependencies=[Depends(form_csrf)])
def logout(request: Request) -> Response:
    request.state.session_clear = True
    return RedirectResponse("/login", status_code=303)


@router.get("/account", summary="Your account")
def account(request: Request, user: User = page_user("viewer")) -> Response:
    ctx = context_of(request)
    return render(request, "account.html", title="Account", tokens=ctx.accounts.list_tokens(user.id), new_token=None,
                  message=None)


@router.post("/account/password", summary="Change your password")
async def change_password(request: Request, user: User = writer("viewer")) -> Response:
    ctx = context_of(request)
    form = await request.form()
    if not ctx.accounts.authenticate(user.name, str(form.get("current") or "")):
        return render(request, "account.html", status_code=422, title="Account",
                      tokens=ctx.accounts.list_tokens(user.id), new_token=None,
                      message="The current password is wrong.")
    ctx.accounts.set_password(user.id, str(form.get("new") or ""), user.actor)
    fresh = ctx.accounts.get(user.id)
    if fresh is not None:  # keep this session; every other session of the user ends
        request.state.session_set = session_of(request).logged_in(fresh.id, fresh.password_hash)
    return RedirectResponse("/account", status_code=303)


@router.post("/account/tokens", summary="Create an API token for yourself")
async def create_own_token(request: Request, user: User = writer("viewer")) -> Response:
    ctx = context_of(request)
    form = await request.form()
    token = ctx.accounts.create_token(user.id, str(form.get("name") or "")[:200] or None, user.actor)
    return render(request, "account.html", title="Account", tokens=ctx.accounts.list_tokens(user.id),
                  new_token=token, message=None)


@router.post("/account/tokens/{token_id}/revoke", summary="Revoke one of your API tokens")
def revoke_own_token(request: Request, token_id: int, user: User = writer("viewer")) -> Response:
    context_of(request).accounts.revoke_token(token_id, user.actor, owner_id=user.id)
    return RedirectResponse("/account", status_code=303)
