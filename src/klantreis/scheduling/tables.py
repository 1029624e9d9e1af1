"""The self-scheduling tables: bookings, the technician-day locks, day rules, area days,
idempotency keys and linked calendars.

On the one shared ``metadata``; Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    true,
)

from klantreis.core.db.tables import ID, metadata
from klantreis.core.db.types import UTCDateTime

bookings = Table(
    "bookings",
    metadata,
    Column("id", ID, primary_key=True),
    Column("case_id", ID, ForeignKey("service_cases.id"), nullable=False),
    Column("technician_id", ID, ForeignKey("technicians.id"), nullable=False),
    Column("day", Date, nullable=False),
    Column("window_start", UTCDateTime, nullable=False),
    Column("window_end", UTCDateTime, nullable=False),
    Column("service_minutes", Integer, nullable=False),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("ics_uid", String(80), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("route_rank", Float, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("ticked_starts", JSON, nullable=True),  # UTC ISO instants the customer ticked
    Index("ix_bookings_day_active", "day", "active"),
    Index("ix_bookings_technician_day", "technician_id", "day"),
)
# A case has at most one active booking, whatever races.
Index(
    "uq_bookings_active_case",
    bookings.c.case_id,
    unique=True,
    sqlite_where=bookings.c.active == true(),
    postgresql_where=bookings.c.active == true(),
)

# One row per technician and day, locked while a booking is placed; the CHECK is the last line
# of defence against over-booking even if a code path forgot the lock.
technician_days = Table(
    "technician_days",
    metadata,
    Column("technician_id", ID, ForeignKey("technicians.id"), nullable=False),
    Column("day", Date, nullable=False),
    Column("booked_minutes", Integer, nullable=False),
    Column("capacity_minutes", Integer, nullable=False),
    PrimaryKeyConstraint("technician_id", "day"),
    CheckConstraint(
        "booked_minutes >= 0 AND booked_minutes <= capacity_minutes", name="within_capacity"
    ),
)

day_rules = Table(
    "day_rules",
    metadata,
    Column("id", ID, primary_key=True),
    Column("day", Date, nullable=False, index=True),
    Column("kind", String(8), nullable=False),
    Column("postcode_prefixes", JSON, nullable=False),
    Column("note", String(200), nullable=False),
)

# The weekdays a planner gave a postcode area (they come before the proposed calendar).
area_weekdays = Table(
    "area_weekdays",
    metadata,
    Column("prefix", String(4), primary_key=True),
    Column("weekdays", JSON, nullable=False),
    Column("set_at", UTCDateTime, nullable=False),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("status", Integer, nullable=False),
    Column("body", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

calendar_links = Table(
    "calendar_links",
    metadata,
    Column("customer_id", ID, ForeignKey("customers.id"), primary_key=True),
    Column("kind", String(12), nullable=False),
    Column("url", Text, nullable=False),
    Column("username", String(200), nullable=False),
    Column("secret", Text, nullable=False),  # encrypted (Fernet) password or uploaded .ics
    Column("busy", JSON, nullable=False),  # [[start, end], ...] in UTC ISO, as last fetched
    Column("checked_at", UTCDateTime, nullable=False),
)
