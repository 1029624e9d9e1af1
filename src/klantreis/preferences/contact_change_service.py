"""Changing the e-mail address or phone number a customer is reached at, safely.

Two one-time links (valid 24 hours) go out: one to the new address (confirm it is yours)
and one to the address of today (approve the change), each by the channel of what changes.
The change waits until both have said yes. A forwarded personal link can confirm its
holder's own address, but cannot approve from the customer's, so it cannot redirect the
customer's messages; and nobody can use a customer's page to send our messages to strangers
more than a few times a day.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace

from klantreis.core.common import Channel
from klantreis.core.customer import Customer
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.errors import Conflict, NotFound
from klantreis.core.ids import new_id
from klantreis.core.ports import Clock
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import message_values
from klantreis.preferences.contact_change import (
    MAX_PER_DAY,
    VALID_FOR,
    ChangeState,
    ContactChange,
    ContactField,
    Side,
    masked,
)
from klantreis.preferences.ports import PreferencesUnit


class TooManyChanges(InvalidValue):
    """More change requests for one customer in a day than ``MAX_PER_DAY``."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def current_value(customer: Customer, field: ContactField) -> str:
    return customer.email if field is ContactField.EMAIL else customer.phone


def request_contact_changes(
    uow: PreferencesUnit,
    clock: Clock,
    messenger: Messenger,
    customer: Customer,
    case_id: str,
    wanted: dict[ContactField, str],
) -> list[ContactField]:
    """Ask for each field whose wanted value differs from today's; the fields now waiting.

    Raises ``TooManyChanges`` (nothing stored) past the daily limit. Removing an address
    is confirmed by the address of today, which is where the link then goes."""
    changed = {f: v for f, v in wanted.items() if v != current_value(customer, f)}
    if not changed:
        return []
    now = clock.now()
    if uow.contact_changes.requested_since(customer.id, now - VALID_FOR) + len(changed) > (
        MAX_PER_DAY
    ):
        field = next(iter(changed)).value
        raise TooManyChanges(field, f"no more than {MAX_PER_DAY} changes a day; try tomorrow")
    if messenger.confirm_link_for is None:
        raise RuntimeError("this messenger cannot make confirmation links")
    for field, new_value in changed.items():
        old_value = current_value(customer, field)
        change = ContactChange(new_id(), customer.id, case_id, field, old_value, new_value, now)
        confirm, approve = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        uow.contact_changes.add(change, _hash(confirm), _hash(approve) if old_value else None)
        if new_value:  # the new address: is it really theirs?
            values = message_values(
                customer,
                customer.language,
                messenger.confirm_link_for(confirm),
                address=new_value,
            )
            _send(uow, clock, messenger, customer, Touchpoint.CONTACT_CONFIRM, values, change)
        if old_value:  # the address of today: do they want it?
            values = message_values(
                customer,
                customer.language,
                messenger.confirm_link_for(approve),
                address=masked(field, new_value) if new_value else "-",
            )
            _send(
                uow,
                clock,
                messenger,
                customer,
                Touchpoint.CONTACT_NOTICE,
                values,
                change,
                to=(field.channel, old_value),
            )
    return list(changed)


def _send(
    uow: PreferencesUnit,
    clock: Clock,
    messenger: Messenger,
    customer: Customer,
    touchpoint: Touchpoint,
    values: dict[str, str],
    change: ContactChange,
    to: tuple[Channel, str] | None = None,
) -> None:
    enqueue(
        uow,
        clock,
        messenger,
        customer,
        touchpoint,
        values,
        cause=f"contact-change:{change.id}",
        case_id=change.case_id,
        expires_at=change.expires_at,
        to=to or (change.field.channel, change.new_value),
    )


@dataclass(frozen=True, slots=True)
class ChangeToConfirm:
    change: ContactChange
    side: Side  # which end this link was sent to
    customer: Customer
    state: ChangeState


def change_to_confirm(
    uow: PreferencesUnit, clock: Clock, secret: str, *, for_update: bool = False
) -> ChangeToConfirm:
    """The change behind a confirmation link; ``NotFound`` for a link that never was."""
    found = uow.contact_changes.by_token_hash(_hash(secret), for_update=for_update)
    customer = uow.customers.get(found[0].customer_id) if found else None
    if found is None or customer is None:
        raise NotFound("this confirmation link is not valid")
    change, side = found
    state = change.state(clock.now())
    if state is ChangeState.PENDING and current_value(customer, change.field) != change.old_value:
        state = ChangeState.SUPERSEDED  # the address moved on since it was asked for
    return ChangeToConfirm(change, side, customer, state)


def confirm_contact_change(uow: PreferencesUnit, clock: Clock, secret: str) -> ChangeState:
    """This end says yes; once both ends have, the change is made. Returns the change's
    state after it (PENDING: the other end has yet to say yes). ``Conflict`` when this link
    is used, or the change expired or was replaced."""
    found = change_to_confirm(uow, clock, secret, for_update=True)
    if found.state is not ChangeState.PENDING or found.side in found.change.said_yes():
        raise Conflict(f"this change is {found.state.value}")
    change, customer = found.change, found.customer
    now = clock.now()
    uow.contact_changes.say_yes(change.id, found.side, now)
    said = replace(
        change,
        confirmed_at=now if found.side is Side.NEW else change.confirmed_at,
        approved_at=now if found.side is Side.OLD else change.approved_at,
    )
    state = said.state(now)
    if state is ChangeState.CONFIRMED:
        if change.field is ContactField.EMAIL:
            updated = replace(customer, email=change.new_value)
        else:
            updated = replace(customer, phone=change.new_value)
        uow.customers.upsert_many([], [updated])
    return state
