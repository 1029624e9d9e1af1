"""contact changes wait for the new address to confirm and the old one to approve

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_changes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=8), nullable=False),
        sa.Column("old_value", sa.String(length=254), nullable=False),
        sa.Column("new_value", sa.String(length=254), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("approve_hash", sa.String(length=64), nullable=True),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("approved_at", UTCDateTime(), nullable=True),
        sa.Column("superseded", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_contact_changes_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_changes")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_contact_changes_token_hash")),
        sa.UniqueConstraint("approve_hash", name=op.f("uq_contact_changes_approve_hash")),
    )
    op.create_index(
        op.f("ix_contact_changes_customer_id"), "contact_changes", ["customer_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_contact_changes_customer_id"), table_name="contact_changes")
    op.drop_table("contact_changes")
