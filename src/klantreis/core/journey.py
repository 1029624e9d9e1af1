"""The customer's journey: every touchpoint is an event in a phase, on a channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from klantreis.core.common import Channel, to_utc
from klantreis.core.domain_errors import InvalidValue


class Phase(StrEnum):
    INSPIRATION = "inspiration"
    INFORMATION = "information"
    PLANNING = "planning"
    BUYING = "buying"
    SERVICE = "service"
    SHARING = "sharing"


@dataclass(frozen=True, slots=True)
class JourneyEvent:
    """An immutable record of one touchpoint; events are only ever appended."""

    id: str
    customer_id: str
    phase: Phase
    touchpoint: str
    channel: Channel
    occurred_at: datetime
    case_id: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "occurred_at", to_utc("occurred_at", self.occurred_at))
        if not self.touchpoint or not self.touchpoint.replace("_", "").isalnum():
            raise InvalidValue("touchpoint", f"'{self.touchpoint}' is not a snake_case name")
