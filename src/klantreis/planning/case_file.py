"""Everything about one case a planner looks at: the case and its history, the customer,
the appliance, the visits booked, the messages sent and the journey events; and the board
of cases they come from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from klantreis.core.case import ServiceCase
from klantreis.core.case_board import BoardRow, CaseFilter
from klantreis.core.cases import get_case
from klantreis.core.customer import Customer
from klantreis.core.device import Device
from klantreis.core.journey import JourneyEvent
from klantreis.core.technician import Technician
from klantreis.messaging.outbox import OutboxMessage
from klantreis.planning.ports import PlanningUnit
from klantreis.scheduling.booking import Booking

BOARD_PAGE = 50


def case_board(
    uow: PlanningUnit, filters: CaseFilter, after: tuple[datetime, str] | None = None
) -> Sequence[BoardRow]:
    return uow.cases.board(filters, after, BOARD_PAGE)


@dataclass(frozen=True, slots=True)
class CaseFile:
    case: ServiceCase
    customer: Customer | None
    device: Device | None
    booking: Booking | None  # the active one, or the latest
    messages: Sequence[OutboxMessage]
    events: Sequence[JourneyEvent]
    pinned_to: str | None  # the technician the planner keeps the visit with, if any
    crew: Sequence[Technician]  # whom it could be pinned to


def case_file(uow: PlanningUnit, case_id: str) -> CaseFile:
    case = get_case(uow, case_id)
    customer = uow.customers.get(case.customer_id)
    device = uow.devices.get(case.device_id) if case.device_id else None
    booking = uow.bookings.active_for_case(case_id) or uow.bookings.latest_for_case(case_id)
    messages = [m for m in uow.outbox.list(customer_id=case.customer_id) if m.case_id == case_id]
    events = uow.events.list(0, 500, customer_id=case.customer_id, case_id=case_id)
    pinned = uow.plans.pins([booking.id]).get(booking.id) if booking and booking.active else None
    crew = [t for t in uow.technicians.list(0, 10_000) if t.active]
    return CaseFile(case, customer, device, booking, messages, events, pinned, crew)
