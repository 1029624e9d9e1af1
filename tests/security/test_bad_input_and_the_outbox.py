"""Finding 9: the preferences form accepted an e-mail address with a line break and names of
900 KB; the API then answered 500 for that customer and the outbox worker stopped on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container, bootstrap
from klantreis.app.config import Settings
from klantreis.core.common import Channel
from klantreis.devtools.smtp import smtp_server
from klantreis.messaging.delivery import deliver_due
from klantreis.messaging.outbox import Status
from klantreis.messaging.smtp import SmtpSender
from klantreis.messaging.tables import outbox_messages as outbox
from tests.conftest import FixedClock
from tests.e2e.conftest import keys_for
from tests.integration.test_outbox_delivery import _enqueue, _message
from tests.messaging_world import add_customer
from tests.scheduling_world import NOW, add_case, utrecht

FORM = {"salutation": "heer", "surname": "Berg", "language": "nl", "pref_0": "email"}


@pytest.fixture
def site(sqlite_url: str) -> Iterator[tuple[Container, TestClient, str]]:
    container = bootstrap(Settings(database_url=sqlite_url), clock=FixedClock(NOW))
    utrecht(container)
    case_id = add_case(container, "c-001")
    with TestClient(create_app(container), raise_server_exceptions=False) as client:
        yield container, client, container.links.token_for(case_id)
    container.dispose()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "jan@example.nl\nBcc: all@evil.example"}, "email"),
        ({"email": "jan@exam\r\nple.nl"}, "email"),
        ({"surname": "B" * 900_000}, "surname"),
        ({"first_name": "Jan\x00"}, "first_name"),
        ({"phone": "+31 6 1234\n5678"}, "phone"),
    ],
)
def test_the_preferences_page_refuses_what_the_api_refuses_and_stores_nothing(
    site: tuple[Container, TestClient, str], change: dict[str, str], field: str
) -> None:
    container, client, token = site
    refused = client.post(f"/v/{token}", data={**FORM, **change})
    assert refused.status_code == 422 and field in refused.text
    with container.uow_factory(read_only=True) as uow:
        customer = uow.customers.get("k-c-001")
    assert customer is not None and customer.surname == "Berg" and "\n" not in customer.email
    keys = keys_for(container)
    answer = client.get("/api/v1/customers/k-c-001", headers={"X-API-Key": keys[next(iter(keys))]})
    assert answer.status_code == 200


def test_one_message_the_mail_library_will_not_take_fails_and_the_rest_goes_on(
    container: Container, clock: FixedClock
) -> None:
    add_customer(container, "k1")
    add_customer(container, "k2")
    broken = _enqueue(container, "k1", cause="case-1:v1")
    fine = _enqueue(container, "k2", cause="case-2:v1")
    with container.uow_factory() as uow:  # a row from before addresses were checked
        uow.session.execute(  # type: ignore[attr-defined]
            update(outbox)
            .where(outbox.c.id == broken)
            .values(recipient="k1@example.nl\nBcc: all@evil.example")
        )
        uow.commit()
    with smtp_server() as (port, mailbox):
        senders = {Channel.EMAIL: SmtpSender("127.0.0.1", port, "service@klantreis.example")}
        report = deliver_due(container.uow_factory, clock, senders, container.messenger)
    assert report.sent == 1 and report.failed == 1
    assert [m["To"] for m in mailbox.messages] == ["k2@example.nl"]
    failed = _message(container, broken)
    assert failed.status is Status.FAILED and failed.last_error
    assert _message(container, fine).status is Status.SENT
