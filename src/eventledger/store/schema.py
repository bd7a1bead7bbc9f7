"""The ledger's tables (DESIGN.md, storage sketch), declared once with SQLAlchemy Core.

Plain tables with readable column names so the SQLite file opens sensibly in Datasette: every
contract field of an event has its own column, and ``event_json`` keeps the whole event for
round-trips. Alembic migrations (``store/migrations``) create exactly this schema; a test checks
they agree. Full-text search objects (SQLite FTS5 tables, PostgreSQL tsvector columns) are
dialect-specific and live only in the migrations (see ``fulltext.py``).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)

# Deterministic constraint names so migrations can refer to them on every dialect.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

EVENT_STATUSES = ("machine", "accepted", "edited", "rejected")
USER_ROLES = ("viewer", "editor", "admin")
MEASURES = ("fatalities", "injuries")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _figure_columns(measure: str) -> list[Column[object]]:
    """best/low/high/disputed for one measure (fatalities, injuries), as in the contract."""
    return [Column(f"{measure}_best", Integer), Column(f"{measure}_low", Integer),
            Column(f"{measure}_high", Integer), Column(f"{measure}_disputed", Boolean)]


articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String(300), nullable=False, comment="The id the input gave the article"),
    Column("source", String(300)),
    Column("url", String(2000), unique=True),
    Column("title", Text),
    Column("published", Date),
    Column("anchor_date", Date),
    Column("language", String(20)),
    Column("origin", String(2000), comment="Where it was read from (file:line)"),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("n_events", Integer, nullable=False, comment="Events written with the article (consistency check)"),
    Column("extra", Text, comment="Other input fields, as JSON"),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_external_id", articles.c.external_id)

incidents = Table(
    "incidents", metadata,
    Column("id", Integer, primary_key=True),
    Column("label", Text),
    Column("event_type", String(100)),
    Column("sub_event_type", String(100)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("location_name", String(300)),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(2)),
    Column("admin1", String(200)),
    *_figure_columns("fatalities"),
    Column("n_reports", Integer, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # Added by migration 0002 (duplicate merging, eventledger.resolve).
    Column("date_precision", String(10), comment="The most precise date precision among the reports"),
    Column("admin2", String(200)),
    Column("geo_precision", String(10), comment="The most precise place among the reports"),
    Column("geonameid", Integer),
    *_figure_columns("injuries"),
    Column("n_sources", Integer, nullable=False, server_default="0",
           comment="Distinct outlets among the reports (an article without a source counts as one)"),
)
Index("ix_incidents_date_start", incidents.c.date_start)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False, comment="Position among the article's events"),
    Column("event_type", String(100), nullable=False),
    Column("sub_event_type", String(100), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(10), nullable=False),
    Column("location_name", String(300)),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(2)),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("geo_precision", String(10), nullable=False),
    Column("geonameid", Integer),
    *_figure_columns("fatalities"),
    *_figure_columns("injuries"),
    Column("background", Boolean, nullable=False),
    Column("confidence", Float),
    Column("reported_by_source", String(300)),
    Column("reported_by_via", String(300)),
    Column("reported_by_kind", String(20)),
    Column("trigger", String(300)),
    Column("tags", Text, comment="Human-rights tags separated by '; ' (ACLED style)"),
    Column("status", String(10), nullable=False, server_default="machine"),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="SET NULL")),
    Column("incident_locked", Boolean, nullable=False, server_default=false(),
           comment="A reviewer placed this event in its incident: duplicate merging never moves it"),
    Column("event_json", Text, nullable=False, comment="The whole contract event, for round-trips"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(_in("status", EVENT_STATUSES), name="status"),
)
Index("ix_events_article_id", events.c.article_id)
Index("ix_events_date_start", events.c.date_start)
Index("ix_events_country_code_admin1", events.c.country_code, events.c.admin1)
Index("ix_events_event_type", events.c.event_type)
Index("ix_events_status", events.c.status)
Index("ix_events_incident_id", events.c.incident_id)

event_actors = Table(
    "event_actors", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("name", String(500), nullable=False),
    Column("role", String(20), nullable=False),
    Column("kind", String(30)),
    Column("span_start", Integer),
    Column("span_end", Integer),
)
Index("ix_event_actors_event_id", event_actors.c.event_id)
Index("ix_event_actors_name", event_actors.c.name)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("measure", String(12), nullable=False, comment="fatalities or injuries"),
    Column("seq", Integer, nullable=False),
    Column("value_low", Integer),
    Column("value_high", Integer),
    Column("value_text", String(500)),
    Column("claimant", String(500)),
    Column("about", String(100)),
    Column("kind", String(20)),
    Column("qualifier", String(50)),
    Column("share_of", Integer),
    Column("span_start", Integer),
    Column("span_end", Integer),
    CheckConstraint(_in("measure", MEASURES), name="measure"),
)
Index("ix_claims_event_id", claims.c.event_id)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("field", String(30), nullable=False, comment="What the span supports: trigger, actor1, date, location..."),
    Column("seq", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_evidence_event_id", evidence.c.event_id)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("text", String(500), nullable=False),
    Column("name", String(300)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("country_code", String(2)),
    Column("feature", String(20)),
)
Index("ix_places_article_id", places.c.article_id)
Index("ix_places_geonameid", places.c.geonameid)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("password_hash", String(500), nullable=False),
    Column("role", String(10), nullable=False, server_default="viewer"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled", Boolean, nullable=False, server_default=false()),
    CheckConstraint(_in("role", USER_ROLES), name="role"),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(200), nullable=False, unique=True),
    Column("name", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked", Boolean, nullable=False, server_default=false()),
)
Index("ix_api_tokens_user_id", api_tokens.c.user_id)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("who", String(200), nullable=False, comment="User name, or the command that wrote"),
    Column("action", String(30), nullable=False, comment="insert, update, delete, merge, ..."),
    Column("table_name", String(50), nullable=False),
    Column("row_id", Integer),
    Column("before", Text, comment="Row before the change, as JSON"),
    Column("after", Text, comment="Row after the change, as JSON"),
)
Index("ix_audit_log_table_name_row_id", audit_log.c.table_name, audit_log.c.row_id)
Index("ix_audit_log_at", audit_log.c.at)

# --- Daily operation (migration 0003): feed watching, watch lists and their deliveries. ---

WATCH_ITEM_STATUSES = ("pending", "new", "duplicate", "failed")
CHANNEL_KINDS = ("atom", "webhook", "email")
DELIVERY_STATUSES = ("pending", "delivered", "failed", "superseded")

watch_sources = Table(
    "watch_sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("url", String(2000), nullable=False),
    Column("kind", String(10), comment="feed or page, as last detected"),
    Column("last_poll_at", DateTime(timezone=True)),
    Column("last_ok_at", DateTime(timezone=True)),
    Column("last_new_at", DateTime(timezone=True), comment="When a new item was last ingested"),
    Column("next_poll_at", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False, server_default="0", comment="Failed polls in a row"),
    Column("total_failures", Integer, nullable=False, server_default="0"),
    Column("polls", Integer, nullable=False, server_default="0"),
    Column("not_modified", Integer, nullable=False, server_default="0", comment="Polls answered 304"),
    Column("items_new", Integer, nullable=False, server_default="0"),
    Column("items_duplicate", Integer, nullable=False, server_default="0"),
    Column("items_failed", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
)

watch_items = Table(
    "watch_items", metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("watch_sources.id", ondelete="CASCADE"), nullable=False),
    Column("item_key", String(64), nullable=False, comment="SHA-256 of the entry id, else its link"),
    Column("url", String(2000)),
    Column("title", Text),
    Column("status", String(10), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("last_error", Text),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(_in("status", WATCH_ITEM_STATUSES), name="status"),
    UniqueConstraint("source_id", "item_key"),
)

watchlists = Table(
    "watchlists", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("query", Text, nullable=False, comment="The event-table filter as a query string"),
    Column("feed_key", String(64), nullable=False, unique=True, comment="Secret part of the Atom feed's URL"),
    Column("since", DateTime(timezone=True), comment="Events last changed before this are not delivered"),
    Column("scanned_to", DateTime(timezone=True), comment="The latest event change seen by a scan"),
    Column("enabled", Boolean, nullable=False, server_default=true()),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

watch_channels = Table(
    "watch_channels", metadata,
    Column("id", Integer, primary_key=True),
    Column("watchlist_id", Integer, ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("target", String(2000), comment="Webhook URL or email address (empty for Atom)"),
    Column("secret", String(200), comment="Webhook: the HMAC-SHA256 key"),
    Column("enabled", Boolean, nullable=False, server_default=true()),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_ok_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("last_error_at", DateTime(timezone=True)),
    CheckConstraint(_in("kind", CHANNEL_KINDS), name="kind"),
)
Index("ix_watch_channels_watchlist_id", watch_channels.c.watchlist_id)

watch_deliveries = Table(
    "watch_deliveries", metadata,
    Column("id", Integer, primary_key=True),
    Column("watchlist_id", Integer, ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    Column("channel_id", Integer, ForeignKey("watch_channels.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("event_version", String(40), nullable=False,
           comment="Fingerprint of the event's delivered content when it matched"),
    Column("status", String(10), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
    CheckConstraint(_in("status", DELIVERY_STATUSES), name="status"),
    UniqueConstraint("watchlist_id", "channel_id", "event_id", "event_version", name="uq_watch_deliveries_once"),
)
Index("ix_watch_deliveries_status_next_attempt_at", watch_deliveries.c.status, watch_deliveries.c.next_attempt_at)
Index("ix_watch_deliveries_channel_id", watch_deliveries.c.channel_id)
Index("ix_watch_deliveries_event_id", watch_deliveries.c.event_id)
