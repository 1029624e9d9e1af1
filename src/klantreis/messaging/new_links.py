"""A fresh personal link for a customer whose link expired, sent where we reach them.

Whoever holds an expired link may ask; the new one goes to the customer's own channel, never
to the page, so a forwarded old link gets its finder nothing. Asking is limited per case and
per customer, and the page answers the same whether or not anything was sent, so it says
nothing about which cases or addresses exist.
"""

from __future__ import annotations

from datetime import timedelta

from klantreis.core.common import Channel
from klantreis.core.journey import JourneyTouchpoint
from klantreis.core.journey_log import record_case_event
from klantreis.core.ports import Clock
from klantreis.messaging.outbox import Status
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.ports import MessagingUnit
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import message_values

WINDOW = timedelta(hours=24)
PER_CASE = 3  # new links for one case in a day
PER_CUSTOMER = 5  # ... and for one customer (their address), over all their cases
ASKED = JourneyTouchpoint.LINK_RENEWAL_REQUESTED


def send_new_link(uow: MessagingUnit, clock: Clock, messenger: Messenger, case_id: str) -> bool:
    """Queue a new link for the case's customer; False (and nothing queued) when the case
    does not exist, the limits are reached, or we have no way to reach them."""
    case = uow.cases.get(case_id)
    customer = uow.customers.get(case.customer_id) if case else None
    if case is None or customer is None:
        return False
    now = clock.now()
    recent = uow.events.recent(customer.id, ASKED, now - WINDOW)
    if len(recent) >= PER_CUSTOMER or sum(e.case_id == case.id for e in recent) >= PER_CASE:
        return False
    record_case_event(uow, case, ASKED, Channel.WEB, now)
    device = uow.devices.get(case.device_id) if case.device_id else None
    values = message_values(customer, customer.language, messenger.link_for(case.id), device)
    message = enqueue(
        uow,
        clock,
        messenger,
        customer,
        Touchpoint.NEW_LINK,
        values,
        cause=f"new-link:{case.id}:{len(recent)}:{now.date().isoformat()}",
        case_id=case.id,
    )
    return message.status is Status.PENDING
