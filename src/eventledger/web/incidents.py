"""The two review actions on duplicate merging, behind a small interface.

``IncidentActions`` is what the web layer calls; the production implementation delegates to
``eventledger.resolve`` (merge two incidents, split an event out of its incident: each audited,
incident figures recomputed). Tests pass an in-memory double.
"""

from __future__ import annotations

from typing import Protocol

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
    """``IncidentActions`` on the ledger database through ``eventledger.store.incident_edits``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def merge(self, keep_id: int, other_id: int, who: Actor) -> int:
        from eventledger.store.incident_edits import merge_incidents

        return merge_incidents(self.db, keep_id, other_id, who=who.name, user_id=who.user_id)

    def split(self, event_id: int, who: Actor) -> int:
        from eventledger.store.incident_edits import split_event

        return split_event(self.db, event_id, who=who.name, user_id=who.user_id)
