"""The schema, as SQLAlchemy Core tables; Alembic migrations create exactly this."""

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
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Time,
    false,
    true,
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

# Staff links ended before their expiry (klantreis apikey revoke-link).
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
contact_changes = Table(
    "contact_changes",
    metadata,
    Column("id", ID, primary_key=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("case_id", ID, nullable=False),
    Column("field", String(8), nullable=False),
    Column("old_value", String(254), nullable=False),
    Column("new_value", String(254), nullable=False),
    # Only the hashes of the secrets in the two links, as for API keys: the new address's
    # (confirm it is theirs) and the old address's (approve the change).
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("approve_hash", String(64), unique=True),
    Column("requested_at", UTCDateTime, nullable=False),
    Column("confirmed_at", UTCDateTime),
    Column("approved_at", UTCDateTime),
    Column("superseded", Boolean, nullable=False, default=False),
)
revoked_links = Table(
    "revoked_links",
    metadata,
    Column("link_id", ID, primary_key=True),
    Column("revoked_at", UTCDateTime, nullable=False),
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

outbox_messages = Table(
    "outbox_messages",
    metadata,
    Column("id", ID, primary_key=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("case_id", ID, ForeignKey("service_cases.id"), index=True),
    Column("touchpoint", String(24), nullable=False),
    Column("channel", String(16)),
    Column("language", String(2), nullable=False),
    Column("recipient", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("body_text", Text, nullable=False),
    Column("body_html", Text),
    Column("action_url", Text),
    Column("template_values", JSON, nullable=False),
    # One message per cause: the same state change enqueued twice is one message.
    Column("dedupe_key", String(160), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("send_after", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("claimed_until", UTCDateTime),
    Column("provider_id", String(200), nullable=False),
    Index("ix_outbox_messages_due", "status", "send_after"),
)

blocked_channels = Table(
    "blocked_channels",
    metadata,
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("blocked_at", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("customer_id", "channel"),
)

inbound_messages = Table(
    "inbound_messages",
    metadata,
    Column("id", ID, primary_key=True),
    Column("received_at", UTCDateTime, nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("sender", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("language", String(2), nullable=False),
    Column("intent", String(16), nullable=False, index=True),
    Column("confidence", Float, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("customer_id", ID, ForeignKey("customers.id")),
    Column("case_id", ID, ForeignKey("service_cases.id")),
    Column("reply_id", ID),
    Column("note", Text, nullable=False),
)

inbound_alerts = Table(
    "inbound_alerts",
    metadata,
    Column("id", ID, primary_key=True),
    Column("raised_at", UTCDateTime, nullable=False, index=True),
    Column("intent", String(16), nullable=False),
    Column("count", Integer, nullable=False),
    Column("baseline_per_hour", Float, nullable=False),
    Column("likely_cause", Text, nullable=False),
)

# One answer per case: the primary key is what makes a second submission impossible.
survey_answers = Table(
    "survey_answers",
    metadata,
    Column("case_id", ID, ForeignKey("service_cases.id"), primary_key=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("answered_at", UTCDateTime, nullable=False),
    Column("nps", Integer, nullable=False),
    Column("ces", Integer, nullable=False),
    Column("comment", Text, nullable=False),
    Column("better_company", Text, nullable=False),
    Column("better_how", Text, nullable=False),
)
