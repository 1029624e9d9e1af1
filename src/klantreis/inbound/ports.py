"""What triage needs from storage."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Protocol

from klantreis.inbound.model import InboundMessage, InboundStatus, SurgeAlert
from klantreis.staff.ports import StaffUnit


class InboundRepository(Protocol):
    def add(self, message: InboundMessage) -> None: ...
    def count(self, intent: str, since: datetime, until: datetime) -> int: ...
    def queue(self, limit: int = 500) -> list[InboundMessage]: ...
    def get(self, message_id: str) -> InboundMessage | None: ...
    def set_status(self, message_id: str, status: InboundStatus) -> None: ...
    def add_alert(self, alert: SurgeAlert) -> None: ...
    def alerts(self, since: datetime) -> list[SurgeAlert]: ...
    def sent_since(self, since: datetime) -> Counter[str]:
        """Outbound messages sent since ``since``, per touchpoint (campaigns)."""
        ...

    def cases_opened_since(self, since: datetime) -> Counter[str]:
        """Cases opened since ``since``, per origin (a spike of faults is an outage)."""
        ...


class InboundUnit(StaffUnit, Protocol):
    """Inbound's needs (the outbox among them); its desk page writes the audit trail."""

    @property
    def inbound(self) -> InboundRepository: ...
