"""staff links revoked before their expiry

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 06:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revoked_links",
        sa.Column("link_id", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("link_id", name=op.f("pk_revoked_links")),
    )


def downgrade() -> None:
    op.drop_table("revoked_links")
