"""What messaging needs from storage and from the outside world."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from klantreis.core.case import CaseOrigin
from klantreis.core.common import Channel, Language
from klantreis.core.ports import UnitOfWork
from klantreis.messaging.outbox import OutboxMessage, SendResult, Status
from klantreis.messaging.touchpoints import Touchpoint


class OutboxRepository(Protocol):
    def add(self, message: OutboxMessage) -> bool:
        """Store the message; False when one with its dedupe key exists already."""
        ...

    def get(self, message_id: str) -> OutboxMessage | None: ...
    def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[OutboxMessage]: ...
    def start_sending(self, message_id: str) -> bool:
        """Mark a claimed message as being sent; False if it is no longer claimed."""
        ...

    def abandon_expired_leases(self, now: datetime) -> tuple[int, int]:
        """Claims of dead workers: never-tried messages back to pending, those caught
        mid-send to uncertain. Returns (requeued, uncertain)."""
        ...

    def save(self, message: OutboxMessage) -> None: ...
    def list(
        self, status: Status | None = None, customer_id: str | None = None, limit: int = 1000
    ) -> Sequence[OutboxMessage]: ...
    def counts(self) -> dict[Status, int]: ...
    def withdraw(self, case_id: str, touchpoint: Touchpoint) -> int:
        """Withdraw the case's messages of ``touchpoint`` that have not gone yet."""
        ...

    def blocked(self, customer_id: str) -> set[Channel]: ...
    def block(self, customer_id: str, channel: Channel, reason: str, at: datetime) -> None: ...


class IntentReader(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


class RenderedText(Protocol):
    @property
    def subject(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def html(self) -> str | None: ...
    @property
    def action_url(self) -> str | None: ...


class Templates(Protocol):
    def render(
        self,
        touchpoint: Touchpoint,
        language: Language,
        channel: Channel,
        values: Mapping[str, str],
    ) -> RenderedText: ...

    def invitation_reason(self, origin: CaseOrigin, language: Language) -> str:
        """Why a case of this origin invites its customer, in their language."""
        ...

    def fix_before_phrase(self, language: Language, day: str) -> str:
        """The date we would like to come by (``day`` in words), to follow the reason; ''
        without a day."""
        ...


class Sender(Protocol):
    """Hands one message to its channel; must not raise for delivery problems."""

    def send(self, message: OutboxMessage) -> SendResult: ...


class MessagingUnit(UnitOfWork, Protocol):
    """What messaging's services need of a unit of work."""

    @property
    def outbox(self) -> OutboxRepository: ...
