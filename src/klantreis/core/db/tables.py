"""The shared core's tables (customers, devices, technicians, cases, journey events, keys)
and the one ``metadata`` every capability's tables join; ``klantreis.app.schema`` gathers
them all, and Alembic migrations create exactly that."""

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
    MetaData,
    String,
    Table,
    Text,
    Time,
    false,
)

from klantreis.core.db.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(32)

customers = Table(
    "customers",
    metadata,
    Column("id", ID, primary_key=True),
    Column("external_id", String(64), unique=True),
    Column("salutation", String(16), nullable=False),
    Column("initials", String(16), nullable=False, default=""),
    Column("first_name", String(80), nullable=False, default=""),
    Column("tussenvoegsel", String(20), nullable=False, default=""),
    Column("surname", String(120), nullable=False),
    Column("organisation", String(160), nullable=False, default=""),
    Column("contact_role", String(80), nullable=False, default=""),
    Column("language", String(2), nullable=False),
    Column("persona", String(16), nullable=False),
    Column("school_region", String(8), nullable=False),
    Column("email", String(254), nullable=False, default=""),
    Column("phone", String(32), nullable=False, default=""),
    Column("timezone", String(64), nullable=False),
    Column("street", String(160), nullable=False),
    Column("house_number", String(16), nullable=False),
    Column("postcode", String(7), nullable=False, index=True),
    Column("city", String(80), nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("consents", JSON, nullable=False),
    Column("channel_preferences", JSON, nullable=False),
    Column("quiet_start", Time),
    Column("quiet_end", Time),
    Column("absences", JSON, nullable=False),
    Column("books_for_me", Boolean, nullable=False, default=False, server_default=false()),
)

devices = Table(
    "devices",
    metadata,
    Column("id", ID, primary_key=True),
    Column("external_id", String(64), unique=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("kind", String(24), nullable=False),
    Column("model", String(80), nullable=False),
    Column("serial", String(64), nullable=False, unique=True),
    Column("installed_on", Date, nullable=False),
    Column("contract_reference", String(64)),
    Column("contract_start", Date),
    Column("contract_interval_months", Integer),
)

# One row, counting changes to the crew: offers reuse the crew they read until it changes.
crew_revision = Table(
    "crew_revision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", Integer, nullable=False),
)

technicians = Table(
    "technicians",
    metadata,
    Column("id", ID, primary_key=True),
    Column("external_id", String(64), unique=True),
    Column("name", String(120), nullable=False),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("skills", JSON, nullable=False),
    Column("shifts", JSON, nullable=False),
    Column("active", Boolean, nullable=False),
)

service_cases = Table(
    "service_cases",
    metadata,
    Column("id", ID, primary_key=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("device_id", ID, ForeignKey("devices.id"), index=True),
    Column("origin", String(24), nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("summary", Text, nullable=False),
    Column("required_skills", JSON, nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("urgent", Boolean, nullable=False),
    Column("reschedule_count", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("findings", JSON),
)

case_transitions = Table(
    "case_transitions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", ID, ForeignKey("service_cases.id"), nullable=False, index=True),
    Column("action", String(24), nullable=False),
    Column("from_state", String(16), nullable=False),
    Column("to_state", String(16), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("reason", Text, nullable=False),
)

# No foreign key to customers: events outlive erasure (the customer id is pseudonymised)
# and may be imported from other systems before the customer is.
journey_events = Table(
    "journey_events",
    metadata,
    Column("id", ID, primary_key=True),
    Column("customer_id", ID, nullable=False),
    Column("case_id", ID),
    Column("phase", String(16), nullable=False),
    Column("touchpoint", String(64), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("properties", JSON, nullable=False),
    Index("ix_journey_events_customer_time", "customer_id", "occurred_at"),
    Index("ix_journey_events_case", "case_id"),
    Index("ix_journey_events_time", "occurred_at"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(80), nullable=False),
    Column("role", String(16), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
    # A device key's (or gateway's) serials: the only appliances it may send readings for.
    Column("serials", JSON, nullable=True),
    # A technician's key: the technician whose planned days it reaches, and nothing else.
    Column("technician_id", ID, nullable=True),
)
