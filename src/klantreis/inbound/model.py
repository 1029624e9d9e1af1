"""Inbound messages: what a person must look at, and when a flood of one intent is a surge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from klantreis.core.common import Language

# Below this confidence a machine does not answer on its own.
AUTO_REPLY_CONFIDENCE = 0.6
AUTO_INTENTS = frozenset({"reschedule", "cancel"})
SURGE_MIN_COUNT = 10
SURGE_FACTOR = 3.0


class InboundStatus(StrEnum):
    AUTO_REPLIED = "auto_replied"
    QUEUED = "queued"  # waits for a person, grouped by intent
    HANDLED = "handled"


@dataclass(slots=True)
class InboundMessage:
    id: str
    received_at: datetime
    channel: str
    sender: str
    subject: str
    body: str
    language: Language
    intent: str
    confidence: float
    status: InboundStatus = InboundStatus.QUEUED
    customer_id: str | None = None
    case_id: str | None = None
    reply_id: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class SurgeAlert:
    id: str
    raised_at: datetime
    intent: str
    count: int
    baseline_per_hour: float
    likely_cause: str


def is_surge(count_last_hour: int, baseline_per_hour: float) -> bool:
    """A surge: at least ten in the last hour and three times the usual hourly rate."""
    return count_last_hour >= SURGE_MIN_COUNT and count_last_hour >= SURGE_FACTOR * max(
        baseline_per_hour, 1.0
    )
