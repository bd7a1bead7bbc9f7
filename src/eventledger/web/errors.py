"""The one place errors become responses: JSON under ``/api``, an error page elsewhere.

No stack trace ever reaches a client: unexpected exceptions are logged with their traceback and
answered with a plain 500. The project's own errors map to statuses by class.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventledger.errors import (
    AccountError,
    ConflictError,
    EventLedgerError,
    FilterError,
    NotFoundError,
    ReviewError,
    StoreError,
)

log = logging.getLogger(__name__)


class HttpProblem(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unauthenticated(HttpProblem):
    status = 401


class LoginRequired(HttpProblem):
    """Reading needs a login: pages redirect to /login, the API answers 401."""

    status = 401


class Forbidden(HttpProblem):
    status = 403


class TooManyAttempts(HttpProblem):
    status = 429


_STATUS_OF: tuple[tuple[type[EventLedgerError], int], ...] = (
    (NotFoundError, 404), (ConflictError, 409), (FilterError, 400), (ReviewError, 422), (AccountError, 422),
    (StoreError, 503))
_TITLES = {400: "Bad request", 401: "Not logged in", 403: "Not allowed", 404: "Not found", 405: "Not allowed",
           409: "Changed meanwhile", 422: "Cannot do that", 429: "Too many attempts", 500: "Server error",
           503: "Database unavailable"}


def status_of(exc: EventLedgerError) -> int:
    return next((status for cls, status in _STATUS_OF if isinstance(exc, cls)), 400)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def problem(request: Request, status: int, message: str, details: Any = None) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if _is_api(request):
        body: dict[str, Any] = {"error": _TITLES.get(status, "Error"), "message": message, "status": status}
        if details is not None:
            body["details"] = details
        return JSONResponse(body, status_code=status, headers=headers)
    ctx = getattr(request.app.state, "ctx", None)
    if ctx is None:  # pragma: no cover - only before start-up finished
        return Response(message, status_code=status, media_type="text/plain")
    from eventledger.web.pages.common import page_context

    response: Response = ctx.templates.TemplateResponse(request, "error.html", page_context(
        request, title=_TITLES.get(status, "Error"), status=status, message=message), status_code=status,
        headers=headers)
    return response


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    details = [{"where": ".".join(str(p) for p in err.get("loc", ())), "problem": str(err.get("msg", ""))}
               for err in exc.errors()]
    first = details[0] if details else {"where": "request", "problem": "invalid"}
    return f"{first['where']}: {first['problem']}", details


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if _is_api(request) or request.method not in ("GET", "HEAD"):
            return problem(request, 401, exc.message)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(HttpProblem)
    async def _problem(request: Request, exc: HttpProblem) -> Response:
        return problem(request, exc.status, exc.message)

    @app.exception_handler(EventLedgerError)
    async def _ours(request: Request, exc: EventLedgerError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return problem(request, status, str(exc) if status < 500 else "the database is not available right now")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        message, details = _validation_message(exc)
        return problem(request, 422, message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path[:200]}"
        return problem(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(request, 500, "something went wrong on the server; the error was logged")
