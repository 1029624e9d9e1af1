"""readings hold the sensors their appliance kind declares; fleet models are per kind, and a
challenger is kept unpromoted

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_BOILER = ("flow_temp_c", "return_temp_c", "pressure_bar", "ignition_attempts", "burner_hours")


def upgrade() -> None:
    with op.batch_alter_table("telemetry_readings") as batch:
        batch.add_column(sa.Column("sensor_values", sa.JSON(), nullable=True))
    # One statement, not a row at a time: a fleet's history is millions of rows.
    pairs = ", ".join(f"'{name}', {name}" for name in _BOILER)
    if op.get_bind().dialect.name == "postgresql":
        values = f"json_strip_nulls(json_build_object({pairs}))"
    else:  # SQLite keeps the nulls; the repository reads a null as a missing value
        values = f"json_object({pairs})"
    op.execute(f"UPDATE telemetry_readings SET sensor_values = {values}")
    with op.batch_alter_table("telemetry_readings") as batch:
        batch.alter_column("sensor_values", existing_type=sa.JSON(), nullable=False)
        for name in _BOILER:
            batch.drop_column(name)
    with op.batch_alter_table("fleet_models") as batch:
        batch.add_column(
            sa.Column(
                "appliance_kind", sa.String(length=24), nullable=False, server_default="boiler"
            )
        )
        # A retrained challenger is kept beside the champion; only a promoted model scores.
        batch.add_column(
            sa.Column("promoted", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.create_index("ix_fleet_models_appliance_kind", ["appliance_kind"])


def downgrade() -> None:
    # The older code knows one model line, the boiler's: other kinds' models and unpromoted
    # challengers would be taken for the newest boiler model.
    op.execute("DELETE FROM fleet_models WHERE appliance_kind <> 'boiler' OR NOT promoted")
    with op.batch_alter_table("fleet_models") as batch:
        batch.drop_index("ix_fleet_models_appliance_kind")
        batch.drop_column("promoted")
        batch.drop_column("appliance_kind")
    with op.batch_alter_table("telemetry_readings") as batch:
        batch.add_column(sa.Column("flow_temp_c", sa.Float()))
        batch.add_column(sa.Column("return_temp_c", sa.Float()))
        batch.add_column(sa.Column("pressure_bar", sa.Float()))
        batch.add_column(sa.Column("ignition_attempts", sa.Integer()))
        batch.add_column(sa.Column("burner_hours", sa.Float()))
    # The boiler's values go back into their columns; other kinds' readings keep only their
    # moment and fault code, as the older schema can hold no more.
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in _BOILER:
        kind = "integer" if name == "ignition_attempts" else "double precision"
        value = (
            f"(sensor_values->>'{name}')::{kind}"
            if postgres
            else f"json_extract(sensor_values, '$.{name}')"
        )
        op.execute(f"UPDATE telemetry_readings SET {name} = {value}")
    with op.batch_alter_table("telemetry_readings") as batch:
        batch.drop_column("sensor_values")
