"""The planner's overview of a day: each technician's visits, load and kilometres."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from klantreis.core.common import GeoPoint
from klantreis.planning.ports import PlanningUnit
from klantreis.planning.technician_day import StopContext, technician_day
from klantreis.scheduling.days import empty_technician_route
from klantreis.scheduling.ports import TravelTimes


@dataclass(frozen=True, slots=True)
class TechnicianLoad:
    technician_id: str
    name: str
    stops: list[StopContext]
    km: float
    service_minutes: int
    shift_minutes: int
    route: list[GeoPoint] = field(default_factory=list)  # home, the stops in order, home

    @property
    def load_pct(self) -> float:
        return 100.0 * self.service_minutes / self.shift_minutes if self.shift_minutes else 0.0


def day_overview(uow: PlanningUnit, travel: TravelTimes, day: date) -> list[TechnicianLoad]:
    found = []
    for technician in uow.technicians.list(0, 100_000):
        route = empty_technician_route(technician, day)
        if route is None:
            continue
        stops = technician_day(uow, technician.id, day)
        points: list[GeoPoint] = [technician.home_base]
        points += [s.customer.address.location for s in stops if s.customer.address.location]
        points.append(technician.home_base)
        km = sum(travel.km(a, b) for a, b in zip(points, points[1:], strict=False))
        found.append(
            TechnicianLoad(
                technician.id,
                technician.name,
                stops,
                round(km, 1),
                sum(s.case.duration_minutes for s in stops),
                int(route.end - route.start),
                points,
            )
        )
    return sorted(found, key=lambda t: t.name)
