"""Finding 6 (second half): whoever held a customer's link could change their e-mail address,
and so redirect every later message and link. A new address now takes effect only once both
ends said yes: the new address confirms it is theirs, the address of today approves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from klantreis.app.bootstrap import Container
from klantreis.core.api.limits import redact
from klantreis.core.common import Channel
from klantreis.messaging.outbox import OutboxMessage
from klantreis.messaging.touchpoints import Touchpoint
from tests.conftest import FixedClock
from tests.e2e.test_preferences_page import (
    FORM,
    approval_links,
    confirmation_links,
    one_customer,
)
from tests.scheduling_world import NOW

World = tuple[Container, TestClient, str, FixedClock]
OLD = "c-001@example.nl"
# What the holder of a forwarded link sends: everything as it was, but their own address.
HIJACK = {**FORM, "language": "nl", "email": "thief@example.com", "phone": ""}


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    """The preferences page's customer, and the clock to move."""
    with one_customer(database_url) as (container, client, token):
        assert isinstance(container.clock, FixedClock)
        yield container, client, token, container.clock


def _email(container: Container) -> str:
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None
    return customer.email


def _messages(container: Container, touchpoint: Touchpoint) -> list[OutboxMessage]:
    with container.uow_factory(read_only=True) as uow:
        return [m for m in uow.outbox.list() if m.touchpoint is touchpoint]


def test_a_forwarded_link_cannot_redirect_the_messages_without_the_customer_s_yes(
    world: World,
) -> None:
    container, client, token, _ = world
    saved = client.post(f"/v/{token}", data=HIJACK, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].endswith("contact=email")
    assert _email(container) == OLD  # nothing redirected yet
    (confirm,) = _messages(container, Touchpoint.CONTACT_CONFIRM)
    assert (confirm.channel, confirm.recipient) == (Channel.EMAIL, "thief@example.com")
    (notice,) = _messages(container, Touchpoint.CONTACT_NOTICE)
    assert (notice.channel, notice.recipient) == (Channel.EMAIL, OLD)
    assert "t***@example.com" in notice.text and "thief@" not in notice.text
    (link,) = confirmation_links(container)
    (approve,) = approval_links(container)
    assert link not in notice.text and approve not in confirm.text  # each end its own link
    page = client.get(link)  # opening (a mail scanner does) only asks
    assert page.status_code == 200 and "thief@example.com" in page.text
    assert _email(container) == OLD
    confirmed = client.post(link, follow_redirects=False)  # the thief confirms their own
    assert confirmed.status_code == 303
    assert _email(container) == OLD  # ... and still nothing changes
    assert "zodra ook het andere adres" in client.get(confirmed.headers["location"]).text
    again = client.post(link, follow_redirects=False)  # one time only
    assert again.status_code == 409 and "niet meer geldig" in again.text


def test_the_change_takes_effect_when_both_ends_said_yes_in_either_order(world: World) -> None:
    container, client, token, _ = world
    client.post(f"/v/{token}", data={**HIJACK, "email": "jan.nieuw@example.nl"})
    (link,), (approve,) = confirmation_links(container), approval_links(container)
    asked = client.get(approve)
    assert asked.status_code == 200 and "j***@example.nl" in asked.text  # masked for the old
    assert client.post(approve, follow_redirects=False).status_code == 303
    assert _email(container) == OLD
    done = client.post(link, follow_redirects=False)
    assert _email(container) == "jan.nieuw@example.nl"
    assert "Bevestigd." in client.get(done.headers["location"]).text


def test_a_confirmation_link_expires_after_a_day(world: World) -> None:
    container, client, token, clock = world
    client.post(f"/v/{token}", data=HIJACK)
    (link,), (approve,) = confirmation_links(container), approval_links(container)
    client.post(link)
    clock.current = NOW + timedelta(hours=24)
    assert "niet meer geldig" in client.get(approve).text
    assert client.post(approve).status_code == 409
    assert _email(container) == OLD


def test_a_newer_request_replaces_the_older_one(world: World) -> None:
    container, client, token, _ = world
    client.post(f"/v/{token}", data=HIJACK)
    client.post(f"/v/{token}", data={**HIJACK, "email": "other@example.com"})
    first, second = confirmation_links(container)
    assert client.post(first).status_code == 409
    assert client.post(second, follow_redirects=False).status_code == 303
    assert client.post(approval_links(container)[1], follow_redirects=False).status_code == 303
    assert _email(container) == "other@example.com"


def test_a_request_made_stale_by_a_confirmed_change_cannot_be_confirmed(world: World) -> None:
    container, client, token, _ = world
    client.post(f"/v/{token}", data={**HIJACK, "phone": "+31 6 11112222"})
    email_link, phone_link = confirmation_links(container)
    assert client.post(email_link, follow_redirects=False).status_code == 303
    assert client.post(phone_link, follow_redirects=False).status_code == 303  # its own field
    (email_approval,) = approval_links(container)  # a new number, where there was none
    assert client.post(email_approval, follow_redirects=False).status_code == 303
    client.post(f"/v/{token}", data={**HIJACK, "email": "third@example.com"})
    with container.uow_factory() as uow:  # the address moves on by another way
        customer = uow.customers.get("k-c-001")
        assert customer is not None
        uow.customers.upsert_many([], [replace(customer, email="staff-set@example.nl")])
        uow.commit()
    stale = confirmation_links(container)[-1]
    assert client.post(stale).status_code == 409
    assert _email(container) == "staff-set@example.nl"


def test_a_link_cannot_mail_strangers_more_than_three_times_a_day(world: World) -> None:
    container, client, token, _ = world
    for n in range(3):
        client.post(f"/v/{token}", data={**HIJACK, "email": f"victim{n}@example.com"})
    refused = client.post(
        f"/v/{token}", data={**HIJACK, "email": "victim9@example.com", "surname": "Bergh"}
    )
    assert refused.status_code == 200
    assert "U heeft vandaag al vaak uw contactgegevens gewijzigd" in refused.text
    assert len(confirmation_links(container)) == 3
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None and customer.surname == "Bergh"  # the rest is saved


def test_an_unknown_confirmation_link_gets_a_page_not_a_trace(world: World) -> None:
    _, client, _, _ = world
    page = client.get("/c/not-a-real-secret-at-all")
    assert page.status_code == 404 and "Deze bevestigingslink kennen wij niet." in page.text
    english = client.post("/c/not-a-real-secret-at-all?lang=en")
    assert english.status_code == 404 and "We do not know this confirmation link." in english.text


def test_a_cross_site_form_cannot_confirm(world: World) -> None:
    container, client, token, _ = world
    client.post(f"/v/{token}", data=HIJACK)
    (link,) = confirmation_links(container)
    forged = client.post(
        link, headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    )
    assert forged.status_code == 403
    assert _email(container) == OLD


def test_confirmation_secrets_do_not_reach_the_logs() -> None:
    secret = "Zk3c9Qx-very-secret-confirmation"
    assert secret not in redact(f"/c/{secret}")
