"""One exception tree for the whole project.

Third-party errors are translated into these where they enter (a reader, the gazetteer, the
database), so callers handle one family and batch runs can record a failed article and go on.
"""

from __future__ import annotations


class EventLedgerError(Exception):
    """Base of every error eventledger raises on purpose."""


class SettingsError(EventLedgerError):
    """A setting is unknown, malformed or out of range; raised at start-up, never mid-run."""


class InputError(EventLedgerError):
    """An input cannot be read as an article: missing, binary, not UTF-8, empty, malformed.

    ``source`` names the file (or ``<stdin>``) and ``line`` the 1-based line for JSON Lines
    and CSV, so a one-line message can point the user at the exact place.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class GazetteerError(EventLedgerError):
    """The gazetteer index is missing, corrupt, or a GeoNames dump cannot be imported."""


class PipelineError(EventLedgerError):
    """The NLP pipeline cannot be built (missing component, bad config)."""


class DataFileError(EventLedgerError):
    """A reference data file (lexicon, actor dictionary, admin areas) breaks its schema."""


class StoreError(EventLedgerError):
    """The database cannot be opened, migrated, read or written (driver errors translated here)."""


class ExportError(EventLedgerError):
    """An export cannot be written (unknown format, unwritable output, bad filter)."""


class ClusterError(EventLedgerError):
    """The Dask cluster cannot be started or reached, or lost every worker."""
class NotFoundError(EventLedgerError):
    """A requested row (event, article, incident, user, token) does not exist."""


class AccountError(EventLedgerError):
    """An account operation is invalid: unknown role, a name already taken, a bad password."""


class ReviewError(EventLedgerError):
    """A review action or correction is invalid (unknown event type, bad date, figures out of order)."""


class ConflictError(EventLedgerError):
    """The row changed since the client read it (someone else reviewed it meanwhile)."""


class FilterError(EventLedgerError):
    """A filter, sort or paging value cannot be read (bad date, unknown status, text too long)."""


class WatchError(EventLedgerError):
    """A sources file, a watch list or an alert channel is invalid (bad URL, unknown key, duplicate name)."""


class FetchError(EventLedgerError):
    """A feed, page, robots.txt or webhook request failed: timeout, refused connection, oversized body.

    ``httpx`` errors are translated into this where requests are made; HTTP error statuses are not
    raised but returned, so callers decide (a 304 is good news, a 500 a failed poll).
    """


class ReportError(EventLedgerError):
    """A situation report cannot be made: a bad period, an unwritable output, PDF rendering unavailable."""
