"""A busy plan for benchmarks and the demo: bookings placed by cheapest insertion, in memory."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime

from klantreis.core.case import ServiceCase
from klantreis.core.common import GeoPoint
from klantreis.core.ids import new_id
from klantreis.core.technician import Technician
from klantreis.core.time_window import TimeWindow
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.days import ZONE, local_midnight, technician_route
from klantreis.scheduling.ports import TravelTimes
from klantreis.scheduling.route_index import RouteIndex
from klantreis.scheduling.routes import Stop, TechnicianRoute, best_insertion, with_visit
from klantreis.scheduling.slots import SlotGrid, as_stop


@dataclass(frozen=True, slots=True)
class FiledRoutes:
    """The simulation's routes of one day filed for search: each technician-day's key and,
    in the same order, its route in ``index``."""

    keys: list[tuple[str, date]]
    index: RouteIndex


@dataclass(frozen=True, slots=True)
class VisitToPlace:
    """A case the simulation books somewhere, at the customer's location."""

    case: ServiceCase
    location: GeoPoint


def fill_plan(
    visits: list[VisitToPlace],
    technicians: list[Technician],
    days: list[date],
    travel: TravelTimes,
    now: datetime,
    seed: int,
    grid: SlotGrid | None = None,
) -> list[Booking]:
    """Give each visit a random day and window, placed with the nearest technician who fits."""
    rng = random.Random(seed)
    grid = grid or SlotGrid()
    routes: dict[tuple[str, date], TechnicianRoute] = {}
    for technician in technicians:
        for day in days:
            route = technician_route(technician, day, [])
            if route is not None:
                routes[(technician.id, day)] = route
    by_day: dict[date, FiledRoutes] = {}
    for day in days:
        keys = [key for key in routes if key[1] == day]
        by_day[day] = FiledRoutes(keys, RouteIndex([routes[k] for k in keys]))
    placed: list[Booking] = []
    for visit in visits:
        for _attempt in range(20):  # like a customer whose first choices are gone
            day = rng.choice(days)
            windows = grid.windows(day, ZONE)
            if not windows or not by_day[day].keys:
                continue
            window = rng.choice(windows)
            stop = as_stop(
                window,
                local_midnight(day),
                visit.location,
                visit.case.duration_minutes,
                visit.case.id,
            )
            booking = _place(routes, by_day[day], stop, window, day, visit, travel, now)
            if booking:
                placed.append(booking)
                break
        else:
            booking = _anywhere(rng, routes, by_day, days, grid, visit, travel, now)
            if booking:
                placed.append(booking)
    by_case = {b.case_id: b for b in placed}
    for route in routes.values():  # the order in which each day was fitted together
        for rank, stop in enumerate(route.stops):
            by_case[stop.ref].route_rank = float(rank)
    return placed


def _anywhere(
    rng: random.Random,
    routes: dict[tuple[str, date], TechnicianRoute],
    by_day: dict[date, FiledRoutes],
    days: list[date],
    grid: SlotGrid,
    visit: VisitToPlace,
    travel: TravelTimes,
    now: datetime,
) -> Booking | None:
    """The customer takes whatever is still free, in random order."""
    options = [(day, window) for day in days for window in grid.windows(day, ZONE)]
    rng.shuffle(options)
    for day, window in options:
        if not by_day[day].keys:
            continue
        stop = as_stop(
            window, local_midnight(day), visit.location, visit.case.duration_minutes, visit.case.id
        )
        booking = _place(routes, by_day[day], stop, window, day, visit, travel, now)
        if booking:
            return booking
    return None


def _place(
    routes: dict[tuple[str, date], TechnicianRoute],
    today: FiledRoutes,
    stop: Stop,
    window: TimeWindow,
    day: date,
    visit: VisitToPlace,
    travel: TravelTimes,
    now: datetime,
) -> Booking | None:
    best = None
    for route in today.index.nearest(visit.location, 8):
        fit = best_insertion(route, stop, travel.minutes)
        if fit and (best is None or fit.added_minutes < best.added_minutes):
            best = fit
    if best is None:
        return None
    key = (best.technician_id, day)
    routes[key] = with_visit(routes[key], stop, best.position)
    today.index.update(today.keys.index(key), routes[key])
    return Booking(
        new_id(),
        visit.case.id,
        best.technician_id,
        day,
        window,
        visit.case.duration_minutes,
        visit.location,
        now,
        f"{visit.case.id}@bench",
    )
