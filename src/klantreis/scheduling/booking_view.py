"""What the booking page shows of a case besides its offers: the device, the visit booked
and whether the customer's own calendar is taken into account."""

from __future__ import annotations

from dataclasses import dataclass

from klantreis.core.case import ServiceCase
from klantreis.core.device import Device
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.ports import SchedulingUnit


@dataclass(frozen=True)
class CaseAtBooking:
    device: Device | None
    booked: Booking | None
    calendar_linked: bool


def case_at_booking(uow: SchedulingUnit, case: ServiceCase) -> CaseAtBooking:
    return CaseAtBooking(
        device=uow.devices.get(case.device_id) if case.device_id else None,
        booked=uow.bookings.active_for_case(case.id),
        calendar_linked=uow.calendar_links.get(case.customer_id) is not None,
    )
