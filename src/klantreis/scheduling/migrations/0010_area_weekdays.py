"""area days set by a planner

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "area_weekdays",
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("weekdays", sa.JSON(), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", name=op.f("pk_area_weekdays")),
    )


def downgrade() -> None:
    op.drop_table("area_weekdays")
