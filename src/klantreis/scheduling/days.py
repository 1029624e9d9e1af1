"""Technicians' working days in minutes since local midnight (the slot engine's time axis)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from klantreis.core.technician import Technician
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.routes import TechnicianRoute
from klantreis.scheduling.slots import as_stop

ZONE = ZoneInfo("Europe/Amsterdam")


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), ZONE).astimezone(UTC)


def empty_technician_route(technician: Technician, day: date) -> TechnicianRoute | None:
    """The technician's day with no visits yet, or None if they do not work that day."""
    shift = technician.shift_on(day.weekday())
    if shift is None:
        return None
    origin = local_midnight(day)
    start = datetime.combine(day, shift.start, ZONE).astimezone(UTC)
    end = datetime.combine(day, shift.end, ZONE).astimezone(UTC)
    return TechnicianRoute(
        technician.id,
        technician.home_base,
        (start - origin).total_seconds() / 60,
        (end - origin).total_seconds() / 60,
        (),
    )


def technician_route(
    technician: Technician, day: date, bookings: Sequence[Booking]
) -> TechnicianRoute | None:
    """The technician's tentative route that day, or None if they do not work then."""
    empty = empty_technician_route(technician, day)
    if empty is None:
        return None
    origin = local_midnight(day)
    stops = [
        as_stop(b.window, origin, b.location, b.service_minutes, b.case_id)
        for b in in_route_order(bookings)
    ]
    return TechnicianRoute(empty.technician_id, empty.home, empty.start, empty.end, tuple(stops))


def in_route_order(bookings: Sequence[Booking]) -> list[Booking]:
    """Visits in the order they were fitted into the day (not by window: two visits with the
    same window may only fit one way round)."""
    return sorted(bookings, key=lambda b: (b.route_rank, b.window.start, b.id))
