"""Resolve: events from different articles that report one real event → one incident.

Public API: ``Resolver`` (``resolve_new`` after an ingest, ``rebuild`` for everything),
``ResolveSummary``, ``MatchRules`` (weights and tables, ``data/resolve.toml`` + settings),
``Report`` / ``score_pair`` (pair scoring, for explanations and tests), and the reviewers'
corrections ``merge_incidents`` and ``split_event`` (audited). See docs/resolve.md.
"""

from eventledger.resolve.report import Report, ReportActor
from eventledger.resolve.resolver import Resolver, ResolveSummary
from eventledger.resolve.review import merge_incidents, split_event
from eventledger.resolve.rules import MatchRules
from eventledger.resolve.scoring import PairScore, score_pair

__all__ = ["MatchRules", "PairScore", "Report", "ReportActor", "ResolveSummary", "Resolver", "merge_incidents",
           "score_pair", "split_event"]
