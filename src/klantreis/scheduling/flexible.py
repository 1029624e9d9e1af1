"""Flexible customers: they tick every window that suits them, the booking holds the best, and
until the cut-off the visit may move to another of their windows (never outside them), with
the customer told at once.

The cut-off is the evening two days before the visit: from then on the customer can count on
the window, and the day's plan only reorders around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from klantreis.core.common import Channel, to_utc
from klantreis.core.errors import Conflict, Unprocessable
from klantreis.core.ids import new_id
from klantreis.core.ports import Clock
from klantreis.core.time_window import WINDOW_LENGTH, TimeWindow
from klantreis.messaging.outbox_service import Messenger
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.booking_service import (
    BookingContext,
    WindowTaken,
    book_window,
    bookable_case,
    cheapest_technician,
    place_visit,
    require_offered,
)
from klantreis.scheduling.days import ZONE
from klantreis.scheduling.notices import booking_changed
from klantreis.scheduling.ports import SchedulingUnit
from klantreis.scheduling.slots import offer_rank

MAX_TICKED = 40  # more than two weeks of a day's windows: a form that ticks more is not a person
CUTOFF_DAYS_BEFORE = 2
CUTOFF_AT = time(18)  # local


class PastCutOff(Conflict):
    title = "Past the cut-off"
    slug = "past-cut-off"


def movable_until(day: date) -> datetime:
    """The moment (UTC) after which a visit on ``day`` no longer moves between ticked windows."""
    eve = day - timedelta(days=CUTOFF_DAYS_BEFORE)
    return to_utc("cut-off", datetime.combine(eve, CUTOFF_AT, ZONE))


def still_movable(booking: Booking, now: datetime) -> bool:
    return booking.flexible and now < movable_until(booking.day)


def book_windows(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case_id: str,
    starts: Sequence[datetime],
    channel: Channel = Channel.WEB,
) -> Booking:
    """Book the best of the 2-hour windows the customer ticked, and remember all of them.

    Every ticked window must be on offer (``Unprocessable`` names the first that is not); the
    best is ranked as offers are (``offer_rank``: efficient ones soonest first, the others by
    cost). A window taken meanwhile gives way to the next best; ``WindowTaken`` only when
    none can be had.
    """
    unique = sorted({to_utc("window_start", s) for s in starts})
    if not unique:
        raise Unprocessable("tick at least one window", field="window_start")
    if len(unique) > MAX_TICKED:
        raise Unprocessable(f"at most {MAX_TICKED} windows may be ticked", field="window_start")
    if len(unique) == 1:
        return book_window(uow, ctx, case_id, unique[0], channel)
    now = ctx.clock.now()
    case, customer, previous = bookable_case(uow, case_id)
    windows = [TimeWindow(start, start + WINDOW_LENGTH) for start in unique]
    require_offered(uow, ctx, case, customer, windows, now)
    if previous and previous.window in windows and previous.ticked == tuple(unique):
        return previous  # the same ticks again change nothing
    ranked = []
    for window in windows:
        day = _local_day(window.start)
        cheapest = cheapest_technician(uow, ctx, case, customer, window, day)
        if cheapest is not None:
            ranked.append((offer_rank(cheapest[0], window.start, ctx.settings.policy), window))
    for _, window in sorted(ranked, key=lambda pair: pair[0]):
        try:
            return place_visit(
                uow, ctx, case, customer, window, previous, channel, ticked=tuple(unique)
            )
        except WindowTaken:
            continue  # taken between reading and locking: the next best
    raise WindowTaken("none of the windows you ticked can be had any more; please choose again")


def move_to_ticked(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case_id: str,
    window_start: datetime,
    channel: Channel = Channel.WEB,
) -> Booking:
    """A planner moves a flexible visit to another window its customer ticked.

    Refused (nothing changed) for a window the customer did not tick (``Unprocessable``) and
    after the cut-off of either day (``PastCutOff``).
    """
    now = ctx.clock.now()
    case, customer, previous = bookable_case(uow, case_id)
    if previous is None:
        raise Conflict(f"case '{case_id}' has no booked visit to move")
    start = to_utc("window_start", window_start)
    if start not in previous.ticked:
        raise Unprocessable(
            f"{start.isoformat()} is not one of the windows the customer ticked",
            field="window_start",
        )
    if start == previous.window.start:
        return previous
    day = _local_day(start)
    if now >= movable_until(min(day, previous.day)):
        raise PastCutOff(
            f"the visit can no longer move: the cut-off was "
            f"{movable_until(min(day, previous.day)).isoformat()}"
        )
    window = TimeWindow(start, start + WINDOW_LENGTH)
    # Since the ticks the customer may have added an absence, or the day been closed.
    require_offered(uow, ctx, case, customer, [window], now)
    moved = place_visit(uow, ctx, case, customer, window, previous, channel, ticked=previous.ticked)
    keep_pin(uow, previous.id, moved.id)
    return moved


def ticked_alternatives(booking: Booking, now: datetime) -> list[TimeWindow]:
    """The other windows on the visit's own day that it may still move to."""
    if not still_movable(booking, now):
        return []
    return [
        w
        for w in booking.ticked_windows()
        if w != booking.window and _local_day(w.start) == booking.day
    ]


def move_in_plan(
    uow: SchedulingUnit,
    clock: Clock,
    messenger: Messenger | None,
    booking: Booking,
    window: TimeWindow,
) -> Booking:
    """Day planning chose another ticked window on the same day: the booking follows (a new
    version, so the invite's SEQUENCE rises) and the customer is told at once."""
    if window.start not in booking.ticked or _local_day(window.start) != booking.day:
        raise Unprocessable("day planning may only move a visit within its ticked windows")
    moved = Booking(
        id=new_id(),
        case_id=booking.case_id,
        technician_id=booking.technician_id,  # same technician-day: booked minutes unchanged
        day=booking.day,
        window=window,
        service_minutes=booking.service_minutes,
        location=booking.location,
        created_at=clock.now(),
        ics_uid=booking.ics_uid,
        sequence=booking.sequence + 1,
        route_rank=booking.route_rank,
        ticked=booking.ticked,
    )
    uow.bookings.deactivate(booking.id)
    uow.bookings.add(moved)
    keep_pin(uow, booking.id, moved.id)
    case = uow.cases.get(booking.case_id)
    customer = uow.customers.get(case.customer_id) if case else None
    if messenger is not None and case is not None and customer is not None:
        booking_changed(uow, clock, messenger, case, customer, moved, booking)
    return moved


def keep_pin(uow: SchedulingUnit, old_booking_id: str, new_booking_id: str) -> None:
    """A planner's pin follows the visit to its new booking."""
    pinned = uow.plans.pins([old_booking_id]).get(old_booking_id)
    if pinned is not None:
        uow.plans.unpin(old_booking_id)
        uow.plans.pin(new_booking_id, pinned)


def _local_day(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()
