"""The company picks the visit: a half day on the first suitable day from a given date.

This is how service firms work without self-scheduling (a letter: "we come on Tuesday
morning; without a reply we count on someone being home"). The digital twin runs it as the
policy to compare self-scheduling against.
"""

from __future__ import annotations

from datetime import date, timedelta

from klantreis.core.common import Channel
from klantreis.core.errors import Unprocessable
from klantreis.core.time_window import TimeWindow
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.booking_service import (
    BookingContext,
    WindowTaken,
    bookable_case,
    place_visit,
)
from klantreis.scheduling.days import ZONE
from klantreis.scheduling.offers import (
    bookable_days,
    free_of_absences,
    plan_days,
)
from klantreis.scheduling.ports import SchedulingUnit
from klantreis.scheduling.slots import half_days, rank_offers

# Days searched from the first one for a half day that a technician can fit.
SEARCH_DAYS = 10


def assign_half_day(
    uow: SchedulingUnit,
    ctx: BookingContext,
    case_id: str,
    first_day: date,
    morning: bool | None = None,
    channel: Channel = Channel.LETTER,
) -> Booking:
    """Book (or move) the case's visit to the cheapest half day on the first day from
    ``first_day`` that has one; ``morning`` keeps to mornings (True) or afternoons (False).

    Raises ``Unprocessable`` for a first day that is not in the future, ``WindowTaken`` when no
    technician can take any half day in the days searched, ``IllegalTransition`` when the
    case's state does not allow booking.
    """
    today = ctx.clock.now().astimezone(ZONE).date()
    if first_day <= today:
        raise Unprocessable(f"{first_day} is not after today ({today})", field="first_day")
    case, customer, previous = bookable_case(uow, case_id)
    days = [first_day + timedelta(days=n) for n in range(SEARCH_DAYS)]
    rules = uow.day_rules.between(days[0], days[-1])
    windows: dict[date, list[TimeWindow]] = {}
    for day in bookable_days(customer, days, ctx.holidays, rules):
        halves = half_days(day, ZONE)
        if morning is not None:
            halves = halves[:1] if morning else halves[1:]
        windows[day] = free_of_absences(customer, halves)
    plan = [p for p in plan_days(uow, case, days) if p.day in windows]
    location = customer.address.location
    assert location is not None  # customer_of checked it
    offers = rank_offers(
        plan, windows, location, case.duration_minutes, ctx.travel.minutes, ctx.settings.policy
    )
    if not offers:
        raise WindowTaken(f"no technician can take a half day from {first_day} on")
    chosen = min(offers, key=lambda o: (o.day, o.added_minutes))
    if previous and previous.window == chosen.window:
        return previous
    return place_visit(
        uow, ctx, case, customer, chosen.window, previous, channel, chosen.technician_id
    )
