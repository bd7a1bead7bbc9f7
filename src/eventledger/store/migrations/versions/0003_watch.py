"""Daily operation: watched sources and their items, watch lists, channels and the delivery ledger.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 23:59:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=True, comment="feed or page, as last detected"),
        sa.Column("last_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ok_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "last_new_at", sa.DateTime(timezone=True), nullable=True, comment="When a new item was last ingested"
        ),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False, comment="Failed polls in a row"),
        sa.Column("total_failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("polls", sa.Integer(), server_default="0", nullable=False),
        sa.Column("not_modified", sa.Integer(), server_default="0", nullable=False, comment="Polls answered 304"),
        sa.Column("items_new", sa.Integer(), server_default="0", nullable=False),
        sa.Column("items_duplicate", sa.Integer(), server_default="0", nullable=False),
        sa.Column("items_failed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_sources")),
        sa.UniqueConstraint("name", name=op.f("uq_watch_sources_name")),
    )
    op.create_table(
        "watchlists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("query", sa.Text(), nullable=False, comment="The event-table filter as a query string"),
        sa.Column("feed_key", sa.String(length=64), nullable=False, comment="Secret part of the Atom feed's URL"),
        sa.Column(
            "since",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="Events last changed before this are not delivered",
        ),
        sa.Column(
            "scanned_to", sa.DateTime(timezone=True), nullable=True, comment="The latest event change seen by a scan"
        ),
        sa.Column("enabled", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlists")),
        sa.UniqueConstraint("feed_key", name=op.f("uq_watchlists_feed_key")),
        sa.UniqueConstraint("name", name=op.f("uq_watchlists_name")),
    )
    op.create_table(
        "watch_channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watchlist_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column(
            "target", sa.String(length=2000), nullable=True, comment="Webhook URL or email address (empty for Atom)"
        ),
        sa.Column("secret", sa.String(length=200), nullable=True, comment="Webhook: the HMAC-SHA256 key"),
        sa.Column("enabled", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_ok_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('atom', 'webhook', 'email')", name=op.f("ck_watch_channels_kind")),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name=op.f("fk_watch_channels_watchlist_id_watchlists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_channels")),
    )
    op.create_index("ix_watch_channels_watchlist_id", "watch_channels", ["watchlist_id"], unique=False)
    op.create_table(
        "watch_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False, comment="SHA-256 of the entry id, else its link"),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'new', 'duplicate', 'failed')", name=op.f("ck_watch_items_status")),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_watch_items_article_id_articles"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["watch_sources.id"], name=op.f("fk_watch_items_source_id_watch_sources"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_items")),
        sa.UniqueConstraint("source_id", "item_key", name=op.f("uq_watch_items_source_id_item_key")),
    )
    op.create_table(
        "watch_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watchlist_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column(
            "event_version",
            sa.String(length=40),
            nullable=False,
            comment="Fingerprint of the event's delivered content when it matched",
        ),
        sa.Column("status", sa.String(length=10), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'delivered', 'failed', 'superseded')", name=op.f("ck_watch_deliveries_status")
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["watch_channels.id"],
            name=op.f("fk_watch_deliveries_channel_id_watch_channels"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_watch_deliveries_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name=op.f("fk_watch_deliveries_watchlist_id_watchlists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_deliveries")),
        sa.UniqueConstraint(
            "watchlist_id", "channel_id", "event_id", "event_version", name=op.f("uq_watch_deliveries_once")
        ),
    )
    op.create_index("ix_watch_deliveries_channel_id", "watch_deliveries", ["channel_id"], unique=False)
    op.create_index("ix_watch_deliveries_event_id", "watch_deliveries", ["event_id"], unique=False)
    op.create_index(
        "ix_watch_deliveries_status_next_attempt_at", "watch_deliveries", ["status", "next_attempt_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_watch_deliveries_status_next_attempt_at", table_name="watch_deliveries")
    op.drop_index("ix_watch_deliveries_event_id", table_name="watch_deliveries")
    op.drop_index("ix_watch_deliveries_channel_id", table_name="watch_deliveries")
    op.drop_table("watch_deliveries")
    op.drop_table("watch_items")
    op.drop_index("ix_watch_channels_watchlist_id", table_name="watch_channels")
    op.drop_table("watch_channels")
    op.drop_table("watchlists")
    op.drop_table("watch_sources")
