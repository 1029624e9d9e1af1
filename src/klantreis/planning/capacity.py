"""Capacity per day and area: the hours the crew works each day against the hours booked,
by the customers' postcode area, so a planner sees which days and areas fill up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from klantreis.planning.ports import PlanningUnit
from klantreis.scheduling.days import empty_technician_route


@dataclass(frozen=True, slots=True)
class DayCapacity:
    day: date
    shift_minutes: int  # every working technician's shift that day
    booked_by_area: dict[str, int] = field(default_factory=dict)  # area -> minutes of service

    @property
    def booked_minutes(self) -> int:
        return sum(self.booked_by_area.values())


def capacity_ahead(uow: PlanningUnit, first: date, days: int) -> list[DayCapacity]:
    last = first + timedelta(days=days - 1)
    booked: dict[date, dict[str, int]] = {}
    for day, area, minutes in uow.bookings.booked_minutes_by_area(first, last):
        booked.setdefault(day, {})[area] = minutes
    crew = [t for t in uow.technicians.list(0, 100_000) if t.active]
    found = []
    for n in range(days):
        day = first + timedelta(days=n)
        routes = [r for r in (empty_technician_route(t, day) for t in crew) if r is not None]
        shift = int(sum(r.end - r.start for r in routes))
        found.append(DayCapacity(day, shift, booked.get(day, {})))
    return found
