"""Watch lists and alerts: saved event-table filters delivered to Atom, webhook and email channels.

Public API: ``WatchLists`` / ``WatchList`` / ``Channel`` / ``ChannelSpec`` (the saved lists),
``Alerts`` (scan + deliver, run by the watcher after each cycle), ``Matcher`` and ``Dispatcher``
(the two halves), ``atom_feed`` / ``feed_entries`` (the Atom channel), ``sign`` / ``verify``
(webhook signatures), ``Mailer`` / ``SmtpMailer`` / ``mailer_from`` (email). See docs/alerts.md.
"""

from eventledger.alerts.atom import atom_feed, feed_entries
from eventledger.alerts.dispatch import Dispatcher, DispatchResult
from eventledger.alerts.mail import Mailer, SmtpMailer, mailer_from
from eventledger.alerts.matching import Matcher, ScanResult
from eventledger.alerts.service import AlertRun, Alerts
from eventledger.alerts.signing import sign, verify
from eventledger.alerts.watchlists import Channel, ChannelSpec, WatchList, WatchLists, filter_from_query

__all__ = ["AlertRun", "Alerts", "Channel", "ChannelSpec", "DispatchResult", "Dispatcher", "Mailer", "Matcher",
           "ScanResult", "SmtpMailer", "WatchList", "WatchLists", "atom_feed", "feed_entries", "filter_from_query",
           "mailer_from", "sign", "verify"]
