"""The preferences page: the customer changes how they are addressed and reached; invalid
choices are refused with the reason and nothing is stored."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.common import Channel, Language
from klantreis.core.customer import Purpose, Salutation
from klantreis.messaging.outbox_service import choose_channel
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.scheduling.ports import CalendarLink
from tests.conftest import FixedClock
from tests.scheduling_world import NOW, add_case, utrecht


@contextmanager
def one_customer(database_url: str) -> Iterator[tuple[Container, TestClient, str]]:
    """A customer reached by e-mail, with one case; the page's client and the case's link."""
    container = bootstrap(Settings(database_url=database_url), clock=FixedClock(NOW))
    utrecht(container)
    case_id = add_case(
        container,
        "c-001",
        consents=[{"purpose": "service", "channel": "email"}],
        channel_preferences=["email"],
    )
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield container, client, container.links.token_for(case_id)
    container.dispose()


@pytest.fixture
def world(database_url: str) -> Iterator[tuple[Container, TestClient, str]]:
    with one_customer(database_url) as found:
        yield found


FORM = {
    "salutation": "first_name",
    "first_name": "Jan",
    "initials": "J.",
    "tussenvoegsel": "van der",
    "surname": "Berg",
    "language": "en",
    "email": "jan@example.nl",
    "phone": "+31 6 12345678",
    "pref_0": "sms",
    "pref_1": "email",
    "pref_2": "",
    "consent_service_sms": "1",
    "consent_service_email": "1",
    "quiet_start": "22:00",
    "quiet_end": "07:00",
    "away_from": "2026-04-06",
    "away_until": "2026-04-10",
}


def test_the_customer_sees_their_choices_and_changes_them(
    world: tuple[Container, TestClient, str],
) -> None:
    container, client, token = world
    page = client.get(f"/v/{token}")
    assert page.status_code == 200 and "Uw voorkeuren" in page.text
    assert 'name="consent_service_email" value="1" checked' in page.text
    saved = client.post(f"/v/{token}", data=FORM, follow_redirects=False)
    location = saved.headers["location"]
    assert saved.status_code == 303 and location.endswith("?done=saved&contact=email-phone")
    # The new address and number wait for both ends to say yes (tests/security).
    for link in confirmation_links(container) + approval_links(container):
        assert client.post(link, follow_redirects=False).status_code == 303
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
        assert customer is not None
        channel = choose_channel(uow, customer, Touchpoint.CONFIRMATION, ())
    assert customer.salutation is Salutation.FIRST_NAME and customer.language is Language.EN
    assert customer.channel_preferences == [Channel.SMS, Channel.EMAIL]
    assert customer.has_consent(Purpose.SERVICE, Channel.SMS)
    assert not customer.has_consent(Purpose.MARKETING, Channel.EMAIL)
    assert customer.quiet_hours is not None and customer.quiet_hours.start == time(22)
    assert customer.is_away(datetime(2026, 4, 8, 12, tzinfo=UTC))
    assert channel is not None and channel[0] is Channel.SMS
    assert (customer.email, customer.phone) == ("jan@example.nl", "+31 6 12345678")
    english = client.get(f"/v/{token}?done=saved&contact=email-phone")
    assert "Your preferences are saved." in english.text
    assert "We sent a confirmation to the new e-mail address." in english.text


def confirmation_links(
    container: Container, touchpoint: Touchpoint = Touchpoint.CONTACT_CONFIRM
) -> list[str]:
    """The path of every link to a new address (or, with CONTACT_NOTICE, to the address of
    today, to approve) in the outbox, oldest first."""
    with container.uow_factory(read_only=True) as uow:
        messages = [m for m in uow.outbox.list() if m.touchpoint is touchpoint]
    return [re.search(r"/c/[\w-]+", m.text).group(0) for m in messages]  # type: ignore[union-attr]


def approval_links(container: Container) -> list[str]:
    return confirmation_links(container, Touchpoint.CONTACT_NOTICE)


def test_withdrawing_a_consent_is_the_last_word(world: tuple[Container, TestClient, str]) -> None:
    container, client, token = world
    client.post(f"/v/{token}", data={**FORM, "consent_service_email": ""})
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None and not customer.has_consent(Purpose.SERVICE, Channel.EMAIL)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"first_name": ""}, "first_name"),
        ({"surname": ""}, "surname"),
        ({"language": "fr"}, "language"),
        ({"email": "jan.example.nl"}, "e-mail address"),
        ({"phone": "call me"}, "phone"),
        ({"pref_0": "pigeon"}, "channel_preferences"),
        ({"quiet_start": "22:00", "quiet_end": "22:00"}, "quiet_hours"),
        ({"away_from": "2026-04-10", "away_until": "2026-04-06"}, "absence"),
        ({"away_from": "someday"}, "someday"),
    ],
)
def test_an_invalid_choice_is_refused_with_its_reason_and_nothing_is_stored(
    world: tuple[Container, TestClient, str], change: dict[str, str], reason: str
) -> None:
    container, client, token = world
    response = client.post(f"/v/{token}", data={**FORM, **change})
    assert response.status_code == 422 and reason in response.text
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None and customer.language is Language.NL
    assert customer.salutation is Salutation.HEER


def test_a_forged_link_gets_the_refused_page(world: tuple[Container, TestClient, str]) -> None:
    _, client, _ = world
    assert client.get("/v/forged").status_code == 403
    assert client.post("/v/forged", data=FORM).status_code == 403


def test_book_for_me_is_offered_only_with_a_linked_calendar_and_refused_without_one(
    world: tuple[Container, TestClient, str],
) -> None:
    container, client, token = world
    assert 'name="books_for_me"' not in client.get(f"/v/{token}").text
    refused = client.post(f"/v/{token}", data={**FORM, "language": "nl", "books_for_me": "1"})
    assert refused.status_code == 422 and "Koppel eerst uw agenda" in refused.text
    with container.uow_factory() as uow:
        uow.calendar_links.put(
            CalendarLink("k-c-001", "ics_url", "https://x.nl/c", "", "", [], container.clock.now())
        )
        uow.commit()
    assert 'name="books_for_me"' in client.get(f"/v/{token}").text
    saved = client.post(f"/v/{token}", data={**FORM, "books_for_me": "1"}, follow_redirects=False)
    assert saved.status_code == 303
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None and customer.books_for_me
    page = client.get(f"/v/{token}").text
    assert 'name="books_for_me" value="1" checked' in page and "Book for me" in page
