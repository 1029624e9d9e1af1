"""Book for me: a customer's standing permission to book their visits themselves.

Seed 000's appliance "makes an appointment with the technician when it suits us best". A
customer who linked their calendar may ask for this on their preferences page: when a case
opens for one of their devices, the best window that their calendar and absences leave free
is booked (the offers already leave busy windows out), the invitation gives way to a message
that says so, and its link moves or cancels the visit with one tap. With no window free, the
invitation stands and they choose themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from klantreis.core.case import CaseState
from klantreis.core.common import Channel
from klantreis.core.domain_errors import DomainError
from klantreis.core.errors import ServiceError
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.scheduling.area_days import AreaCalendar
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.booking_service import BookingContext, WindowTaken, book_window
from klantreis.scheduling.notices import booking_changed
from klantreis.scheduling.offers import offer_windows
from klantreis.scheduling.ports import SchedulingUnit

WAITING = (CaseState.OPENED, CaseState.INVITED)
log = logging.getLogger(__name__)
BATCH = 1000  # waiting cases looked at per pass


def book_for_me(
    uow: SchedulingUnit, ctx: BookingContext, case_id: str, areas: AreaCalendar | None = None
) -> Booking | None:
    """Book the case's best free window if its customer asked us to; None when they did not,
    have no linked calendar any more, the case is not waiting, or nothing is free."""
    case = uow.cases.get(case_id, for_update=True)  # the customer may be booking right now
    if case is None or case.state not in WAITING or uow.bookings.active_for_case(case_id):
        return None
    customer = uow.customers.get(case.customer_id)
    if customer is None or not customer.books_for_me:
        return None
    if uow.calendar_links.get(customer.id) is None:
        return None  # without their calendar we cannot tell when they are free
    now = ctx.clock.now()
    offering = offer_windows(uow, case.id, now, ctx.travel, ctx.holidays, ctx.settings, None, areas)
    unannounced = replace(ctx, messenger=None)  # they get one message, saying we booked
    for window in dict.fromkeys(o.window for o in [*offering.recommended, *offering.offers]):
        try:
            # The appliance's service books on the customer's standing permission.
            booking = book_window(uow, unannounced, case.id, window.start, Channel.DEVICE)
        except WindowTaken:
            continue
        if ctx.messenger is not None:
            uow.outbox.withdraw(case.id, Touchpoint.INVITATION)
            booked = uow.cases.get(case.id)
            assert booked is not None
            booking_changed(
                uow,
                ctx.clock,
                ctx.messenger,
                booked,
                customer,
                booking,
                None,
                touchpoint=Touchpoint.BOOKED_FOR_YOU,
            )
        return booking
    return None


def book_where_permitted(
    uow_factory: Callable[[], SchedulingUnit],
    ctx: BookingContext,
    areas: Callable[[SchedulingUnit], AreaCalendar | None] = lambda uow: None,
) -> int:
    """One pass over the waiting cases of customers who asked us to book; each booking in
    its own unit of work. Returns how many were booked."""
    with uow_factory() as uow:
        waiting = [c for state in WAITING for c in uow.cases.list(0, BATCH, state=state)]
        asked = uow.customers.ids_booking_for_them({c.customer_id for c in waiting})
    booked = 0
    for case in waiting:
        if case.customer_id not in asked:
            continue
        with uow_factory() as uow:
            try:
                done = book_for_me(uow, ctx, case.id, areas(uow))
            except (ServiceError, DomainError) as refused:  # this case waits; the rest goes on
                log.warning("book for me: case %s not booked: %s", case.id, refused)
                continue
            if done is not None:
                uow.commit()
                booked += 1
    return booked
