"""Ports the scheduling services use, and the values that cross them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from klantreis.core.common import GeoPoint
from klantreis.core.errors import Unprocessable
from klantreis.core.ports import PlannedCases
from klantreis.core.time_window import TimeWindow
from klantreis.inbound.ports import InboundUnit
from klantreis.scheduling.availability import DayRule
from klantreis.scheduling.booking import Booking


class TravelTimes(Protocol):
    """Driving between two points; a road-network matrix can stand in for the default."""

    def minutes(self, a: GeoPoint, b: GeoPoint) -> float: ...
    def km(self, a: GeoPoint, b: GeoPoint) -> float: ...


class BookedVisit(NamedTuple):
    """A booked visit as the slot engine needs it: light, for reading thousands at once."""

    technician_id: str
    day: date
    case_id: str
    start: datetime
    end: datetime
    service_minutes: int
    latitude: float
    longitude: float
    route_rank: float


class BookingRepository(Protocol):
    def add(self, booking: Booking) -> None: ...
    def get(self, booking_id: str) -> Booking | None: ...
    def active_for_case(self, case_id: str) -> Booking | None: ...
    def latest_for_case(self, case_id: str) -> Booking | None: ...
    def active_between(self, first: date, last: date) -> Sequence[Booking]: ...
    def booked_minutes_by_area(
        self, first: date, last: date, prefix_digits: int = 2
    ) -> Sequence[tuple[date, str, int]]:
        """Per day and postcode area (the customers' first ``prefix_digits`` digits), the
        minutes of service booked (active bookings)."""
        ...

    def active_on(self, technician_id: str, day: date) -> Sequence[Booking]: ...
    def deactivate(self, booking_id: str) -> None: ...
    def visits_between(
        self, first: date, last: date, after_id: str | None = None
    ) -> Sequence[BookedVisit]:
        """Active visits in the range; with ``after_id`` only those booked after that one."""
        ...

    def plan_version(self, first: date, last: date) -> tuple[int, str | None]:
        """Changes whenever an active booking in the range is added or removed."""
        ...

    def lock_day(self, technician_id: str, day: date, capacity_minutes: int) -> int: ...
    def add_booked_minutes(self, technician_id: str, day: date, minutes: int) -> None: ...


class DayRuleRepository(Protocol):
    def add(self, rule: DayRule) -> None: ...
    def between(self, first: date, last: date) -> Sequence[DayRule]: ...
    def remove(self, rule_id: str) -> bool: ...

    def area_weekdays(self) -> dict[str, frozenset[int]]:
        """Postcode prefix -> the weekdays a planner gave that area."""
        ...

    def set_area_weekdays(self, prefix: str, weekdays: frozenset[int], at: datetime) -> None: ...
    def remove_area_weekdays(self, prefix: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class StoredResponse:
    fingerprint: str
    status: int
    body: dict[str, Any]


class DuplicateKey(Exception):
    """Another request holds this idempotency key."""


class IdempotencyRepository(Protocol):
    def get(self, key: str) -> StoredResponse | None: ...
    def add(self, key: str, response: StoredResponse, at: datetime) -> None:
        """Raise ``DuplicateKey`` if the key is already taken."""
        ...


@dataclass(frozen=True, slots=True)
class CalendarLink:
    """A customer's private calendar: where it lives and the busy times last read from it.

    ``secret`` holds the encrypted CalDAV password, or the encrypted uploaded .ics text.
    """

    customer_id: str
    kind: str  # caldav | ics_url | ics_upload
    url: str
    username: str
    secret: str
    busy: list[TimeWindow] = field(default_factory=list)
    checked_at: datetime | None = None


class CalendarLinkRepository(Protocol):
    def get(self, customer_id: str) -> CalendarLink | None: ...
    def put(self, link: CalendarLink) -> None: ...
    def remove(self, customer_id: str) -> bool: ...
    def secrets(self) -> dict[str, str]:
        """Customer id -> the encrypted secret of their link."""
        ...

    def replace_secret(self, customer_id: str, secret: str) -> None: ...


class CalendarError(Unprocessable):
    """A calendar could not be read; the message names the problem for the customer."""

    title = "Calendar not readable"
    slug = "calendar-unreadable"


class CalendarSource(Protocol):
    """Reads busy times from a customer's calendar between two instants."""

    def caldav_busy(
        self, url: str, username: str, password: str, start: datetime, end: datetime
    ) -> list[TimeWindow]: ...
    def ics_url_busy(self, url: str, start: datetime, end: datetime) -> list[TimeWindow]: ...
    def ics_text_busy(self, text: str, start: datetime, end: datetime) -> list[TimeWindow]: ...


class Cipher(Protocol):
    def encrypt(self, plain: str) -> str: ...
    def decrypt(self, token: str) -> str: ...
    def rotate(self, token: str) -> str:
        """The same secret, encrypted with the current key."""
        ...


class PinnedVisits(PlannedCases, Protocol):
    """What scheduling reads and keeps of the planner's pins: a moved visit keeps its pin."""

    def pin(self, booking_id: str, technician_id: str) -> None: ...
    def unpin(self, booking_id: str) -> bool: ...
    def pins(self, booking_ids: Sequence[str]) -> dict[str, str]: ...


class SchedulingUnit(InboundUnit, Protocol):
    @property
    def bookings(self) -> BookingRepository: ...
    @property
    def day_rules(self) -> DayRuleRepository: ...
    @property
    def idempotency(self) -> IdempotencyRepository: ...
    @property
    def calendar_links(self) -> CalendarLinkRepository: ...
    @property
    def plans(self) -> PinnedVisits: ...
