"""Planning one day: booked visits and working technicians in, stored routes and ETAs out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from klantreis.domain.case import CaseAction, CaseState
from klantreis.domain.planning import Crew, DayPlan, Problem, Unplannable, Visit, precheck
from klantreis.domain.technician import Technician
from klantreis.services.cases import act_on_case
from klantreis.services.planning.ports import DaySolver
from klantreis.services.ports import Clock, UnitOfWork
from klantreis.services.scheduling.days import empty_day_route, in_route_order, local_midnight
from klantreis.services.scheduling.ports import TravelTimes

# Cases already under way keep their technician whatever the optimiser would prefer.
UNDER_WAY = frozenset({CaseState.EN_ROUTE, CaseState.ON_SITE})


@dataclass(frozen=True, slots=True)
class PlannedDay:
    day: date
    origin: datetime
    crew: list[Crew]
    plan: DayPlan
    km: dict[str, float]

    def arrival(self, minutes: float) -> datetime:
        return self.origin + timedelta(minutes=minutes)


def crew_of(technicians: list[Technician], day: date) -> tuple[list[Crew], list[Problem]]:
    crew, problems = [], []
    for technician in technicians:
        if not technician.shifts:
            problems.append(Problem(technician.name, Unplannable.NO_SHIFT, "no shift in the week"))
            continue
        route = empty_day_route(technician, day)
        if route is not None:
            crew.append(
                Crew(
                    technician.id,
                    technician.name,
                    technician.home_base,
                    route.start,
                    route.end,
                    technician.skills,
                )
            )
    return crew, problems


def plan_day(
    uow: UnitOfWork,
    clock: Clock,
    travel: TravelTimes,
    solver: DaySolver,
    day: date,
    seconds: float,
) -> PlannedDay:
    """Plan every active booking of ``day``, store the plan, and mark its cases planned.

    Nothing is dropped silently: every visit that could not be planned, and every technician
    without shifts, is in ``plan.problems`` with its reason.
    """
    origin = local_midnight(day)
    crew, problems = crew_of([t for t in uow.technicians.list(0, 100_000) if t.active], day)
    visits = []
    booked = uow.bookings.active_between(day, day)
    current: dict[str, list[str]] = {}
    for booking in in_route_order(booked):
        current.setdefault(booking.technician_id, []).append(booking.id)
    for booking in booked:
        case = uow.cases.get(booking.case_id)
        customer = uow.customers.get(case.customer_id) if case else None
        if case is None or customer is None:
            continue
        label = f"{customer.address.postcode} {customer.full_surname} (case {case.id[:8]})"
        visits.append(
            Visit(
                booking.id,
                case.id,
                label,
                booking.location,
                (booking.window.start - origin).total_seconds() / 60,
                (booking.window.end - origin).total_seconds() / 60,
                booking.service_minutes,
                case.required_skills,
                booking.technician_id if case.state in UNDER_WAY else None,
            )
        )
    plannable, unplannable = precheck(visits, crew, travel.minutes)
    plan = solver(plannable, crew, seconds, current)
    plan.problems[:0] = problems + unplannable
    rows = [
        (p.visit.booking_id, p.technician_id, p.position, origin + timedelta(minutes=p.arrival))
        for route in plan.routes.values()
        for p in route
    ]
    uow.plans.replace_day(day, rows, clock.now())
    for route in plan.routes.values():
        for planned in route:
            case = uow.cases.get(planned.visit.case_id)
            if case is not None and case.state is CaseState.BOOKED:
                act_on_case(uow, clock, case.id, CaseAction.PLAN)
    homes = {c.technician_id: c.home for c in crew}
    km = {
        tech: _route_km(homes[tech], [p.visit.location for p in route], travel)
        for tech, route in plan.routes.items()
        if route
    }
    return PlannedDay(day, origin, crew, plan, km)


def _route_km(home, stops, travel: TravelTimes) -> float:  # type: ignore[no-untyped-def]
    points = [home, *stops, home]
    return sum(travel.km(a, b) for a, b in zip(points, points[1:], strict=False))
