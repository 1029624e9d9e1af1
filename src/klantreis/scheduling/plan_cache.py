"""The technicians' tentative days, kept in memory between offers.

Reading thousands of booked visits for every offer costs far more than ranking the windows, so
routes are rebuilt only when the plan or the crew has changed, and when the plan has only grown
(new bookings, nothing removed) only the new visits are read and the days they touch rebuilt.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from klantreis.core.common import GeoPoint
from klantreis.core.technician import Technician
from klantreis.scheduling.days import empty_technician_route, local_midnight
from klantreis.scheduling.ports import BookedVisit, SchedulingUnit
from klantreis.scheduling.route_index import RouteIndex
from klantreis.scheduling.routes import Stop, TechnicianRoute

DayKey = tuple[str, date]


@dataclass(slots=True)
class _Snapshot:
    range_and_crew: tuple[object, ...]
    version: tuple[int, str | None]
    visits: dict[DayKey, list[BookedVisit]]
    routes: dict[DayKey, TechnicianRoute]
    # The routes of each day filed for search, per set of technicians able to do a case.
    indexes: dict[frozenset[str], dict[date, RouteIndex]] = field(default_factory=dict)


class PlanCache:
    """Thread-safe; one per process. Routes carry each stop's case id as ``ref``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._crew: tuple[int, list[Technician]] | None = None

    def crew(self, uow: SchedulingUnit) -> list[Technician]:
        """The active technicians, read again only when the crew has changed (a national
        crew costs more to read than an offer to rank)."""
        revision = uow.technicians.revision()
        with self._lock:
            kept = self._crew
        if kept is not None and kept[0] == revision:
            return kept[1]
        active = [t for t in uow.technicians.list(0, 100_000) if t.active]
        with self._lock:
            self._crew = (revision, active)
        return active

    def routes(
        self, uow: SchedulingUnit, technicians: Sequence[Technician], days: Sequence[date]
    ) -> dict[DayKey, TechnicianRoute]:
        first, last = min(days), max(days)
        range_and_crew = (
            first,
            last,
            hash(tuple((t.id, t.home_base, tuple(t.shifts)) for t in technicians)),
        )
        version = uow.bookings.plan_version(first, last)
        with self._lock:
            old = self._snapshot
        if old is not None and old.range_and_crew == range_and_crew:
            if old.version == version:
                return old.routes
            grown = _grown(uow, old, version, first, last)
            if grown is not None:
                snapshot = _Snapshot(range_and_crew, version, *_with(old, grown, technicians))
                with self._lock:
                    self._snapshot = snapshot
                return snapshot.routes
        visits = _by_day(uow.bookings.visits_between(first, last))
        snapshot = _Snapshot(range_and_crew, version, visits, _routes(technicians, days, visits))
        with self._lock:
            self._snapshot = snapshot
        return snapshot.routes

    def day_indexes(
        self,
        uow: SchedulingUnit,
        technicians: Sequence[Technician],
        days: Sequence[date],
        able: Sequence[Technician],
    ) -> dict[date, RouteIndex]:
        """The routes of the ``able`` technicians on each of ``days``, filed for search; kept
        until the plan or the crew changes."""
        routes = self.routes(uow, technicians, days)
        key = frozenset(t.id for t in able)
        with self._lock:
            snapshot = self._snapshot
            current = snapshot is not None and snapshot.routes is routes
            if current and snapshot is not None and key in snapshot.indexes:
                return snapshot.indexes[key]
        indexes = {
            day: RouteIndex([r for t in able if (r := routes.get((t.id, day))) is not None])
            for day in days
        }
        with self._lock:
            if current and snapshot is not None:
                snapshot.indexes[key] = indexes
        return indexes


def _grown(
    uow: SchedulingUnit, old: _Snapshot, version: tuple[int, str | None], first: date, last: date
) -> list[BookedVisit] | None:
    """The visits added since ``old``, if adding is all that happened; else None."""
    old_count, old_newest = old.version
    count, _ = version
    if old_newest is None or count <= old_count:
        return None
    fresh = uow.bookings.visits_between(first, last, after_id=old_newest)
    return list(fresh) if old_count + len(fresh) == count else None


def _with(
    old: _Snapshot, fresh: list[BookedVisit], technicians: Sequence[Technician]
) -> tuple[dict[DayKey, list[BookedVisit]], dict[DayKey, TechnicianRoute]]:
    visits = dict(old.visits)
    touched = set()
    for visit in fresh:
        key = (visit.technician_id, visit.day)
        visits[key] = [*visits.get(key, []), visit]
        touched.add(key)
    routes = dict(old.routes)
    crew = {t.id: t for t in technicians}
    for tech_id, day in touched:
        if tech_id in crew:
            route = _route(crew[tech_id], day, visits.get((tech_id, day), []))
            if route is not None:
                routes[(tech_id, day)] = route
    return visits, routes


def _by_day(visits: Iterable[BookedVisit]) -> dict[DayKey, list[BookedVisit]]:
    grouped: dict[DayKey, list[BookedVisit]] = defaultdict(list)
    for visit in visits:
        grouped[(visit.technician_id, visit.day)].append(visit)
    return dict(grouped)


def _route(technician: Technician, day: date, visits: list[BookedVisit]) -> TechnicianRoute | None:
    empty = empty_technician_route(technician, day)
    if empty is None:
        return None
    origin = local_midnight(day)
    stops = tuple(
        Stop(
            GeoPoint(v.latitude, v.longitude),
            (v.start - origin).total_seconds() / 60,
            (v.end - origin).total_seconds() / 60,
            v.service_minutes,
            v.case_id,
        )
        for v in sorted(visits, key=lambda v: (v.route_rank, v.start, v.case_id))
    )
    return TechnicianRoute(empty.technician_id, empty.home, empty.start, empty.end, stops)


def _routes(
    technicians: Sequence[Technician],
    days: Sequence[date],
    visits: dict[DayKey, list[BookedVisit]],
) -> dict[DayKey, TechnicianRoute]:
    routes = {}
    for technician in technicians:
        for day in days:
            route = _route(technician, day, visits.get((technician.id, day), []))
            if route is not None:
                routes[(technician.id, day)] = route
    return routes


def build_routes(
    uow: SchedulingUnit, technicians: Sequence[Technician], days: Sequence[date]
) -> dict[DayKey, TechnicianRoute]:
    """Every technician's route on ``days``, read fresh from storage."""
    return _routes(technicians, days, _by_day(uow.bookings.visits_between(min(days), max(days))))
