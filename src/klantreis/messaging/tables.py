"""The outbox and the channels a recipient blocked.

On the one shared ``metadata``; Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from klantreis.core.db.tables import ID, metadata
from klantreis.core.db.types import UTCDateTime

outbox_messages = Table(
    "outbox_messages",
    metadata,
    Column("id", ID, primary_key=True),
    # Null for a message to a staff member (a password reset): ``recipient`` says where.
    Column("customer_id", ID, ForeignKey("customers.id"), index=True),
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
