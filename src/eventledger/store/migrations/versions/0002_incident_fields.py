"""Duplicate merging: incident place, date precision, injuries and sources; reviewer-locked events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 22:30:00

Plain ``ADD COLUMN``s (every new column is nullable or has a server default), so SQLite needs no
table rebuild and the full-text triggers are left alone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_INCIDENT_COLUMNS = (
    ("date_precision", sa.String(length=10), "The most precise date precision among the reports"),
    ("admin2", sa.String(length=200), None),
    ("geo_precision", sa.String(length=10), "The most precise place among the reports"),
    ("geonameid", sa.Integer(), None),
    ("injuries_best", sa.Integer(), None),
    ("injuries_low", sa.Integer(), None),
    ("injuries_high", sa.Integer(), None),
    ("injuries_disputed", sa.Boolean(), None),
)


def upgrade() -> None:
    for name, type_, comment in _INCIDENT_COLUMNS:
        op.add_column("incidents", sa.Column(name, type_, nullable=True, comment=comment))
    op.add_column("incidents", sa.Column(
        "n_sources", sa.Integer(), server_default="0", nullable=False,
        comment="Distinct outlets among the reports (an article without a source counts as one)"))
    op.create_index("ix_incidents_date_start", "incidents", ["date_start"], unique=False)
    op.add_column("events", sa.Column(
        "incident_locked", sa.Boolean(), server_default=sa.false(), nullable=False,
        comment="A reviewer placed this event in its incident: duplicate merging never moves it"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("incident_locked")
    op.drop_index("ix_incidents_date_start", table_name="incidents")
    with op.batch_alter_table("incidents") as batch:
        for name in ("n_sources", *(c[0] for c in reversed(_INCIDENT_COLUMNS))):
            batch.drop_column(name)
