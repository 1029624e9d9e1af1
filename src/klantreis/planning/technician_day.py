"""The technician's day as they see it: route in order, and each customer's context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from klantreis.core.case import CaseOrigin, ServiceCase
from klantreis.core.customer import Customer
from klantreis.core.device import Device
from klantreis.core.errors import NotFound
from klantreis.planning.ports import PlanningUnit


@dataclass(frozen=True, slots=True)
class StopContext:
    position: int
    arrival: datetime
    case: ServiceCase
    customer: Customer
    device: Device | None
    device_history: list[ServiceCase]  # earlier cases on the same device, newest first
    suspicion: str  # what the fleet model or the appliance reported, if anything


def technician_day(uow: PlanningUnit, technician_id: str, day: date) -> list[StopContext]:
    """The stored plan for one technician and day, with each visit's context."""
    stops = []
    for booking_id, tech_id, position, arrival in uow.plans.for_day(day):
        if tech_id != technician_id:
            continue
        booking = uow.bookings.get(booking_id)
        case = uow.cases.get(booking.case_id) if booking else None
        customer = uow.customers.get(case.customer_id) if case else None
        if case is None or customer is None:
            continue
        device = uow.devices.get(case.device_id) if case.device_id else None
        history = [
            c
            for c in uow.cases.list(0, 200, customer_id=customer.id)
            if c.device_id == case.device_id and c.id != case.id
        ]
        history.sort(key=lambda c: c.opened_at, reverse=True)
        suspicion = (
            case.summary if case.origin in (CaseOrigin.PREDICTED, CaseOrigin.FAULT_REPORTED) else ""
        )
        if case.findings is not None and case.findings.explanation:
            suspicion = f"{suspicion} ({'; '.join(case.findings.explanation)})"
        stops.append(StopContext(position, arrival, case, customer, device, history, suspicion))
    return sorted(stops, key=lambda s: s.position)


def require_on_day(uow: PlanningUnit, technician_id: str, day: date, case_id: str) -> None:
    """``NotFound`` unless the case is a stop on this technician's stored plan for ``day``."""
    for booking_id, tech_id, _, _ in uow.plans.for_day(day):
        booking = uow.bookings.get(booking_id) if tech_id == technician_id else None
        if booking is not None and booking.case_id == case_id:
            return
    raise NotFound(f"case '{case_id}' is not on this technician's day")
