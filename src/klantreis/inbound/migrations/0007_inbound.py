"""inbound messages and surge alerts

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 23:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbound_messages",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("sender", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("intent", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.String(length=32), nullable=True),
        sa.Column("case_id", sa.String(length=32), nullable=True),
        sa.Column("reply_id", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["service_cases.id"],
            name=op.f("fk_inbound_messages_case_id_service_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_inbound_messages_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_messages")),
    )
    for column in ("received_at", "intent", "status"):
        op.create_index(op.f(f"ix_inbound_messages_{column}"), "inbound_messages", [column])
    op.create_table(
        "inbound_alerts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("raised_at", UTCDateTime(), nullable=False),
        sa.Column("intent", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("baseline_per_hour", sa.Float(), nullable=False),
        sa.Column("likely_cause", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_alerts")),
    )
    op.create_index(op.f("ix_inbound_alerts_raised_at"), "inbound_alerts", ["raised_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_inbound_alerts_raised_at"), table_name="inbound_alerts")
    op.drop_table("inbound_alerts")
    for column in ("status", "intent", "received_at"):
        op.drop_index(op.f(f"ix_inbound_messages_{column}"), table_name="inbound_messages")
    op.drop_table("inbound_messages")
