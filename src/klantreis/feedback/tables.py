"""The survey answers.

On the one shared ``metadata``; Alembic migrations create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    Table,
    Text,
)

from klantreis.core.db.tables import ID, metadata
from klantreis.core.db.types import UTCDateTime

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
