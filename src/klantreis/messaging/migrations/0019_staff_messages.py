"""a message may go to a staff member (a password reset) instead of a customer

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 01:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.alter_column("customer_id", existing_type=sa.String(length=32), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM outbox_messages WHERE customer_id IS NULL")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.alter_column("customer_id", existing_type=sa.String(length=32), nullable=False)
