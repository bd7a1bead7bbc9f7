"""Admin pages: users (add, role, disable) and API tokens (create for a user, revoke)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eventledger.store.schema import USER_ROLES
from eventledger.web.accounts import User
from eventledger.web.auth import page_user, writer
from eventledger.web.context import context_of
from eventledger.web.pages.common import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def _admin_page(request: Request, new_password: tuple[str, str] | None = None, new_token: str | None = None,
                message: str | None = None) -> Response:
    ctx = context_of(request)
    return render(request, "admin.html", title="Admin", users=ctx.accounts.list_users(),
                  tokens=ctx.accounts.list_tokens(), roles=USER_ROLES, new_password=new_password,
                  new_token=new_token, message=message)


@router.get("/admin", summary="Users and API tokens")
def admin(request: Request, user: User = page_user("admin")) -> Response:
    return _admin_page(request)


@router.post("/admin/users", summary="Add a user")
async def add_user(request: Request, user: User = writer("admin")) -> Response:
    form = await request.form()
    new_user, password = context_of(request).accounts.add_user(
        str(form.get("name") or "").strip(), str(form.get("role") or "viewer"), None, user.actor)
    return _admin_page(request, new_password=(new_user.name, password))


@router.post("/admin/users/{user_id}", summary="Change a user's role or disable them")
async def change_user(request: Request, user_id: int, user: User = writer("admin")) -> Response:
    ctx = context_of(request)
    form = await request.form()
    if "role" in form:
        ctx.accounts.set_role(user_id, str(form.get("role")), user.actor)
    if "disabled" in form:
        ctx.accounts.set_disabled(user_id, str(form.get("disabled")) == "1", user.actor)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/tokens", summary="Create an API token for a user")
async def create_token(request: Request, user: User = writer("admin")) -> Response:
    form = await request.form()
    raw = str(form.get("user_id") or "")
    ctx = context_of(request)
    if not raw.isdigit():
        return _admin_page(request, message="Choose a user for the token.")
    token = ctx.accounts.create_token(int(raw), str(form.get("name") or "")[:200] or None, user.actor)
    return _admin_page(request, new_token=token)


@router.post("/admin/tokens/{token_id}/revoke", summary="Revoke an API token")
def revoke_token(request: Request, token_id: int, user: User = writer("admin")) -> Response:
    context_of(request).accounts.revoke_token(token_id, user.actor)
    return RedirectResponse("/admin", status_code=303)
