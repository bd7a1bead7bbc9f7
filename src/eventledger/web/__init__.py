"""The web app for analysts: map, timeline, evidence view, review with audit trail, accounts, API.

Public API: ``create_app(settings, db)`` (a FastAPI app), ``Accounts`` (users and API tokens),
``Reviewer`` (accept / correct / reject with audit), ``IncidentActions`` (merge / split).
"""

from eventledger.web.accounts import Accounts, User
from eventledger.web.app import create_app
from eventledger.web.incidents import IncidentActions
from eventledger.web.review import Reviewer

__all__ = ["Accounts", "IncidentActions", "Reviewer", "User", "create_app"]
