"""A change of the address we reach a customer at, waiting for its confirmation.

Whoever holds a customer's link could otherwise redirect every later message (and link) to
themselves. So a new e-mail address or phone number takes effect only when both ends say
yes: the new address (it is really theirs: the link sent there is opened and confirmed) and
the address of today (the customer wants it: the link sent there is approved). Someone with
a forwarded link can confirm their own address, but not approve from the customer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from klantreis.core.common import Channel

VALID_FOR = timedelta(hours=24)
MAX_PER_DAY = 3  # requests for one customer in 24 hours: a link is no way to spam strangers


class ContactField(StrEnum):
    EMAIL = "email"
    PHONE = "phone"

    @property
    def channel(self) -> Channel:
        """How the confirmation reaches the new address."""
        return Channel.EMAIL if self is ContactField.EMAIL else Channel.SMS


class Side(StrEnum):
    NEW = "new"  # the address asked for: confirms it is theirs
    OLD = "old"  # the address of today: approves the change


class ChangeState(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"  # both ends said yes: in effect
    EXPIRED = "expired"
    SUPERSEDED = "superseded"  # a newer request for the same field, or the address moved on


@dataclass(frozen=True, slots=True)
class ContactChange:
    id: str
    customer_id: str
    case_id: str  # whose link asked: the confirmation page speaks of that case's customer
    field: ContactField
    old_value: str
    new_value: str
    requested_at: datetime
    confirmed_at: datetime | None = None  # by the new address
    superseded: bool = False
    approved_at: datetime | None = None  # by the address of today

    @property
    def expires_at(self) -> datetime:
        return self.requested_at + VALID_FOR

    def sides(self) -> frozenset[Side]:
        """Who must say yes: the new address unless it is a removal, the old one if any."""
        return frozenset(
            {*([Side.NEW] if self.new_value else []), *([Side.OLD] if self.old_value else [])}
        )

    def said_yes(self) -> frozenset[Side]:
        return frozenset(
            {
                *([Side.NEW] if self.confirmed_at else []),
                *([Side.OLD] if self.approved_at else []),
            }
        )

    def state(self, now: datetime) -> ChangeState:
        if self.sides() <= self.said_yes():
            return ChangeState.CONFIRMED
        if self.superseded:
            return ChangeState.SUPERSEDED
        return ChangeState.EXPIRED if now >= self.expires_at else ChangeState.PENDING


def masked(field: ContactField, value: str) -> str:
    """Enough of an address to recognise it, too little to learn it: j***@example.nl,
    ******5678. The notice to the old address names the new one this way."""
    if not value:
        return "-"
    if field is ContactField.EMAIL and "@" in value:
        local, domain = value.rsplit("@", 1)
        return f"{local[:1]}***@{domain}"
    digits = [c for c in value if c.isdigit()]
    return "*" * max(len(digits) - 4, 0) + "".join(digits[-4:])
