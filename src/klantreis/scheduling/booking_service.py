"""Booking, rescheduling and cancelling a visit, safely under concurrency.

Locks are always taken in the same order, so two transactions never wait on each other in a
circle: first the case row, then the technician-day rows involved, sorted by key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from klantreis.core.case import CaseAction, ServiceCase, allowed_actions
from klantreis.core.cases import act_on_case, get_case
from klantreis.core.common import Channel
from klantreis.core.customer import Customer
from klantreis.core.domain_errors import IllegalTransition
from klantreis.core.errors import Conflict, NotFound, Unprocessable
from klantreis.core.ids import new_id
from klantreis.core.ports import Clock, HolidayCalendar
from klantreis.core.technician import Technician
from klantreis.core.time_window import WINDOW_LENGTH, TimeWindow
from klantreis.messaging.outbox_service import Messenger
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.days import ZONE, in_route_order, technician_route
from klantreis.scheduling.notices import booking_cancelled, booking_changed
from klantreis.scheduling.offers import (
    OfferSettings,
    customer_of,
    offer_days,
    open_windows,
    qualified,
    visit_stop,
)
from klantreis.scheduling.plan_cache import build_routes
from klantreis.scheduling.ports import SchedulingUnit, TravelTimes
from klantreis.scheduling.routes import best_insertion, rank_between
from klantreis.scheduling.slots import nearest_routes

# Technicians tried for a window, nearest first; farther ones would never be the cheapest.
CANDIDATES = 12


class WindowTaken(Conflict):
    """The window was offered, but meanwhile no technician can take it any more."""

    title = "Window no longer available"
    slug = "window-taken"


@dataclass(frozen=True, slots=True)
class BookingContext:
    clock: Clock
    travel: TravelTimes
    holidays: HolidayCalendar
    settings: OfferSettings
    messenger: Messenger | None = None  # None: changes are not announced (benchmarks, tests)


def book_window(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case_id: str,
    window_start: datetime,
    channel: Channel = Channel.WEB,
    preferred_technician: str | None = None,
) -> Booking:
    """Book (or move) the case's visit to the 2-hour window starting at ``window_start``.

    Raises ``Unprocessable`` for a window that is not on offer at all, ``WindowTaken`` when it
    was but no technician can take it any more, ``IllegalTransition`` when the case's state
    does not allow booking.
    """
    now = ctx.clock.now()
    case, customer, previous = bookable_case(uow, case_id)
    window = TimeWindow(window_start, window_start + WINDOW_LENGTH)
    require_offered(uow, ctx, case, customer, [window], now)
    if previous and previous.window == window and not previous.flexible:
        return previous  # moving to the same window changes nothing
    # (the same window, no longer with other ticks, becomes a new version without them)
    return place_visit(uow, ctx, case, customer, window, previous, channel, preferred_technician)


def bookable_case(
    uow: SchedulingUnit, case_id: str
) -> tuple[ServiceCase, Customer, Booking | None]:
    """The case, locked, with its customer and current booking, if its state allows booking
    (or moving) a visit; ``NotFound`` or ``IllegalTransition`` otherwise."""
    case = get_case(uow, case_id, for_update=True)
    customer = customer_of(uow, case)  # the case itself is already read, and locked
    previous = uow.bookings.active_for_case(case.id)
    action = CaseAction.RESCHEDULE if previous else CaseAction.BOOK
    if action not in allowed_actions(case.state):
        raise IllegalTransition(case.id, case.state.value, action.value)
    return case, customer, previous


def book_whole_day(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case_id: str,
    day: date,
    channel: Channel = Channel.WEB,
) -> Booking:
    """Book (or move) the case's visit to the whole of ``day``: the customer is home all day,
    the planner places the visit where it costs the least, and the customer is told when the
    technician is on the way.

    Raises ``Unprocessable`` for a day not on offer or one the customer is away on, and what
    ``book_window`` raises otherwise.
    """
    now = ctx.clock.now()
    case, customer, previous = bookable_case(uow, case_id)
    days = offer_days(now, ctx.settings, case)
    windows = open_windows(
        customer,
        [day] if day in days else [],
        now,
        ctx.settings,
        ctx.holidays,
        uow.day_rules.between(day, day),
        [],  # a linked calendar does not veto a day the customer says suits them
    )
    works = any(t.shift_on(day.weekday()) for t in qualified(uow, case))
    if not windows.get(day) or not works:
        raise Unprocessable(f"{day} is not a day on offer for this customer", field="day")
    whole = ctx.settings.grid.whole_day(day, ZONE)
    if any(whole.overlaps(TimeWindow(a.start, a.end)) for a in customer.absences):
        raise Unprocessable(f"the customer is away on {day}", field="day")
    if not whole_day_bookable(whole, now, ctx.settings):
        raise Unprocessable(f"{day} is too soon to book as a whole day", field="day")
    if previous and previous.window == whole:
        return previous
    return place_visit(uow, ctx, case, customer, whole, previous, channel)


def whole_day_bookable(whole: TimeWindow, now: datetime, settings: OfferSettings) -> bool:
    """A whole day may be booked while its first window may still be: from the lead on."""
    return whole.start >= now + timedelta(hours=settings.lead_hours)


def place_visit(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case: ServiceCase,
    customer: Customer,
    window: TimeWindow,
    previous: Booking | None,
    channel: Channel,
    preferred_technician: str | None = None,
    ticked: tuple[datetime, ...] = (),
) -> Booking:
    """Give the (locked, checked) case its visit in ``window``, replacing ``previous``;
    ``ticked`` are the starts of all the windows the customer said suit them (if several).

    The caller has locked the case row and checked that the window may be had.
    """
    now = ctx.clock.now()
    day = window.start.astimezone(ZONE).date()
    action = CaseAction.RESCHEDULE if previous else CaseAction.BOOK
    cheapest = cheapest_technician(uow, ctx, case, customer, window, day, preferred_technician)
    if cheapest is None:
        raise WindowTaken("no technician can take this window any more; please choose another")
    technician = cheapest[1]
    keys = {(technician.id, day)} | (
        {(previous.technician_id, previous.day)} if previous else set()
    )
    for tech_id, locked_day in sorted(keys):
        owner = technician if tech_id == technician.id else uow.technicians.get(tech_id)
        uow.bookings.lock_day(tech_id, locked_day, _capacity(owner, locked_day))
    rank = _still_fits(uow, ctx, case, technician, window, day)
    if rank is None:
        raise WindowTaken("this window was just taken; please choose another")
    if previous:
        uow.bookings.deactivate(previous.id)
        uow.bookings.add_booked_minutes(
            previous.technician_id, previous.day, -previous.service_minutes
        )
    location = customer.address.location
    assert location is not None
    booking = Booking(
        id=new_id(),
        case_id=case.id,
        technician_id=technician.id,
        day=day,
        window=window,
        service_minutes=case.duration_minutes,
        location=location,
        created_at=now,
        ics_uid=previous.ics_uid if previous else f"{case.id}@klantreis",
        sequence=previous.sequence + 1 if previous else 0,
        route_rank=rank,
        ticked=ticked,
    )
    uow.bookings.add(booking)
    uow.bookings.add_booked_minutes(technician.id, day, case.duration_minutes)
    act_on_case(
        uow,
        ctx.clock,
        case.id,
        action,
        channel=channel,
        properties={
            "window_start": window.start.isoformat(),
            "technician_id": technician.id,
        },
    )
    if ctx.messenger is not None:
        booking_changed(uow, ctx.clock, ctx.messenger, case, customer, booking, previous)
    return booking


def active_booking(uow: SchedulingUnit, case_id: str) -> Booking:
    booking = uow.bookings.active_for_case(case_id)
    if booking is None:
        raise NotFound(f"case '{case_id}' has no booked visit")
    return booking


def current_booking(uow: SchedulingUnit, case_id: str) -> Booking | None:
    return uow.bookings.active_for_case(case_id)


def has_active_booking(uow: SchedulingUnit, case_id: str) -> bool:
    return uow.bookings.active_for_case(case_id) is not None


def cancel_booking(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case_id: str,
    reason: str = "",
    channel: Channel = Channel.WEB,
) -> Booking:
    """Cancel the case and free its window; returns the booking as it was (for the invite)."""
    case = get_case(uow, case_id, for_update=True)
    booking = uow.bookings.active_for_case(case_id)
    if booking is None:
        raise Conflict(f"case '{case_id}' has no booked visit to cancel")
    uow.bookings.lock_day(
        booking.technician_id,
        booking.day,
        _capacity(uow.technicians.get(booking.technician_id), booking.day),
    )
    uow.bookings.deactivate(booking.id)
    uow.bookings.add_booked_minutes(booking.technician_id, booking.day, -booking.service_minutes)
    act_on_case(uow, ctx.clock, case_id, CaseAction.CANCEL, reason, channel=channel)
    booking.active = False
    customer = uow.customers.get(case.customer_id)
    if ctx.messenger is not None and customer is not None:
        booking_cancelled(uow, ctx.clock, ctx.messenger, case, customer, booking)
    return booking


def require_offered(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case: ServiceCase,
    customer: Customer,
    windows: Sequence[TimeWindow],
    now: datetime,
) -> None:
    """``Unprocessable`` naming the first of ``windows`` not on offer for the customer (read
    once for all of them: the calendar, the day rules and the crew)."""
    on_offer = offer_days(now, ctx.settings, case)
    days = sorted({w.start.astimezone(ZONE).date() for w in windows})
    link = uow.calendar_links.get(customer.id)
    open_ = open_windows(
        customer,
        [d for d in days if d in on_offer],
        now,
        ctx.settings,
        ctx.holidays,
        uow.day_rules.between(days[0], days[-1]) if days else [],
        link.busy if link else [],
    )
    crew = qualified(uow, case)
    for window in windows:
        day = window.start.astimezone(ZONE).date()
        if day not in on_offer:
            raise Unprocessable(
                f"{day} is outside the days on offer ({on_offer[0]}..{on_offer[-1]})",
                field="window_start",
            )
        if window not in open_.get(day, []):
            raise Unprocessable(
                f"{window.start.isoformat()}: this window is not on offer for this customer",
                field="window_start",
            )
        if not any(t.shift_on(day.weekday()) for t in crew):
            raise Unprocessable(
                f"nobody who can do this visit works on {day}", field="window_start"
            )


def _capacity(technician: Technician | None, day: date) -> int:
    shift = technician.shift_on(day.weekday()) if technician else None
    if shift is None:
        return 0
    return (shift.end.hour * 60 + shift.end.minute) - (shift.start.hour * 60 + shift.start.minute)


def cheapest_technician(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case: ServiceCase,
    customer: Customer,
    window: TimeWindow,
    day: date,
    preferred: str | None = None,
) -> tuple[float, Technician] | None:
    """The technician who can take the window at least extra driving (the preferred one on a
    tie), with those minutes; None when nobody can any more.

    Read without locks: the choice is verified under the technician-day lock afterwards.
    """
    visit = visit_stop(window, day, customer, case.duration_minutes)
    best: tuple[float, int, Technician] | None = None
    technicians = {t.id: t for t in qualified(uow, case)}
    routes = build_routes(uow, list(technicians.values()), [day])
    location = customer.address.location
    assert location is not None
    for route in nearest_routes(list(routes.values()), location, CANDIDATES):
        fit = best_insertion(route.without(case.id), visit, ctx.travel.minutes)
        if fit is None:
            continue
        technician = technicians[route.technician_id]
        rank = (fit.added_minutes, 0 if technician.id == preferred else 1, technician)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return None if best is None else (best[0], best[2])


def _still_fits(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case: ServiceCase,
    technician: Technician,
    window: TimeWindow,
    day: date,
) -> float | None:
    """Re-check under the technician-day lock (someone may have booked meanwhile); the rank
    that places the visit where it fits, or None if it fits nowhere any more."""
    customer = uow.customers.get(case.customer_id)
    bookings = in_route_order(
        [b for b in uow.bookings.active_on(technician.id, day) if b.case_id != case.id]
    )
    route = technician_route(technician, day, bookings)
    if route is None or customer is None:
        return None
    fit = best_insertion(
        route, visit_stop(window, day, customer, case.duration_minutes), ctx.travel.minutes
    )
    if fit is None:
        return None
    before = bookings[fit.position - 1].route_rank if fit.position > 0 else None
    after = bookings[fit.position].route_rank if fit.position < len(bookings) else None
    return rank_between(before, after)
