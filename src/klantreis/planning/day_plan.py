"""Planning one day: booked visits and working technicians in, stored routes and ETAs out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from klantreis.core.case import CaseAction, CaseState, ServiceCase
from klantreis.core.cases import act_on_case
from klantreis.core.ports import Clock
from klantreis.core.technician import Technician
from klantreis.core.time_window import WINDOW_LENGTH, TimeWindow
from klantreis.messaging.outbox_service import Messenger
from klantreis.planning.model import (
    Crew,
    DayPlan,
    PlannedVisit,
    Problem,
    Unplannable,
    Visit,
    precheck,
)
from klantreis.planning.ports import DaySolver, PlanningUnit
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.days import empty_technician_route, in_route_order, local_midnight
from klantreis.scheduling.flexible import move_in_plan, ticked_alternatives
from klantreis.scheduling.ports import TravelTimes

# Cases already under way keep their technician whatever the optimiser would prefer.
UNDER_WAY = frozenset({CaseState.EN_ROUTE, CaseState.ON_SITE})
PLANNABLE = frozenset({CaseState.BOOKED, CaseState.PLANNED})
# A visit that has run past its planned length is expected to need this much longer.
OVERRUN_ALLOWANCE = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class DayPlanOutcome:
    """What planning a day came to: the optimiser's ``DayPlan`` with the crew it had, the
    kilometres per technician and how many visits changed technician."""

    day: date
    origin: datetime
    crew: list[Crew]
    plan: DayPlan
    km: dict[str, float]
    moved: int  # visits now with another technician than in the plan before

    def arrival(self, minutes: float) -> datetime:
        return self.origin + timedelta(minutes=minutes)


def crew_of(technicians: list[Technician], day: date) -> tuple[list[Crew], list[Problem]]:
    crew, problems = [], []
    for technician in technicians:
        if not technician.shifts:
            problems.append(Problem(technician.name, Unplannable.NO_SHIFT, "no shift in the week"))
            continue
        route = empty_technician_route(technician, day)
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
    uow: PlanningUnit,
    clock: Clock,
    travel: TravelTimes,
    solver: DaySolver,
    day: date,
    seconds: float,
    keep_assignments: bool = False,
    messenger: Messenger | None = None,
) -> DayPlanOutcome:
    """Plan every active booking of ``day``, store the plan, and mark its cases planned.

    Until the cut-off (``movable_until``) a visit whose customer ticked other windows that day
    may be planned in one of those; its booking then moves there and, with a ``messenger``,
    the customer is told at once.

    The search starts from the stored plan of the day (or, before the first plan, from the
    order in which self-scheduling fitted the visits). With ``keep_assignments`` every visit
    stays with its technician if that technician still works and can do it, so re-planning
    after a change only reorders days, and moves only what must move.

    Nothing is dropped silently: every visit that could not be planned, and every technician
    without shifts, is in ``plan.problems`` with its reason.
    """
    origin = local_midnight(day)
    crew, problems = crew_of([t for t in uow.technicians.list(0, 100_000) if t.active], day)
    found = uow.bookings.active_between(day, day)
    case_of = {  # each booking's case, read once
        b.id: c
        for b in found
        if (c := uow.cases.get(b.case_id)) is not None and c.state in PLANNABLE | UNDER_WAY
    }
    booked = [b for b in found if b.id in case_of]
    crew = _as_of(crew, booked, case_of, clock.now(), origin)
    working = {c.technician_id: c for c in crew}
    visits = []
    current = _current_plan(uow, day, booked)
    previous = {booking: tech for tech, bookings in current.items() for booking in bookings}
    pins = uow.plans.pins([b.id for b in booked])
    for booking in booked:
        case = case_of[booking.id]
        customer = uow.customers.get(case.customer_id)
        if customer is None or case.state is CaseState.ON_SITE:
            continue  # a visit in progress is where its technician's day resumes
        label = f"{customer.address.postcode} {customer.full_surname} (case {case.id[:8]})"
        alternatives = tuple(
            (_minutes(w.start, origin), _minutes(w.end, origin))
            for w in ticked_alternatives(booking, clock.now())
        )
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
                pins.get(booking.id)
                or _pin(
                    case.state,
                    previous.get(booking.id),
                    case.required_skills,
                    working,
                    keep_assignments,
                ),
                alternatives,
            )
        )
    plannable, unplannable = precheck(visits, crew, travel.minutes)
    plan = solver(plannable, crew, seconds, current)
    plan.problems[:0] = problems + unplannable
    plan = _follow_moves(uow, clock, messenger, plan, {b.id: b for b in booked}, origin)
    by_case = {c.id: c for c in case_of.values()}
    case_of |= {p.visit.booking_id: by_case[p.visit.case_id] for p in _planned(plan)}
    # The stops this plan did not place again (one in progress, one done) stay in the stored
    # plan before the new ones: the technician's page and "on the way" read them from it.
    placed = {v.booking_id for v in visits}
    active = {b.id for b in found}
    stored = [row for row in uow.plans.for_day(day) if row[0] in active and row[0] not in placed]
    before: Counter[str] = Counter()
    kept = []
    for booking_id, tech, _, arrival in sorted(stored, key=lambda r: (r[1], r[3])):
        kept.append((booking_id, tech, before[tech], arrival))
        before[tech] += 1
    rows = kept + [
        (
            p.visit.booking_id,
            p.technician_id,
            before[p.technician_id] + p.position,
            origin + timedelta(minutes=p.arrival),
        )
        for route in plan.routes.values()
        for p in route
    ]
    uow.plans.replace_day(day, rows, clock.now())
    for route in plan.routes.values():
        for planned in route:
            if case_of[planned.visit.booking_id].state is CaseState.BOOKED:
                act_on_case(uow, clock, planned.visit.case_id, CaseAction.PLAN)
    homes = {c.technician_id: c.home for c in crew}
    km = {
        tech: _route_km(homes[tech], [p.visit.location for p in route], travel)
        for tech, route in plan.routes.items()
        if route
    }
    moved = sum(
        1
        for route in plan.routes.values()
        for p in route
        if previous.get(p.visit.booking_id) not in (None, p.technician_id)
    )
    return DayPlanOutcome(day, origin, crew, plan, km, moved)


def _follow_moves(
    uow: PlanningUnit,
    clock: Clock,
    messenger: Messenger | None,
    plan: DayPlan,
    bookings: dict[str, Booking],
    origin: datetime,
) -> DayPlan:
    """Bookings planned in another ticked window move there; the plan then names the new
    bookings."""
    for technician_id, route in plan.routes.items():
        for index, planned in enumerate(route):
            booking = bookings[planned.visit.booking_id]
            start = origin + timedelta(seconds=round(planned.visit.earliest * 60))
            if start == booking.window.start:
                continue
            moved = move_in_plan(
                uow, clock, messenger, booking, TimeWindow(start, start + WINDOW_LENGTH)
            )
            route[index] = replace(planned, visit=replace(planned.visit, booking_id=moved.id))
        plan.routes[technician_id] = route
    return plan


def _planned(plan: DayPlan) -> list[PlannedVisit]:
    return [p for route in plan.routes.values() for p in route]


def _minutes(moment: datetime, origin: datetime) -> float:
    return (moment - origin).total_seconds() / 60


def _as_of(
    crew: list[Crew],
    booked: Sequence[Booking],
    case_of: dict[str, ServiceCase],
    now: datetime,
    origin: datetime,
) -> list[Crew]:
    """On the day itself nobody starts before now, and a technician still at a customer
    continues from there once that visit is expected to end (later, if it runs late)."""
    if not origin <= now < origin + timedelta(days=1):
        return crew
    on_site = {}
    for booking in booked:
        case = case_of[booking.id]
        if case.state is CaseState.ON_SITE:
            arrived = next(
                (t.at for t in reversed(case.history) if t.to_state is CaseState.ON_SITE), now
            )
            expected_end = arrived + timedelta(minutes=booking.service_minutes)
            done = expected_end if expected_end > now else now + OVERRUN_ALLOWANCE
            on_site[booking.technician_id] = (booking.location, done)
    minutes_now = (now - origin).total_seconds() / 60
    resumed = []
    for member in crew:
        place, done = on_site.get(member.technician_id, (None, now))
        start = max(member.start, minutes_now, (done - origin).total_seconds() / 60)
        resumed.append(replace(member, start=start, resume_from=place))
    return resumed


def _current_plan(uow: PlanningUnit, day: date, booked: Sequence[Booking]) -> dict[str, list[str]]:
    """Technician id -> booking ids in order: the stored plan, else the tentative routes."""
    active = {b.id for b in booked}
    current: dict[str, list[str]] = {}
    stored = [row for row in uow.plans.for_day(day) if row[0] in active]
    if stored:
        for booking_id, tech_id, _position, _arrival in stored:
            current.setdefault(tech_id, []).append(booking_id)
        planned = {row[0] for row in stored}
        booked = [b for b in booked if b.id not in planned]  # booked since the last plan
    for booking in in_route_order(booked):
        current.setdefault(booking.technician_id, []).append(booking.id)
    return current


def _pin(
    state: CaseState,
    technician_id: str | None,
    skills: frozenset[str],
    working: dict[str, Crew],
    keep: bool,
) -> str | None:
    """The technician a visit must stay with, or None if the optimiser may choose."""
    if technician_id is None or technician_id not in working:
        return None  # off sick, or no longer working that day: someone else must go
    if state in UNDER_WAY or (keep and skills <= working[technician_id].skills):
        return technician_id
    return None


def _route_km(home, stops, travel: TravelTimes) -> float:  # type: ignore[no-untyped-def]
    points = [home, *stops, home]
    return sum(travel.km(a, b) for a, b in zip(points, points[1:], strict=False))
