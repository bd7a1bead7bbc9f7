"""``WebContext``: everything a request handler needs, built once per app (no module-level state)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from fastapi.templating import Jinja2Templates

from eventledger.settings import Settings
from eventledger.store import Database
from eventledger.web.accounts import Accounts
from eventledger.web.cache import ViewCache
from eventledger.web.incidents import IncidentActions
from eventledger.web.places import PlaceSearch
from eventledger.web.ratelimit import LoginLimiter
from eventledger.web.review import Reviewer
from eventledger.web.sessions import SessionCodec
from eventledger.web.vocabulary import Vocabulary


@dataclass
class WebContext:
    settings: Settings
    db: Database
    accounts: Accounts
    reviewer: Reviewer
    incidents: IncidentActions
    places: PlaceSearch
    vocabulary: Vocabulary
    sessions: SessionCodec
    limiter: LoginLimiter
    templates: Jinja2Templates
    cache: ViewCache

    def changed(self) -> None:
        """Call after a write through the app: cached views and token look-ups are stale now."""
        self.cache.clear()
        self.accounts.forget_tokens()


def context_of(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.ctx
    return ctx
