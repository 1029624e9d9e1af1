"""A customer asks to be called back in a window they chose: a person sees it in the queue,
and the customer gets the promise in writing, both in the same unit of work. Whoever makes the
call records how it went, so the journey shows whether we kept the promise."""

from __future__ import annotations

from datetime import datetime

from klantreis.core.common import Channel
from klantreis.core.errors import Conflict, NotFound, found
from klantreis.core.ids import new_id
from klantreis.core.journey import JourneyTouchpoint
from klantreis.core.journey_log import record_case_event, record_event
from klantreis.core.ports import Clock, HolidayCalendar
from klantreis.core.records import strip_nul
from klantreis.inbound.callback_windows import CallbackOutcome, callback_outcome, chosen_callback
from klantreis.inbound.model import InboundMessage, InboundStatus
from klantreis.inbound.ports import InboundUnit
from klantreis.messaging.moment import ZONE
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import message_values

CALLBACK_INTENT = "callback"  # its own group in the queue: a call to make, not a text to read


def request_callback(
    uow: InboundUnit,
    clock: Clock,
    messenger: Messenger,
    holidays: HolidayCalendar,
    case_id: str,
    start: datetime,
    preferred: str = "",
) -> InboundMessage:
    """Raises ``InvalidValue`` (field ``window``) for a window we did not offer."""
    now = clock.now()
    window = chosen_callback(start, now, holidays.holiday)
    case = uow.cases.get(case_id)
    customer = uow.customers.get(case.customer_id) if case else None
    if case is None or customer is None:
        raise NotFound(f"case '{case_id}' does not exist")
    local_start, local_end = window.start.astimezone(ZONE), window.end.astimezone(ZONE)
    subject = f"Call back {local_start:%Y-%m-%d %H:%M}-{local_end:%H:%M} (Europe/Amsterdam)"
    for waiting in uow.inbound.queue():
        # A second click on the same window asks for the same call.
        if waiting.intent == CALLBACK_INTENT and (waiting.case_id, waiting.subject) == (
            case.id,
            subject,
        ):
            return waiting
    message = InboundMessage(
        id=new_id(),
        received_at=now,
        channel=Channel.WEB.value,
        sender=customer.phone or customer.email,
        subject=subject,
        body=strip_nul(preferred),
        language=customer.language,
        intent=CALLBACK_INTENT,
        confidence=1.0,
        customer_id=customer.id,
        case_id=case.id,
    )
    uow.inbound.add(message)
    device = uow.devices.get(case.device_id) if case.device_id else None
    values = message_values(
        customer, customer.language, messenger.link_for(case.id), device, window
    )
    enqueue(
        uow,
        clock,
        messenger,
        customer,
        Touchpoint.CALLBACK,
        values,
        cause=f"callback:{message.id}",
        case_id=case.id,
        expires_at=window.start,
    )
    record_case_event(
        uow,
        case,
        JourneyTouchpoint.CALLBACK_REQUESTED,
        Channel.WEB,
        now,
        {"window_start": window.start.isoformat(), "preferred": message.body},
    )
    return message


def record_callback_outcome(
    uow: InboundUnit, clock: Clock, request_id: str, outcome: str, note: str = ""
) -> InboundMessage:
    """Reached: the request leaves the queue. No answer: it stays for another try. Either way
    the attempt becomes a journey event.

    Raises ``InvalidValue`` (field ``outcome``), ``NotFound`` for an unknown request and
    ``Conflict`` for a message that is no waiting callback request.
    """
    result = callback_outcome(outcome)
    request = found(uow.inbound.get(request_id), "inbound message", request_id)
    if request.intent != CALLBACK_INTENT or request.customer_id is None:
        raise Conflict(f"inbound message '{request_id}' is no callback request")
    if request.status is not InboundStatus.QUEUED:
        raise Conflict(f"callback request '{request_id}' is not waiting ({request.status.value})")
    if result is CallbackOutcome.REACHED:
        uow.inbound.set_status(request.id, InboundStatus.HANDLED)
        request.status = InboundStatus.HANDLED
    record_event(
        uow,
        JourneyTouchpoint.CALLBACK_ATTEMPT,
        Channel.PHONE,
        clock.now(),
        customer_id=request.customer_id,
        case_id=request.case_id,
        properties={"request_id": request.id, "outcome": result.value, "note": note},
    )
    return request
