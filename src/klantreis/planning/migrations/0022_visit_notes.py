"""technicians' notes and photos of a visit

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 02:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_notes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("written_by", sa.String(length=254), nullable=False),
        sa.Column("written_at", UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("photo_type", sa.String(length=16), nullable=False),
        sa.Column("photo_name", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["service_cases.id"], name=op.f("fk_visit_notes_case_id_service_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_notes")),
    )
    op.create_index(op.f("ix_visit_notes_case_id"), "visit_notes", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_visit_notes_case_id"), table_name="visit_notes")
    op.drop_table("visit_notes")
