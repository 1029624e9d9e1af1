"""What happens in the twin, as typed events. The world's calendar holds them; each kind
has one handler (``klantreis.twin.bus``), found by the event's type as a message bus does.

``name``, the class name in snake case, is what draws and refusals are keyed by: the same
names as ever, so the same seed gives the same table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from klantreis.core.case import CaseAction
from klantreis.core.common import Channel


@dataclass(frozen=True, slots=True)
class Event:
    name: ClassVar[str]

    def __init_subclass__(cls) -> None:  # no super(): slots=True makes Event a new class
        # The class name in snake case: Book -> "book", AfterVisit -> "after_visit".
        cls.name = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


# The company's day, in its order.
@dataclass(frozen=True, slots=True)
class Telemetry(Event):
    """The night's readings come in and are diagnosed."""


@dataclass(frozen=True, slots=True)
class Scan(Event):
    """The fleet model scores the devices that reported."""


@dataclass(frozen=True, slots=True)
class OpenAndChase(Event):
    """Due cases open; invitations nobody answered are chased."""


@dataclass(frozen=True, slots=True)
class Plan(Event):
    day: date


@dataclass(frozen=True, slots=True)
class Settle(Event):
    day: date


@dataclass(frozen=True, slots=True)
class Deliver(Event):
    """The outbox sends what is due."""


@dataclass(frozen=True, slots=True)
class Missed(Event):
    day: date


# What the company does about one case or device.
@dataclass(frozen=True, slots=True)
class Assign(Event):
    case_id: str


@dataclass(frozen=True, slots=True)
class PhoneBooking(Event):
    case_id: str


@dataclass(frozen=True, slots=True)
class CallBreakdown(Event):
    device_id: str


@dataclass(frozen=True, slots=True)
class Rearrange(Event):
    case_id: str
    day: date


@dataclass(frozen=True, slots=True)
class Arrive(Event):
    booking_id: str


@dataclass(frozen=True, slots=True)
class Close(Event):
    case_id: str
    outcome: CaseAction


@dataclass(frozen=True, slots=True)
class AfterVisit(Event):
    case_id: str
    outcome: CaseAction


# What a customer does.
@dataclass(frozen=True, slots=True)
class Book(Event):
    case_id: str
    channel: Channel


@dataclass(frozen=True, slots=True)
class Move(Event):
    case_id: str


@dataclass(frozen=True, slots=True)
class LetterRead(Event):
    case_id: str


@dataclass(frozen=True, slots=True)
class Survey(Event):
    case_id: str
