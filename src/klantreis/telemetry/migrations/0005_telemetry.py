"""telemetry, device risk, fleet models, maintenance openings, case findings

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 22:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from klantreis.core.db.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("service_cases") as batch:
        batch.add_column(sa.Column("findings", sa.JSON(), nullable=True))
    op.create_table(
        "telemetry_readings",
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("measured_at", UTCDateTime(), nullable=False),
        sa.Column("flow_temp_c", sa.Float(), nullable=True),
        sa.Column("return_temp_c", sa.Float(), nullable=True),
        sa.Column("pressure_bar", sa.Float(), nullable=True),
        sa.Column("ignition_attempts", sa.Integer(), nullable=True),
        sa.Column("burner_hours", sa.Float(), nullable=True),
        sa.Column("fault_code", sa.String(length=12), nullable=True),
        sa.PrimaryKeyConstraint("device_id", "measured_at", name=op.f("pk_telemetry_readings")),
    )
    op.create_index(
        "ix_telemetry_readings_measured_at",
        "telemetry_readings",
        ["measured_at"],
        postgresql_using="brin",
    )
    op.create_table(
        "device_risk",
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("raised", sa.Boolean(), nullable=False),
        sa.Column("risk", sa.Float(), nullable=False),
        sa.Column("failure_mode", sa.String(length=24), nullable=False),
        sa.Column("model_version", sa.Integer(), nullable=False),
        sa.Column("scored_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_device_risk_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_risk")),
    )
    op.create_table(
        "fleet_models",
        sa.Column("version", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("trained_at", UTCDateTime(), nullable=False),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("artifact", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_fleet_models")),
    )
    op.create_table(
        "maintenance_openings",
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("open_on", sa.Date(), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_maintenance_openings_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["service_cases.id"],
            name=op.f("fk_maintenance_openings_case_id_service_cases"),
        ),
        sa.PrimaryKeyConstraint("device_id", "due_on", name=op.f("pk_maintenance_openings")),
    )
    op.create_index(op.f("ix_maintenance_openings_open_on"), "maintenance_openings", ["open_on"])


def downgrade() -> None:
    op.drop_index(op.f("ix_maintenance_openings_open_on"), table_name="maintenance_openings")
    op.drop_table("maintenance_openings")
    op.drop_table("fleet_models")
    op.drop_table("device_risk")
    op.drop_index("ix_telemetry_readings_measured_at", table_name="telemetry_readings")
    op.drop_table("telemetry_readings")
    with op.batch_alter_table("service_cases") as batch:
        batch.drop_column("findings")
