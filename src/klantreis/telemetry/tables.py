"""The telemetry tables: readings, risk scores, fleet models, maintenance openings and what
technicians found.

On the one shared ``metadata``; Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    true,
)

from klantreis.core.db.tables import ID, metadata
from klantreis.core.db.types import UTCDateTime

# What the technician found on a predicted or maintenance visit: the fleet model's labels.
visit_findings = Table(
    "visit_findings",
    metadata,
    Column("case_id", ID, ForeignKey("service_cases.id"), primary_key=True),
    Column("device_id", ID, ForeignKey("devices.id"), nullable=False, index=True),
    Column("found", String(16), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("failure_mode", String(16)),
    Column("model_version", Integer),
)

# Time series: one row per device and moment, so a replayed reading is the same row. No foreign
# key to devices: ingestion checks the serials per batch, and the check per row would halve
# the rate. On PostgreSQL a BRIN index keeps time-range scans (retention) cheap at a tiny size.
telemetry_readings = Table(
    "telemetry_readings",
    metadata,
    Column("device_id", ID, nullable=False),
    Column("measured_at", UTCDateTime, nullable=False),
    # The sensors the device's kind declares, by name (adapters/fleet/data/appliances.toml).
    Column("sensor_values", JSON, nullable=False),
    Column("fault_code", String(12)),
    PrimaryKeyConstraint("device_id", "measured_at"),
    Index("ix_telemetry_readings_measured_at", "measured_at", postgresql_using="brin"),
)

device_risk = Table(
    "device_risk",
    metadata,
    Column("device_id", ID, ForeignKey("devices.id"), primary_key=True),
    Column("raised", Boolean, nullable=False),
    Column("risk", Float, nullable=False),
    Column("failure_mode", String(24), nullable=False),
    Column("model_version", Integer, nullable=False),
    Column("scored_at", UTCDateTime, nullable=False),
)

fleet_models = Table(
    "fleet_models",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=True),
    Column("appliance_kind", String(24), nullable=False, index=True),
    # False: a challenger that did no better than the champion on the same held-out devices.
    Column("promoted", Boolean, nullable=False, default=True, server_default=true()),
    Column("trained_at", UTCDateTime, nullable=False),
    Column("manifest", JSON, nullable=False),
    Column("artifact", LargeBinary, nullable=False),
)

maintenance_openings = Table(
    "maintenance_openings",
    metadata,
    Column("device_id", ID, ForeignKey("devices.id"), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("open_on", Date, nullable=False, index=True),
    Column("case_id", ID, ForeignKey("service_cases.id")),
    PrimaryKeyConstraint("device_id", "due_on"),
)
