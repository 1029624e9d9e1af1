"""What the customer hears when their visit changes: enqueued in the same unit of work as the
change, so a booking never exists without its confirmation, nor a confirmation without it."""

from __future__ import annotations

from datetime import datetime, timedelta

from klantreis.core.booking import Booking
from klantreis.core.case import CaseAction, ServiceCase
from klantreis.core.cases import act_on_case
from klantreis.core.common import Language
from klantreis.core.customer import Customer
from klantreis.core.i18n import day_label
from klantreis.core.ports import Clock, UnitOfWork
from klantreis.messaging.moment import ZONE
from klantreis.messaging.outbox import Status
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.touchpoints import Touchpoint, Urgency
from klantreis.messaging.values import local_day, local_time, message_values

REMINDER_AT_HOUR = 18  # the evening before the visit, local time


def _values(
    uow: UnitOfWork, messenger: Messenger, case: ServiceCase, customer: Customer, booking: Booking
) -> dict[str, str]:
    device = uow.devices.get(case.device_id) if case.device_id else None
    return message_values(
        customer, customer.language, messenger.link_for(case.id), device, booking.window
    )


def booking_changed(
    uow: UnitOfWork,
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
    uow: UnitOfWork,
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
    uow: UnitOfWork,
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


def _fix_before_words(case: ServiceCase, language: Language) -> str:
    deadline = case.findings.fix_before if case.findings else None
    return day_label(deadline, language) if deadline else ""


def _has_deadline(case: ServiceCase) -> bool:
    return case.findings is not None and case.findings.fix_before is not None


def invite_to_book(uow: UnitOfWork, clock: Clock, messenger: Messenger, case: ServiceCase) -> bool:
    """Invite the customer to choose a window; the case moves to *invited* when the
    invitation has a channel and a moment. Urgent cases do not wait for holidays."""
    customer = uow.customers.get(case.customer_id)
    if customer is None:
        return False
    device = uow.devices.get(case.device_id) if case.device_id else None
    values = message_values(
        customer,
        customer.language,
        messenger.link_for(case.id),
        device,
        reason=messenger.templates.invitation_reason(case.origin, customer.language),
        deadline=messenger.templates.fix_before_phrase(
            customer.language, _fix_before_words(case, customer.language)
        ),
    )
    message = enqueue(
        uow,
        clock,
        messenger,
        customer,
        Touchpoint.INVITATION,
        values,
        cause=f"invite:{case.id}",
        case_id=case.id,
        # A deadline (a predicted failure's fix-before date) cannot wait for the holidays.
        urgency=Urgency.PROMPT if case.urgent or _has_deadline(case) else None,
    )
    if message.status is not Status.PENDING:
        return False
    act_on_case(uow, clock, case.id, CaseAction.INVITE, "invitation queued")
    return True
