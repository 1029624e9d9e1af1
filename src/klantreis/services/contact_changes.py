"""Changing the e-mail address or phone number a customer is reached at, safely.

The new address gets a one-time link (valid 24 hours) and the change waits until it is
confirmed there; the address of today hears of the request at once. A forwarded personal
link therefore cannot redirect the customer's messages, and nobody can use a customer's page
to send our mail to strangers more than a few times a day.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace

from klantreis.domain.contact_change import (
    MAX_PER_DAY,
    VALID_FOR,
    ChangeState,
    ContactChange,
    ContactField,
    masked,
)
from klantreis.domain.customer import Customer
from klantreis.domain.errors import InvalidValue
from klantreis.domain.messaging.touchpoints import Touchpoint
from klantreis.services.errors import Conflict, NotFound
from klantreis.services.ids import new_id
from klantreis.services.messaging.outbox import Messenger, enqueue
from klantreis.services.messaging.values import message_values
from klantreis.services.ports import Clock, UnitOfWork


class TooManyChanges(InvalidValue):
    """More change requests for one customer in a day than ``MAX_PER_DAY``."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def current_value(customer: Customer, field: ContactField) -> str:
    return customer.email if field is ContactField.EMAIL else customer.phone


def request_contact_changes(
    uow: UnitOfWork,
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
        secret = secrets.token_urlsafe(32)
        change = ContactChange(new_id(), customer.id, case_id, field, old_value, new_value, now)
        uow.contact_changes.add(change, _hash(secret))
        confirm_at = new_value or old_value  # a removal is confirmed where we reach them now
        values = message_values(
            customer,
            customer.language,
            messenger.confirm_link_for(secret),
            address=new_value or masked(field, old_value),
        )
        enqueue(
            uow,
            clock,
            messenger,
            customer,
            Touchpoint.CONTACT_CONFIRM,
            values,
            cause=f"contact-change:{change.id}",
            case_id=case_id,
            expires_at=change.expires_at,
            to=(field.channel, confirm_at),
        )
        if old_value and new_value:  # the address of today hears of it at once
            notice = message_values(
                customer,
                customer.language,
                messenger.link_for(case_id),
                address=masked(field, new_value),
            )
            enqueue(
                uow,
                clock,
                messenger,
                customer,
                Touchpoint.CONTACT_NOTICE,
                notice,
                cause=f"contact-change:{change.id}",
                case_id=case_id,
            )
    return list(changed)


@dataclass(frozen=True, slots=True)
class ChangeToConfirm:
    change: ContactChange
    customer: Customer
    state: ChangeState


def change_to_confirm(
    uow: UnitOfWork, clock: Clock, secret: str, *, for_update: bool = False
) -> ChangeToConfirm:
    """The change behind a confirmation link; ``NotFound`` for a link that never was."""
    change = uow.contact_changes.by_token_hash(_hash(secret), for_update=for_update)
    customer = uow.customers.get(change.customer_id) if change else None
    if change is None or customer is None:
        raise NotFound("this confirmation link is not valid")
    state = change.state(clock.now())
    if state is ChangeState.PENDING and current_value(customer, change.field) != change.old_value:
        state = ChangeState.SUPERSEDED  # the address moved on since it was asked for
    return ChangeToConfirm(change, customer, state)


def confirm_contact_change(uow: UnitOfWork, clock: Clock, secret: str) -> Customer:
    """Make the change; ``Conflict`` when it is no longer waiting (used, expired, replaced)."""
    found = change_to_confirm(uow, clock, secret, for_update=True)
    if found.state is not ChangeState.PENDING:
        raise Conflict(f"this change is {found.state.value}")
    change, customer = found.change, found.customer
    if change.field is ContactField.EMAIL:
        updated = replace(customer, email=change.new_value)
    else:
        updated = replace(customer, phone=change.new_value)
    uow.customers.upsert_many([], [updated])
    uow.contact_changes.confirm(change.id, clock.now())
    return updated
