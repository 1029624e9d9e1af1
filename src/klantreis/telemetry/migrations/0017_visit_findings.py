"""what the technician found on a predicted or maintenance visit

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_findings",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("found", sa.String(length=16), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("failure_mode", sa.String(length=16), nullable=True),
        sa.Column("model_version", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["service_cases.id"], name=op.f("fk_visit_findings_case_id_service_cases")
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_visit_findings_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_visit_findings")),
    )
    op.create_index(
        op.f("ix_visit_findings_device_id"), "visit_findings", ["device_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_visit_findings_device_id"), table_name="visit_findings")
    op.drop_table("visit_findings")
