"""device keys name the serials they may send for

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 06:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Device keys made before hold no serials and may send for none: re-issue them with
    # `klantreis apikey create --role device --serial ...`.
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("serials", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("serials")
