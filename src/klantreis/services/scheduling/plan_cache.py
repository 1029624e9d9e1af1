"""The technicians' tentative days, kept in memory between offers.

Reading thousands of booked visits for every offer costs far more than ranking the windows, so
routes are rebuilt only when the plan has changed (``plan_version``) or the crew has.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from klantreis.domain.common import GeoPoint
from klantreis.domain.routes import DayRoute, Stop
from klantreis.domain.technician import Technician
from klantreis.services.ports import UnitOfWork
from klantreis.services.scheduling.days import empty_day_route, local_midnight


@dataclass(frozen=True, slots=True)
class _Snapshot:
    key: tuple[object, ...]
    routes: dict[tuple[str, date], DayRoute]


class PlanCache:
    """Thread-safe; one per process. Routes carry each stop's case id as ``ref``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None

    def routes(
        self, uow: UnitOfWork, technicians: Sequence[Technician], days: Sequence[date]
    ) -> dict[tuple[str, date], DayRoute]:
        first, last = min(days), max(days)
        crew_key = tuple((t.id, t.home_base, tuple(t.shifts)) for t in technicians)
        key = (first, last, uow.bookings.plan_version(first, last), hash(crew_key))
        with self._lock:
            if self._snapshot is not None and self._snapshot.key == key:
                return self._snapshot.routes
        routes = build_routes(uow, technicians, days)
        with self._lock:
            self._snapshot = _Snapshot(key, routes)
        return routes


def build_routes(
    uow: UnitOfWork, technicians: Sequence[Technician], days: Sequence[date]
) -> dict[tuple[str, date], DayRoute]:
    stops: dict[tuple[str, date], list[Stop]] = defaultdict(list)
    origins = {day: local_midnight(day) for day in days}
    visits = sorted(
        uow.bookings.visits_between(min(days), max(days)),
        key=lambda v: (v.route_rank, v.start, v.case_id),
    )
    for visit in visits:
        origin = origins.get(visit.day)
        if origin is None:
            continue
        stops[(visit.technician_id, visit.day)].append(
            Stop(
                GeoPoint(visit.latitude, visit.longitude),
                (visit.start - origin).total_seconds() / 60,
                (visit.end - origin).total_seconds() / 60,
                visit.service_minutes,
                visit.case_id,
            )
        )
    routes = {}
    for technician in technicians:
        for day in days:
            empty = empty_day_route(technician, day)
            if empty is not None:
                routes[(technician.id, day)] = DayRoute(
                    empty.technician_id,
                    empty.home,
                    empty.start,
                    empty.end,
                    tuple(stops.get((technician.id, day), [])),
                )
    return routes
