"""What contact preferences and changes need from storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from klantreis.preferences.contact_change import ContactChange, Side
from klantreis.scheduling.ports import SchedulingUnit


class ContactChangeRepository(Protocol):
    """Contact changes waiting for the new address to confirm and the old one to approve."""

    def add(self, change: ContactChange, token_hash: str, approve_hash: str | None) -> None:
        """Store the request; an earlier one for the same field that still waits is superseded."""
        ...

    def by_token_hash(
        self, token_hash: str, *, for_update: bool = False
    ) -> tuple[ContactChange, Side] | None:
        """The change either link's secret belongs to, and which end the link went to."""
        ...

    def requested_since(self, customer_id: str, since: datetime) -> int: ...
    def say_yes(self, change_id: str, side: Side, at: datetime) -> None: ...


class PreferencesUnit(SchedulingUnit, Protocol):
    @property
    def contact_changes(self) -> ContactChangeRepository: ...
