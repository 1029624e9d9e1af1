"""The staff tables: accounts, their sessions, password resets and the audit trail.

On the one shared ``metadata``; Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

from klantreis.core.db.tables import ID, metadata
from klantreis.core.db.types import UTCDateTime

staff_users = Table(
    "staff_users",
    metadata,
    Column("id", ID, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("language", String(2), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("password_hash", Text),  # Argon2id, with its parameters; null: identity provider only
    Column("failed_sign_ins", Integer, nullable=False),
    Column("locked_until", UTCDateTime),
    Column("technician_id", ID, ForeignKey("technicians.id")),
    Column("oidc_subject", String(255), unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

# The cookie holds a random token; only its SHA-256 is kept, so a copy of the database opens
# no session.
staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", ID, ForeignKey("staff_users.id"), nullable=False, index=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
    Column("context", JSON, nullable=False),
)

password_resets = Table(
    "password_resets",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", ID, ForeignKey("staff_users.id"), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
)

# Append-only: the migration adds triggers that refuse UPDATE and DELETE on both databases.
# No foreign keys: the trail outlives the accounts, keys and customers it speaks of.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", ID, primary_key=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("actor_label", String(254), nullable=False),
    Column("actor_user_id", ID),
    Column("action", String(32), nullable=False),
    Column("subject_kind", String(16), nullable=False),
    Column("subject_id", String(64), nullable=False),
    Column("detail", JSON, nullable=False),
    Index("ix_audit_log_subject", "subject_kind", "subject_id"),
)
