"""a technician's key names its technician

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Technician keys made before name no technician and reach no case: re-issue them with
    # `klantreis apikey create --role technician --technician ID`.
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("technician_id", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("technician_id")
