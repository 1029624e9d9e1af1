"""A message on its way: stored with the change that caused it, sent at most once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from klantreis.core.common import Channel, Language
from klantreis.messaging.touchpoints import Touchpoint

MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(seconds=30)


class Status(StrEnum):
    PENDING = "pending"  # waits for its moment (send_after)
    CLAIMED = "claimed"  # in a worker's batch, not yet handed to the channel
    SENDING = "sending"  # being handed to the channel right now
    SENT = "sent"
    BOUNCED = "bounced"  # the address refused it for good: the channel is blocked
    FAILED = "failed"  # out of attempts
    EXPIRED = "expired"  # its moment never came before it stopped mattering
    UNDELIVERABLE = "undeliverable"  # no channel with consent and an address
    WITHDRAWN = "withdrawn"  # what it announced changed before it went (a moved reminder)
    UNCERTAIN = "uncertain"  # a worker died while sending: a person checks, never resent


class Outcome(StrEnum):
    DELIVERED = "delivered"
    TRANSIENT = "transient"  # try again later
    PERMANENT = "permanent"  # this address will never take it


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: Outcome
    detail: str = ""
    provider_id: str = ""


@dataclass(slots=True)
class OutboxMessage:
    id: str
    customer_id: str | None  # None: to a staff member (``recipient`` is their address)
    case_id: str | None
    touchpoint: Touchpoint
    channel: Channel | None
    language: Language
    recipient: str
    subject: str
    text: str
    html: str | None
    action_url: str | None
    values: dict[str, str]
    dedupe_key: str
    created_at: datetime
    send_after: datetime
    expires_at: datetime | None = None
    status: Status = Status.PENDING
    attempts: int = 0
    last_error: str = ""
    sent_at: datetime | None = None
    claimed_until: datetime | None = None
    provider_id: str = ""
    history: list[str] = field(default_factory=list)


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: 30 s, 1 min, 2 min, ... after the first, second, third failure."""
    return FIRST_RETRY * int(2 ** max(0, attempts - 1))
