"""Contact changes waiting for their confirmation.

On the one shared ``metadata``; Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    String,
    Table,
)

from klantreis.core.db.tables import ID, metadata
from klantreis.core.db.types import UTCDateTime

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
