"""survey answers

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 23:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_answers",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.String(length=32), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=False),
        sa.Column("nps", sa.Integer(), nullable=False),
        sa.Column("ces", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("better_company", sa.Text(), nullable=False),
        sa.Column("better_how", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["service_cases.id"], name=op.f("fk_survey_answers_case_id_service_cases")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_survey_answers_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_survey_answers")),
    )
    op.create_index(op.f("ix_survey_answers_customer_id"), "survey_answers", ["customer_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_survey_answers_customer_id"), table_name="survey_answers")
    op.drop_table("survey_answers")
