"""The day plan's tables: the planned order of visits and the planner's pins.

On the one shared ``metadata``; Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from klantreis.core.db.tables import ID, metadata
from klantreis.core.db.types import UTCDateTime

# The latest plan of each day: which technician does which booked visit, in what order, when.
planned_visits = Table(
    "planned_visits",
    metadata,
    Column("booking_id", ID, ForeignKey("bookings.id"), primary_key=True),
    Column("day", Date, nullable=False, index=True),
    Column("technician_id", ID, ForeignKey("technicians.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("arrival", UTCDateTime, nullable=False),
    Column("planned_at", UTCDateTime, nullable=False),
)

# Visits the planner fixed to a technician; every plan of their day respects them.
visit_pins = Table(
    "visit_pins",
    metadata,
    Column("booking_id", ID, ForeignKey("bookings.id"), primary_key=True),
    Column("technician_id", ID, ForeignKey("technicians.id"), nullable=False),
)

# What technicians wrote down at a visit; a photo's file lies in the photo store.
visit_notes = Table(
    "visit_notes",
    metadata,
    Column("id", ID, primary_key=True),
    Column("case_id", ID, ForeignKey("service_cases.id"), nullable=False, index=True),
    Column("written_by", String(254), nullable=False),
    Column("written_at", UTCDateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("photo_type", String(16), nullable=False),
    Column("photo_name", String(64), nullable=False),
)
