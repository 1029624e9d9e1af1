"""What a booking tells its customer: booked, moved, cancelled, the reminder the evening
before, and the technician on the way. Enqueued in the same unit of work as the change, so a
booking never exists without its confirmation, nor a confirmation without it."""

from __future__ import annotations

from datetime import datetime, timedelta

from klantreis.core.case import ServiceCase
from klantreis.core.customer import Customer
from klantreis.core.ports import Clock
from klantreis.messaging.moment import ZONE
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import local_day, local_time, message_values
from klantreis.scheduling.booking import Booking
from klantreis.scheduling.ports import SchedulingUnit

REMINDER_AT_HOUR = 18  # the evening before the visit, local time


def _values(
    uow: SchedulingUnit,
    messenger: Messenger,
    case: ServiceCase,
    customer: Customer,
    booking: Booking,
) -> dict[str, str]:
    device = uow.devices.get(case.device_id) if case.device_id else None
    return message_values(
        customer, customer.language, messenger.link_for(case.id), device, booking.window
    )


def booking_changed(
    uow: SchedulingUnit,
    clock: Clock,
    messenger: Messenger,
    case: ServiceCase,
    customer: Customer,
    booking: Booking,
    previous: Booking | None,
    touchpoint: Touchpoint = Touchpoint.CONFIRMATION,
) -> None:
    """Tell the customer their visit was booked (``touchpoint``) or moved, and remind them
    the evening before."""
    values = _values(uow, messenger, case, customer, booking)
    if previous is not None:
        touchpoint = Touchpoint.RESCHEDULED
        values |= {
            "old_date": local_day(previous.window.start, customer.language),
            "old_start": local_time(previous.window.start, customer.language),
        }
        uow.outbox.withdraw(case.id, Touchpoint.REMINDER)
        uow.outbox.withdraw(case.id, Touchpoint.ON_THE_WAY)  # a whole day's arrival notice
    enqueue(
        uow,
        clock,
        messenger,
        customer,
        touchpoint,
        values,
        cause=f"{booking.id}",
        case_id=case.id,
        expires_at=booking.window.start,
    )
    eve = booking.window.start.astimezone(ZONE).replace(hour=REMINDER_AT_HOUR, minute=0)
    eve -= timedelta(days=1)
    if eve > clock.now():
        enqueue(
            uow,
            clock,
            messenger,
            customer,
            Touchpoint.REMINDER,
            values,
            cause=f"{booking.id}",
            case_id=case.id,
            expires_at=booking.window.start,
            not_before=eve,
        )


def booking_cancelled(
    uow: SchedulingUnit,
    clock: Clock,
    messenger: Messenger,
    case: ServiceCase,
    customer: Customer,
    booking: Booking,
) -> None:
    uow.outbox.withdraw(case.id, Touchpoint.REMINDER)
    uow.outbox.withdraw(case.id, Touchpoint.ON_THE_WAY)
    values = _values(uow, messenger, case, customer, booking)
    enqueue(
        uow,
        clock,
        messenger,
        customer,
        Touchpoint.CANCELLED,
        values,
        cause=f"{booking.id}",
        case_id=case.id,
    )


def technician_on_the_way(
    uow: SchedulingUnit,
    clock: Clock,
    messenger: Messenger,
    case: ServiceCase,
    booking: Booking,
    eta: tuple[str, str],
    technician: str,
    not_before: datetime | None = None,
    cause: str | None = None,
) -> None:
    """The technician is on the way (or, with ``not_before``, will be then)."""
    customer = uow.customers.get(case.customer_id)
    if customer is None:
        return
    values = _values(uow, messenger, case, customer, booking) | {
        "eta_start": eta[0],
        "eta_end": eta[1],
        "technician": technician,
    }
    if messenger.tracking_link_for is not None:  # a link that shows, and changes nothing
        values["link"] = messenger.tracking_link_for(case.id)
    enqueue(
        uow,
        clock,
        messenger,
        customer,
        Touchpoint.ON_THE_WAY,
        values,
        cause=cause or f"{booking.id}:{case.version}",
        case_id=case.id,
        expires_at=booking.window.end,
        not_before=not_before,
    )
