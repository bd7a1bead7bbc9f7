"""``Resolver``: links events from different articles that report one real event to one incident.

Every live event ends up in exactly one incident (most incidents have one report). A run takes
the events that have no incident yet — the new ones, after an ingest — a chunk at a time in a
content-based order (date, article hash, position: the same order whatever order the articles
were ingested in), and for each:

1. loads the already resolved events whose dates overlap the chunk's (the *window*) into a
   ``BucketIndex`` (family × week × grid cell or country), so only plausible partners are scored;
2. scores the event against each partner (``score_pair``) and ranks the partners' incidents by
   their best score at or above the threshold;
3. joins the best incident whose every report is compatible with the event (no veto, and a score
   within ``member_slack`` of the threshold: the event must fit all of them, not just one, so
   incidents cannot grow by chaining), which holds no
   other event of the same article and which no reviewer has settled (an incident with a locked
   event is the reviewers'); otherwise it starts its own incident.

Each chunk is one transaction (on PostgreSQL also under an advisory lock, so two resolvers never
interleave); a crash loses at most the chunk, whose events simply stay unresolved until the next
run. ``rebuild`` detaches every event a reviewer has not placed and resolves everything again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from eventledger.errors import NotFoundError
from eventledger.extract.rules import Taxonomy
from eventledger.resolve import store
from eventledger.resolve.blocking import BucketIndex
from eventledger.resolve.report import Report, link_siblings, prepare, stop_words_for
from eventledger.resolve.rules import MatchRules
from eventledger.resolve.scoring import PairScore, score_pair
from eventledger.resolve.summary import summarise
from eventledger.resolve.text import Vectorizer
from eventledger.settings import Settings
from eventledger.store.database import Database

log = logging.getLogger(__name__)

# Any constant works: resolvers and reviewers on one PostgreSQL database take turns.
PG_RESOLVE_LOCK = 0x7265_736F


def lock_incidents(conn: Connection) -> None:
    """Serialise incident changes (SQLite's BEGIN IMMEDIATE already does; PostgreSQL needs a lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_RESOLVE_LOCK})


def refresh_incidents(conn: Connection, incident_ids: Iterable[int], rank: dict[str, int], now: datetime) -> None:
    """Recompute the derived fields of ``incident_ids`` from their current live members."""
    groups = store.members(conn, incident_ids)
    store.write_summaries(conn, {i: summarise(ms, rank) for i, ms in groups.items()}, now)


@dataclass
class ResolveSummary:
    """What a run did: ``events`` resolved, of which ``linked`` joined another report's incident."""

    events: int = 0
    linked: int = 0
    incidents_created: int = 0

    def __str__(self) -> str:
        return (f"{self.events} events resolved: {self.linked} linked to other reports, "
                f"{self.incidents_created} new incidents")


class Resolver:
    """Duplicate merging over one ledger ``Database``."""

    def __init__(self, db: Database, settings: Settings | None = None, rules: MatchRules | None = None) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self.db = db
        self.settings = settings or Settings.load()
        self.rules = rules or MatchRules.load(self.settings)
        taxonomy = Taxonomy.load()
        self.family = taxonomy.family_of_type
        self.rank = taxonomy.rank
        self.stop_words = stop_words_for(self.rules, STOP_WORDS)

    def resolve_new(self) -> ResolveSummary:
        """Resolve every event that has no incident yet (incremental: the rest are only candidates)."""
        summary = ResolveSummary()
        while self._chunk(summary):
            pass
        log.info("resolve: %s", summary)
        return summary

    def rebuild(self) -> ResolveSummary:
        """Forget the machine's incidents (reviewers' placements stay) and resolve everything again."""
        with self.db.begin_write() as conn:
            lock_incidents(conn)
            now = datetime.now(UTC)
            detached = store.unlink_unlocked(conn, now)
            dropped = store.drop_empty_incidents(conn)
            self.refresh(conn, store.incidents_with_members(conn), now)
        log.info("resolve --rebuild: %d events detached, %d incidents dropped", detached, dropped)
        return self.resolve_new()

    def refresh(self, conn: Connection, incident_ids: Iterable[int], now: datetime) -> None:
        refresh_incidents(conn, incident_ids, self.rank, now)

    def explain(self, event_a: int, event_b: int) -> PairScore:
        """How the two events score as reports of one event (every component, or the veto), with word
        weights from the resolved events around their dates, as a resolve step would see them."""
        with self.db.read() as conn:
            found = {r.event_id: r for r in self._prepare(self._reports(conn, store.event_rows(
                conn, [event_a, event_b])))}
            if event_a not in found or event_b not in found:
                raise NotFoundError(f"no event {event_a if event_a not in found else event_b}")
            pair = [found[event_a], found[event_b]]
            window = self._window(conn, pair)
        Vectorizer([*window, *pair]).fill(pair)
        link_siblings([*window, *pair])
        return score_pair(pair[0], pair[1], self.rules)

    def _window(self, conn: Connection, reports: list[Report]) -> list[Report]:
        """The resolved events whose dates overlap the reports' (widened by the day gap)."""
        dated = [(r.first_day, r.last_day) for r in reports if self._linkable(r)
                 and r.first_day is not None and r.last_day is not None]
        if not dated:
            return []
        gap = timedelta(days=self.rules.max_day_gap)
        lo, hi = min(f for f, _ in dated) - gap, max(last for _, last in dated) + gap
        rows = store.resolved_in_window(conn, lo, hi, self.rules.linkable_precisions)
        return self._prepare(self._reports(conn, rows))

    def _linkable(self, report: Report) -> bool:
        return report.dated and report.date_precision in self.rules.linkable_precisions

    def _reports(self, conn: Connection, rows: list[dict[str, Any]]) -> list[Report]:
        return store.reports(conn, rows, self.family, self.rules.place.area_words)

    def _prepare(self, reports: list[Report]) -> list[Report]:
        return [prepare(r, self.rules, self.stop_words) for r in reports]

    def _chunk(self, summary: ResolveSummary) -> bool:
        with self.db.begin_write() as conn:
            lock_incidents(conn)
            rows = store.unresolved(conn, self.settings.resolve_chunk_size)
            if not rows:
                return False
            now = datetime.now(UTC)
            new = self._prepare(self._reports(conn, rows))
            plan = _Plan(self, conn, new)
            real = dict(zip(plan.temporary, store.new_incidents(conn, len(plan.temporary), now), strict=True))
            assignments = {e: real.get(i, i) for e, i in plan.assignments.items()}
            store.link(conn, assignments, now)
            self.refresh(conn, set(assignments.values()), now)
        summary.events += len(new)
        summary.linked += plan.linked
        summary.incidents_created += len(plan.temporary)
        return True


class _Plan:
    """The decisions for one chunk: event id → incident id (negative: an incident still to create)."""

    def __init__(self, resolver: Resolver, conn: Connection, new: list[Report]) -> None:
        self.rules = resolver.rules
        self.linkable = resolver._linkable
        existing = resolver._window(conn, new)
        vectorizer = Vectorizer([*existing, *new])
        vectorizer.fill([*existing, *new])
        link_siblings([*existing, *new])
        self.index = BucketIndex(self.rules, lambda r: vectorizer.rare_words(r, self.rules.rare_word_articles))
        self.groups: dict[int, list[Report]] = defaultdict(list)
        for report in existing:
            if report.incident_id is not None:
                self.index.add(report)
                self.groups[report.incident_id].append(report)
        self.sizes: dict[int, int] = store.incident_sizes(conn, self.groups)
        self.settled = {i for i, members in self.groups.items() if any(m.locked for m in members)}
        self.assignments: dict[int, int] = {}
        self.temporary: list[int] = []
        self.linked = 0
        for report in new:
            self._place(report)

    def _place(self, report: Report) -> None:
        target = self._best_incident(report) if self.linkable(report) else None
        if target is None:
            target = -1 - len(self.temporary)
            self.temporary.append(target)
        else:
            self.linked += 1
        report.incident_id = target
        self.assignments[report.event_id] = target
        self.groups[target].append(report)
        self.sizes[target] = self.sizes.get(target, 0) + 1
        if self.linkable(report):
            self.index.add(report)

    def _ambiguous(self, ranked: list[int], best: dict[int, float]) -> bool:
        """Whether an incident of *other* articles fits within ``ambiguity_margin`` of the best one
        (incidents of the best one's articles are their siblings: one article, several places)."""
        if not ranked:
            return False
        top_articles = {m.article_id for m in self.groups[ranked[0]]}
        for incident_id in ranked[1:]:
            if best[ranked[0]] - best[incident_id] >= self.rules.ambiguity_margin:
                return False
            if not top_articles & {m.article_id for m in self.groups[incident_id]}:
                return True
        return False

    def _best_incident(self, report: Report) -> int | None:
        best: dict[int, float] = {}
        for other in self.index.candidates(report):
            if other.incident_id is None or other.incident_id in self.settled:
                continue  # a reviewer settled that incident: only reviewers add to it
            score = score_pair(report, other, self.rules)
            if score.matches(self.rules):
                best[other.incident_id] = max(best.get(other.incident_id, 0.0), score.total)
        ranked = sorted(best, key=lambda i: (-best[i], min(m.sort_key for m in self.groups[i])))
        if self._ambiguous(ranked, best):
            return None  # several events fit about as well: a busy place and day, not one event
        for incident_id in ranked:
            members = self.groups[incident_id]
            if len(members) < self.sizes.get(incident_id, len(members)):
                continue  # some reports lie outside the window: their dates cannot fit this one
            if all(self._fits_member(report, m) for m in members):
                return incident_id
        return None

    def _fits_member(self, report: Report, member: Report) -> bool:
        """Close enough to a member of the incident it joins: within ``member_slack`` of the threshold,
        and at a place that agrees with the member's (the same rule as for the pair that links it), so
        "Police District 4" and "Police District 2" do not meet through a report naming only the city."""
        score = score_pair(report, member, self.rules)
        return (score.total >= self.rules.threshold - self.rules.member_slack
                and score.parts.get("place", 0.0) >= self.rules.min_place - 1e-9)
