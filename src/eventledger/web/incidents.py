"""The two review actions on duplicate merging, behind a small interface.

``IncidentActions`` is what the web layer calls; the production implementation delegates to
``eventledger.resolve.review`` (merge two incidents, split an event out of its incident: each
audited, incident figures recomputed from the claims, the reviewer's placement locked against
later automatic resolves). Tests may pass a double.
"""

from __future__ import annotations

from typing import Protocol

from eventledger.resolve import review as resolve_review
from eventledger.store import Database
from eventledger.web.audit import Actor


class IncidentActions(Protocol):
    def merge(self, keep_id: int, other_id: int, who: Actor) -> int:
        """Move every report of ``other_id`` into ``keep_id``; returns ``keep_id``."""
        ...

    def split(self, event_id: int, who: Actor) -> int:
        """Give ``event_id`` an incident of its own; returns that incident's id."""
        ...


class LedgerIncidentActions:
    """``IncidentActions`` on the ledger database (same signatures in both implementations)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def merge(self, keep_id: int, other_id: int, who: Actor) -> int:
        return int(resolve_review.merge_incidents(self.db, keep_id, other_id, who=who.name, user_id=who.user_id))

    def split(self, event_id: int, who: Actor) -> int:
        return int(resolve_review.split_event(self.db, event_id, who=who.name, user_id=who.user_id))
