"""Putting a message in the outbox, in the transaction of the change that caused it.

The channel is the customer's first preferred one with consent for the purpose, an address,
and no bounce on record; the moment is the earliest the customer's calendar allows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from klantreis.core.addressing import full_name
from klantreis.core.common import Channel, Language
from klantreis.core.customer import Customer
from klantreis.core.ids import new_id
from klantreis.core.ports import Clock
from klantreis.messaging.moment import SendingCalendar, earliest_send
from klantreis.messaging.outbox import OutboxMessage, Status
from klantreis.messaging.ports import MessagingUnit, Templates
from klantreis.messaging.touchpoints import PURPOSE, URGENCY, Touchpoint, Urgency


@dataclass(frozen=True)
class Messenger:
    templates: Templates
    calendar: SendingCalendar
    link_for: Callable[[str], str]  # a case's personal link (booking and tracking page)
    survey_link_for: Callable[[str], str] | None = None  # the case's survey page
    # The tracking page alone (a forwarded "on the way" message cannot cancel the visit).
    tracking_link_for: Callable[[str], str] | None = None
    # The page that confirms a new contact address, for the secret of that request.
    confirm_link_for: Callable[[str], str] | None = None


def recipient(customer: Customer, channel: Channel) -> str | None:
    """Where ``channel`` reaches the customer, or None when we have no address for it."""
    if channel is Channel.EMAIL:
        return customer.email or None
    if channel in (Channel.SMS, Channel.WHATSAPP):
        return customer.phone or None
    if channel is Channel.PUSH:
        return f"customer:{customer.id}"  # the app registers its devices under the customer
    if channel is Channel.LETTER:
        a = customer.address
        lines = [customer.organisation, full_name(customer), f"{a.street} {a.house_number}"]
        return "\n".join([line for line in lines if line] + [f"{a.postcode}  {a.city.upper()}"])
    return None


def choose_channel(
    uow: MessagingUnit, customer: Customer, touchpoint: Touchpoint, exclude: Collection[Channel]
) -> tuple[Channel, str] | None:
    blocked = uow.outbox.blocked(customer.id)
    for channel in customer.channels_for(PURPOSE[touchpoint]):
        address = recipient(customer, channel)
        if channel not in blocked and channel not in exclude and address:
            return channel, address
    return None


def enqueue(
    uow: MessagingUnit,
    clock: Clock,
    messenger: Messenger,
    customer: Customer,
    touchpoint: Touchpoint,
    values: Mapping[str, str],
    *,
    cause: str,
    case_id: str | None = None,
    expires_at: datetime | None = None,
    exclude: Collection[Channel] = (),
    not_before: datetime | None = None,
    urgency: Urgency | None = None,
    to: tuple[Channel, str] | None = None,
) -> OutboxMessage:
    """Store the message for ``cause`` (once: the same cause enqueued again adds nothing).

    ``urgency`` overrides the touchpoint's own (an invitation for a broken boiler cannot wait
    for the school holidays to end). ``to`` sends to that channel and address instead of
    the customer's own (a new address, to confirm it)."""
    now = clock.now()
    chosen = to or choose_channel(uow, customer, touchpoint, exclude)
    message = OutboxMessage(
        id=new_id(),
        customer_id=customer.id,
        case_id=case_id,
        touchpoint=touchpoint,
        channel=chosen[0] if chosen else None,
        language=customer.language,
        recipient=chosen[1] if chosen else "",
        subject="",
        text="",
        html=None,
        action_url=None,
        values=dict(values),
        dedupe_key=f"{cause}:{touchpoint.value}"
        + (f":not-{'-'.join(sorted(c.value for c in exclude))}" if exclude else ""),
        created_at=now,
        send_after=now,
        expires_at=expires_at,
    )
    if chosen is None:
        message.status = Status.UNDELIVERABLE
        message.last_error = "no channel with consent, an address and no bounce"
    else:
        rendered = messenger.templates.render(touchpoint, customer.language, chosen[0], values)
        message.subject, message.text = rendered.subject, rendered.text
        message.html, message.action_url = rendered.html, rendered.action_url
        start = max(now, not_before) if not_before else now
        moment = earliest_send(
            customer, urgency or URGENCY[touchpoint], start, messenger.calendar, expires_at
        )
        if moment is None:
            message.status = Status.EXPIRED
            message.last_error = "no moment the customer can be reached before it expires"
        else:
            message.send_after = moment
    uow.outbox.add(message)
    return message


def enqueue_to_staff(
    uow: MessagingUnit,
    clock: Clock,
    templates: Templates,
    touchpoint: Touchpoint,
    language: Language,
    address: str,
    values: Mapping[str, str],
    *,
    cause: str,
    expires_at: datetime,
) -> OutboxMessage:
    """A message to one of the firm's people by e-mail, sent at once (their working day is
    no customer's calendar) and on no customer's journey."""
    now = clock.now()
    rendered = templates.render(touchpoint, language, Channel.EMAIL, values)
    message = OutboxMessage(
        id=new_id(),
        customer_id=None,
        case_id=None,
        touchpoint=touchpoint,
        channel=Channel.EMAIL,
        language=language,
        recipient=address,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        action_url=rendered.action_url,
        values={},  # the link inside is a secret: kept only in the text that goes out
        dedupe_key=f"{cause}:{touchpoint.value}",
        created_at=now,
        send_after=now,
        expires_at=expires_at,
    )
    uow.outbox.add(message)
    return message
