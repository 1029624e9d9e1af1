"""Inbound messages and the surge alerts raised on them.

On the one shared ``metadata``; Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from klantreis.core.db.tables import ID, metadata
from klantreis.core.db.types import UTCDateTime

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
