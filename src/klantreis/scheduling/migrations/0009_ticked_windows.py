"""the windows a customer ticked for a booking

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 04:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A list of UTC ISO instants; NULL when the customer chose a single window.
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("ticked_starts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("ticked_starts")
