"""What happens in the twin, as typed events. The world's calendar holds them; each kind
has one handler (``klantreis.twin.bus``), found by the event's type as a message bus does.

``name`` is what draws and refusals are keyed by: the same names as ever, so the same seed
gives the same table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from klantreis.core.case import CaseAction
from klantreis.core.common import Channel


@dataclass(frozen=True, slots=True)
class Event:
    name: ClassVar[str]


# The company's day, in its order.
@dataclass(frozen=True, slots=True)
class Telemetry(Event):
    name: ClassVar[str] = "telemetry"


@dataclass(frozen=True, slots=True)
class Scan(Event):
    name: ClassVar[str] = "scan"


@dataclass(frozen=True, slots=True)
class OpenAndChase(Event):
    name: ClassVar[str] = "open_and_chase"


@dataclass(frozen=True, slots=True)
class Plan(Event):
    day: date
    name: ClassVar[str] = "plan"


@dataclass(frozen=True, slots=True)
class Settle(Event):
    day: date
    name: ClassVar[str] = "settle"


@dataclass(frozen=True, slots=True)
class Deliver(Event):
    name: ClassVar[str] = "deliver"


@dataclass(frozen=True, slots=True)
class Missed(Event):
    day: date
    name: ClassVar[str] = "missed"


# What the company does about one case or device.
@dataclass(frozen=True, slots=True)
class Assign(Event):
    case_id: str
    name: ClassVar[str] = "assign"


@dataclass(frozen=True, slots=True)
class PhoneBooking(Event):
    case_id: str
    name: ClassVar[str] = "phone_booking"


@dataclass(frozen=True, slots=True)
class CallBreakdown(Event):
    device_id: str
    name: ClassVar[str] = "call_breakdown"


@dataclass(frozen=True, slots=True)
class Rearrange(Event):
    case_id: str
    day: date
    name: ClassVar[str] = "rearrange"


@dataclass(frozen=True, slots=True)
class Arrive(Event):
    booking_id: str
    name: ClassVar[str] = "arrive"


@dataclass(frozen=True, slots=True)
class Close(Event):
    case_id: str
    outcome: CaseAction
    name: ClassVar[str] = "close"


@dataclass(frozen=True, slots=True)
class AfterVisit(Event):
    case_id: str
    outcome: CaseAction
    name: ClassVar[str] = "after_visit"


# What a customer does.
@dataclass(frozen=True, slots=True)
class Book(Event):
    case_id: str
    channel: Channel
    name: ClassVar[str] = "book"


@dataclass(frozen=True, slots=True)
class Move(Event):
    case_id: str
    name: ClassVar[str] = "move"


@dataclass(frozen=True, slots=True)
class LetterRead(Event):
    case_id: str
    name: ClassVar[str] = "letter_read"


@dataclass(frozen=True, slots=True)
class Survey(Event):
    case_id: str
    name: ClassVar[str] = "survey"
