"""Offering a case's customer the 2-hour windows that suit them and the plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from klantreis.core.case import CaseAction, ServiceCase, allowed_actions
from klantreis.core.cases import get_case
from klantreis.core.customer import Customer
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import Unprocessable
from klantreis.core.ports import HolidayCalendar
from klantreis.core.technician import Technician
from klantreis.core.time_window import TimeWindow
from klantreis.scheduling.area_days import AreaCalendar
from klantreis.scheduling.availability import DayRule, is_bookable
from klantreis.scheduling.days import ZONE, local_midnight
from klantreis.scheduling.plan_cache import PlanCache, build_routes
from klantreis.scheduling.ports import SchedulingUnit, TravelTimes
from klantreis.scheduling.routes import Stop
from klantreis.scheduling.slots import (
    DayRoutes,
    Offer,
    OfferPolicy,
    SlotGrid,
    as_stop,
    rank_offers,
    recommend,
)


@dataclass(frozen=True, slots=True)
class OfferSettings:
    """``lead_hours``: the soonest a window may start; ``horizon_days``: how far ahead."""

    grid: SlotGrid = field(default_factory=SlotGrid)
    policy: OfferPolicy = field(default_factory=OfferPolicy)
    horizon_days: int = 10
    lead_hours: int = 16

    def __post_init__(self) -> None:
        if not 1 <= self.horizon_days <= 60:
            raise InvalidValue("horizon_days", f"{self.horizon_days} is outside 1..60")


@dataclass(frozen=True, slots=True)
class Offering:
    """Every window on offer, the best first (see ``rank_offers``), and the short list."""

    case: ServiceCase
    customer: Customer
    offers: list[Offer]
    recommended: list[Offer] = field(default_factory=list)
    by_area: bool = False  # the customer's area days ranked first


def offer_days(
    now: datetime, settings: OfferSettings, case: ServiceCase | None = None
) -> list[date]:
    """The days on offer. A predicted failure's case offers only the days before its
    fix-before date, but never fewer than ``MIN_DEADLINE_DAYS`` (one of them may be a Sunday
    or full); once the date has passed, the whole horizon again (later is better than never)."""
    first = (now + timedelta(hours=settings.lead_hours)).astimezone(ZONE).date()
    days = [first + timedelta(days=n) for n in range(settings.horizon_days)]
    deadline = fix_before_of(case)
    if deadline is None or deadline <= first:
        return days
    before = sum(1 for d in days if d < deadline)
    return days[: max(before, MIN_DEADLINE_DAYS)]


MIN_DEADLINE_DAYS = 3


def may_be_booked(case: ServiceCase) -> bool:
    """Whether the case's state lets its visit be booked or moved (the pages offer windows)."""
    return bool({CaseAction.BOOK, CaseAction.RESCHEDULE} & set(allowed_actions(case.state)))


def fix_before_of(case: ServiceCase | None) -> date | None:
    return case.findings.fix_before if case and case.findings else None


def load_case(uow: SchedulingUnit, case_id: str) -> tuple[ServiceCase, Customer]:
    case = get_case(uow, case_id)
    return case, customer_of(uow, case)


def customer_of(uow: SchedulingUnit, case: ServiceCase) -> Customer:
    """The case's customer, who must have a location to be visited at."""
    customer = uow.customers.get(case.customer_id)
    if customer is None or customer.address.location is None:
        raise Unprocessable(f"case '{case.id}' has no customer location to visit")
    return customer


def qualified(uow: SchedulingUnit, case: ServiceCase) -> list[Technician]:
    return [
        t for t in uow.technicians.list(0, 100_000) if t.active and t.can_do(case.required_skills)
    ]


def open_windows(
    customer: Customer,
    days: list[date],
    now: datetime,
    settings: OfferSettings,
    holidays: HolidayCalendar,
    rules: Sequence[DayRule],
    busy: Sequence[TimeWindow],
) -> dict[date, list[TimeWindow]]:
    """Grid windows on bookable days, minus holidays, closed regions, busy times and absences."""
    soonest = now + timedelta(hours=settings.lead_hours)
    found: dict[date, list[TimeWindow]] = {}
    for day in bookable_days(customer, days, holidays, rules):
        windows = [
            w
            for w in free_of_absences(customer, settings.grid.windows(day, ZONE))
            if w.start >= soonest and not any(w.overlaps(b) for b in busy)
        ]
        if windows:
            found[day] = windows
    return found


def bookable_days(
    customer: Customer, days: list[date], holidays: HolidayCalendar, rules: Sequence[DayRule]
) -> list[date]:
    """The days that are no public holiday and on which the customer's region is open."""
    rules_by_day: dict[date, list[DayRule]] = defaultdict(list)
    for rule in rules:
        rules_by_day[rule.day].append(rule)
    return [
        day
        for day in days
        if not holidays.holiday(day) and is_bookable(customer.address.pc4, rules_by_day[day])
    ]


def free_of_absences(customer: Customer, windows: list[TimeWindow]) -> list[TimeWindow]:
    away = [TimeWindow(a.start, a.end) for a in customer.absences]
    return [w for w in windows if not any(w.overlaps(a) for a in away)]


def offer_windows(
    uow: SchedulingUnit,
    case_id: str,
    now: datetime,
    travel: TravelTimes,
    holidays: HolidayCalendar,
    settings: OfferSettings,
    cache: PlanCache | None = None,
    areas: AreaCalendar | None = None,
) -> Offering:
    """Ranked windows for the case; the case's own current booking is left out of the plan,
    so that rescheduling is offered the same windows as a first booking would be.

    With ``areas``, windows on the customer's area days rank first; an urgent case ignores
    them and sees its soonest day first, because sooner matters more than the area.
    """
    case, customer = load_case(uow, case_id)
    days = offer_days(now, settings, case)
    link = uow.calendar_links.get(customer.id)
    windows = open_windows(
        customer,
        days,
        now,
        settings,
        holidays,
        uow.day_rules.between(days[0], days[-1]),
        link.busy if link else [],
    )
    plan = [p for p in plan_days(uow, case, days, cache) if p.day in windows]
    location = customer.address.location
    assert location is not None  # load_case checked it
    # A failure's deadline makes sooner matter more than the route, as for an urgent case.
    soonest_first = case.urgent or fix_before_of(case) is not None
    area_days = (
        areas.area_days(customer.address.pc4, list(windows))
        if areas is not None and not soonest_first
        else None
    )
    offers = rank_offers(
        plan,
        windows,
        location,
        case.duration_minutes,
        travel.minutes,
        settings.policy,
        area_days,
        soonest_first,
    )
    # The reason "our technicians work in your area that day" only where it is true: some
    # area day had a window (otherwise every day ranked as one).
    by_area = (
        area_days is not None
        and len(area_days) < len(windows)
        and any(o.day in area_days for o in offers)
    )
    return Offering(case, customer, offers, recommend(offers, settings.policy), by_area)


def plan_days(
    uow: SchedulingUnit, case: ServiceCase, days: list[date], cache: PlanCache | None = None
) -> list[DayRoutes]:
    """The routes of the technicians able to do the case on ``days``, as if the case had no
    visit yet (so that moving it sees every window a first booking would)."""
    if not days:
        return []
    if cache is not None:
        crew = cache.crew(uow)
    else:
        crew = [t for t in uow.technicians.list(0, 100_000) if t.active]
    able = [t for t in crew if t.can_do(case.required_skills)]
    if cache is not None:
        indexes = cache.day_indexes(uow, crew, days, able)
        return [
            DayRoutes(day, local_midnight(day), index=indexes[day], without=case.id) for day in days
        ]
    routes = build_routes(uow, crew, days)
    return [
        DayRoutes(
            day,
            local_midnight(day),
            [
                route.without(case.id)
                for t in able
                if (route := routes.get((t.id, day))) is not None
            ],
        )
        for day in days
    ]


def visit_stop(window: TimeWindow, day: date, customer: Customer, minutes: int) -> Stop:
    location = customer.address.location
    assert location is not None
    return as_stop(window, local_midnight(day), location, minutes)
