"""A new e-mail address or phone number takes effect only when both ends said yes: rules of
the contact change, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from klantreis.core.common import Channel
from klantreis.core.customer import Customer, Purpose
from klantreis.core.customers import register_customer
from klantreis.core.errors import Conflict
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.records import ConsentRecord, CustomerRecord
from klantreis.messaging.catalog import TemplateCatalog
from klantreis.messaging.moment import SendingCalendar
from klantreis.messaging.outbox_service import Messenger
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.preferences.contact_change import ChangeState, ContactField
from klantreis.preferences.contact_change_service import (
    TooManyChanges,
    confirm_contact_change,
    request_contact_changes,
)
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

CLOCK = FixedClock(datetime(2026, 3, 29, 0, 30, tzinfo=UTC))  # the night the clocks go forward


class Links:
    """The confirmation links as they are sent, so a test can open them as the customer."""

    def __init__(self) -> None:
        self.secrets: list[str] = []

    def __call__(self, secret: str) -> str:
        self.secrets.append(secret)
        return f"/c/{secret}"


def _world() -> tuple[FakeUnitOfWork, Customer, Links, Messenger]:
    uow, links = FakeUnitOfWork(), Links()
    messenger = Messenger(
        TemplateCatalog.packaged(), SendingCalendar(), lambda c: f"/b/{c}", confirm_link_for=links
    )
    record = CustomerRecord(
        surname="Vos",
        street="Kerkstraat",
        house_number="1",
        postcode="3511 AB",
        email="vos@example.nl",
        channel_preferences=[Channel.EMAIL],
        consents=[ConsentRecord(purpose=Purpose.SERVICE, channel=Channel.EMAIL)],
    )
    customer = register_customer(uow, Pc4Gazetteer.packaged(), record, "k1")
    return uow, customer, links, messenger


def test_a_new_address_takes_effect_once_the_new_and_the_old_address_both_said_yes() -> None:
    uow, customer, links, messenger = _world()
    wanted = {ContactField.EMAIL: "nieuw@example.nl"}
    assert request_contact_changes(uow, CLOCK, messenger, customer, "case-1", wanted) == [
        ContactField.EMAIL
    ]
    sent = {m.touchpoint: m.recipient for m in uow.outbox.rows.values()}
    assert sent == {
        Touchpoint.CONTACT_CONFIRM: "nieuw@example.nl",
        Touchpoint.CONTACT_NOTICE: "vos@example.nl",
    }
    confirm, approve = links.secrets
    assert confirm_contact_change(uow, CLOCK, confirm) is ChangeState.PENDING
    assert uow.customers.get("k1").email == "vos@example.nl"  # type: ignore[union-attr]
    assert confirm_contact_change(uow, CLOCK, approve) is ChangeState.CONFIRMED
    assert uow.customers.get("k1").email == "nieuw@example.nl"  # type: ignore[union-attr]


def test_a_link_says_yes_once() -> None:
    uow, customer, links, messenger = _world()
    request_contact_changes(
        uow, CLOCK, messenger, customer, "case-1", {ContactField.EMAIL: "nieuw@example.nl"}
    )
    confirm_contact_change(uow, CLOCK, links.secrets[0])
    with pytest.raises(Conflict):
        confirm_contact_change(uow, CLOCK, links.secrets[0])


def test_a_newer_request_for_the_field_leaves_the_earlier_links_without_effect() -> None:
    uow, customer, links, messenger = _world()
    for address in ("eerste@example.nl", "tweede@example.nl"):
        request_contact_changes(
            uow, CLOCK, messenger, customer, "case-1", {ContactField.EMAIL: address}
        )
    first_confirm, first_approve = links.secrets[:2]
    with pytest.raises(Conflict, match="superseded"):
        confirm_contact_change(uow, CLOCK, first_confirm)
    with pytest.raises(Conflict, match="superseded"):
        confirm_contact_change(uow, CLOCK, first_approve)


def test_a_link_opened_after_a_day_has_expired() -> None:
    uow, customer, links, messenger = _world()
    request_contact_changes(
        uow, CLOCK, messenger, customer, "case-1", {ContactField.EMAIL: "nieuw@example.nl"}
    )
    with pytest.raises(Conflict, match="expired"):
        confirm_contact_change(uow, FixedClock(CLOCK.now() + timedelta(hours=24)), links.secrets[0])


def test_more_than_three_requests_a_day_are_refused_with_nothing_stored_or_sent() -> None:
    uow, customer, links, messenger = _world()
    for n in range(3):
        request_contact_changes(
            uow, CLOCK, messenger, customer, "case-1", {ContactField.EMAIL: f"n{n}@example.nl"}
        )
    stored, sent = len(uow.contact_changes.changes), len(uow.outbox.rows)
    with pytest.raises(TooManyChanges, match="no more than 3 changes a day"):
        request_contact_changes(
            uow, CLOCK, messenger, customer, "case-1", {ContactField.EMAIL: "n9@example.nl"}
        )
    assert (len(uow.contact_changes.changes), len(uow.outbox.rows)) == (stored, sent)


def test_removing_an_address_asks_only_the_address_of_today() -> None:
    uow, customer, links, messenger = _world()
    request_contact_changes(uow, CLOCK, messenger, customer, "case-1", {ContactField.EMAIL: ""})
    assert [m.touchpoint for m in uow.outbox.rows.values()] == [Touchpoint.CONTACT_NOTICE]
    (approve,) = links.secrets
    assert confirm_contact_change(uow, CLOCK, approve) is ChangeState.CONFIRMED
    assert uow.customers.get("k1").email == ""  # type: ignore[union-attr]
