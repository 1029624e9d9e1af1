"""staff sign in to the console: the revoked signed staff links are no longer kept

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("revoked_links")


def downgrade() -> None:
    op.create_table(
        "revoked_links",
        sa.Column("link_id", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("link_id", name=op.f("pk_revoked_links")),
    )
