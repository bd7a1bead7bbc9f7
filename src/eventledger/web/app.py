"""The FastAPI application: pages, API, static files, session middleware, one error mapper."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from eventledger.settings import Settings
from eventledger.store import Database
from eventledger.web.accounts import Accounts
from eventledger.web.api import routes as api_routes
from eventledger.web.cache import ViewCache
from eventledger.web.context import WebContext
from eventledger.web.docs_page import router as docs_router
from eventledger.web.errors import install_error_handlers
from eventledger.web.incidents import IncidentActions, LedgerIncidentActions
from eventledger.web.middleware import SessionMiddleware, content_security_policy
from eventledger.web.pages import account, admin, downloads, explore, report, review
from eventledger.web.pages.common import build_templates
from eventledger.web.passwords import Passwords
from eventledger.web.places import GazetteerPlaceSearch, LedgerPlaceSearch, PlaceSearch
from eventledger.web.ratelimit import LoginLimiter
from eventledger.web.review import Reviewer
from eventledger.web.sessions import SessionCodec, secret_key
from eventledger.web.vocabulary import Vocabulary

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _tile_origin(url: str) -> str | None:
    if not url:
        return None
    parsed = urlparse(url.replace("{s}", "a"))
    host = parsed.netloc.replace("a.", "*.", 1) if "{s}" in url else parsed.netloc
    return f"{parsed.scheme}://{host}"


def _open_gazetteer(settings: Settings) -> object:
    from eventledger.gazetteer import open_gazetteer  # imports the NLP stack: only when first needed

    return open_gazetteer(settings)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated schema plus the bearer-token scheme, so /docs can send a token."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schema.setdefault("components", {})["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer", "description": "an API token (elt_…) from /account"}}
        schema["security"] = [{"bearer": []}]
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(settings: Settings, db: Database, *, passwords: Passwords | None = None,
               incidents: IncidentActions | None = None, places: PlaceSearch | None = None) -> FastAPI:
    """The web app on ``db``. Doubles for the outside pieces may be passed in (tests)."""
    vocabulary = Vocabulary.load()
    app = FastAPI(title="eventledger", version="1", docs_url=None, redoc_url=None,
                  description="Evidence-backed conflict and human-rights events: read, filter, review.")
    codec = SessionCodec(secret_key(settings), settings.web_session_hours * 3600)
    app.state.ctx = WebContext(
        settings=settings, db=db, accounts=Accounts(db, passwords or Passwords(), token_ttl_s=settings.web_cache_s),
        reviewer=Reviewer(db, vocabulary), incidents=incidents or LedgerIncidentActions(db),
        places=places or GazetteerPlaceSearch(lambda: _open_gazetteer(settings), LedgerPlaceSearch(db)),
        vocabulary=vocabulary, sessions=codec,
        limiter=LoginLimiter(settings.web_login_attempts, settings.web_login_window_s), templates=build_templates(),
        cache=ViewCache(settings.web_cache_s))
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR), check_dir=False), name="static")
    # Imported here: eventledger.alerts reads through eventledger.web, so a module-level import would be circular.
    from eventledger.web.pages import watch

    for router in (api_routes.router, docs_router, account.router, admin.router, review.router, downloads.router,
                   report.router, explore.router, watch.router):
        app.include_router(router)
    app.add_middleware(SessionMiddleware, codec=codec, secure=settings.web_secure_cookies,
                       csp=content_security_policy(_tile_origin(settings.web_tile_url)))
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    if not (STATIC_DIR / "vendor" / "leaflet.js").exists():
        log.warning("map assets missing in %s: run 'make vendor' (npm ci) to install them", STATIC_DIR / "vendor")
    return app
