"""What every page template gets: the user, the CSRF token, the filter in the URL, formatting helpers."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from eventledger.web.accounts import User
from eventledger.web.errors import HttpProblem

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
_SLUG = re.compile(r"[^a-z0-9]+")


def type_slug(event_type: str | None) -> str:
    """A CSS-safe name for an event type (colours on the map, the timeline and the table)."""
    return _SLUG.sub("-", (event_type or "unknown").lower()).strip("-") or "unknown"


def fmt_date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC") if value.tzinfo else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def fmt_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".")
    return fmt_date(value) if isinstance(value, date | datetime) else str(value)


def build_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.auto_reload = False  # templates ship with the package: no stat() of every template per request
    env.autoescape = True  # every .html template; article text and names can never become markup
    env.filters.update(type_slug=type_slug, fmt_date=fmt_date, fmt_value=fmt_value)
    return templates


def safe_user(request: Request) -> User | None:
    """The current user for display; a bad credential shows as logged out instead of failing the page."""
    from eventledger.web.auth import current_user

    try:
        return current_user(request)
    except HttpProblem:
        return None


def page_context(request: Request, **values: Any) -> dict[str, Any]:
    ctx = request.app.state.ctx
    user = safe_user(request)
    return {"user": user, "csrf_token": request.state.session.csrf, "public_read": ctx.settings.web_public_read,
            "path": request.url.path, **values}


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> Response:
    response: Response = request.app.state.ctx.templates.TemplateResponse(
        request, template, page_context(request, **values), status_code=status_code)
    return response
