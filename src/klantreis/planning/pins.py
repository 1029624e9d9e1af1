"""Pins: a planner keeps a visit with one technician in every plan of its day."""

from __future__ import annotations

from klantreis.core.errors import NotFound
from klantreis.core.technicians import get_technician
from klantreis.planning.ports import PlanningUnit


def pin_visit(uow: PlanningUnit, booking_id: str, technician_id: str) -> None:
    booking = uow.bookings.get(booking_id)
    if booking is None or not booking.active:
        raise NotFound(f"booking '{booking_id}' does not exist or was cancelled")
    get_technician(uow, technician_id)
    uow.plans.pin(booking_id, technician_id)


def unpin_visit(uow: PlanningUnit, booking_id: str) -> None:
    if not uow.plans.unpin(booking_id):
        raise NotFound(f"booking '{booking_id}' is not pinned")
