"""Inbound messages on both databases: auto-replies, the queue, nothing dropped, surges."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.access import Role
from klantreis.inbound.model import InboundStatus
from klantreis.inbound.service import receive
from klantreis.messaging.outbox import Status
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.scheduling.booking_service import book_window
from tests.conftest import FixedClock
from tests.e2e.conftest import Api, keys_for
from tests.scheduling_world import add_case

AMS = ZoneInfo("Europe/Amsterdam")
CONSENTS = [{"purpose": "service", "channel": "email"}]


@pytest.fixture
def api(world: Container) -> Iterator[Api]:
    with TestClient(create_app(world), raise_server_exceptions=False) as client:
        yield Api(client, keys_for(world), world)


def _booked(world: Container, case: str, language: str = "nl") -> str:
    case_id = add_case(
        world, case, consents=CONSENTS, channel_preferences=["email"], language=language
    )
    start = datetime(2026, 3, 31, 10, tzinfo=AMS).astimezone(UTC)
    with world.uow_factory() as uow:
        book_window(uow, world.booking, case_id, start)
        uow.commit()
    return case_id


def _send(api: Api, sender: str, body: str, subject: str = "") -> dict:  # type: ignore[type-arg]
    response = api.client.post(
        "/api/v1/inbound",
        json={"sender": sender, "subject": subject, "body": body},
        headers=api.as_(Role.PLANNER),
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_clear_reschedule_request_gets_the_personal_link_in_the_customers_language(
    world: Container, api: Api
) -> None:
    case_id = _booked(world, "c-001", language="en")
    body = _send(
        api,
        "c-001@example.nl",
        "Hi, Tuesday doesn't work for me, can we move the appointment to another day?",
    )
    message = body["message"]
    assert message["intent"] == "reschedule" and message["language"] == "en"
    assert message["status"] == "auto_replied" and message["case_id"] == case_id
    with world.uow_factory(read_only=True) as uow:
        reply = uow.outbox.get(message["reply_id"])
    assert reply is not None and reply.touchpoint is Touchpoint.REPLY
    assert "move your appointment yourself" in reply.text and "/b/" in reply.text


def test_complaints_and_strangers_wait_for_a_person_grouped_by_intent(
    world: Container, api: Api
) -> None:
    _booked(world, "c-002")
    complaint = _send(
        api, "c-002@example.nl", "Ik ben zeer ontevreden, de monteur liet een enorme troep achter."
    )
    stranger = _send(api, "onbekend@example.nl", "Ik wil mijn afspraak annuleren.")
    assert complaint["message"]["status"] == stranger["message"]["status"] == "queued"
    assert stranger["message"]["customer_id"] is None and stranger["message"]["reply_id"] is None
    queue = api.client.get("/api/v1/inbound/queue", headers=api.as_(Role.PLANNER)).json()
    assert [m["id"] for m in queue["complaint"]] == [complaint["message"]["id"]]
    assert [m["id"] for m in queue["cancel"]] == [stranger["message"]["id"]]


def test_a_person_marks_a_queued_message_handled_and_it_leaves_the_queue(
    world: Container, api: Api
) -> None:
    complaint = _send(api, "iemand@example.nl", "Ik ben zeer ontevreden over uw monteur.")
    url = f"/api/v1/inbound/{complaint['message']['id']}/handled"
    done = api.client.post(url, headers=api.as_(Role.PLANNER))
    assert done.status_code == 200 and done.json()["status"] == "handled"
    queue = api.client.get("/api/v1/inbound/queue", headers=api.as_(Role.PLANNER)).json()
    assert complaint["message"]["id"] not in {m["id"] for group in queue.values() for m in group}
    again = api.client.post(url, headers=api.as_(Role.PLANNER))
    assert again.status_code == 409 and "not waiting (handled)" in again.json()["detail"]
    unknown = api.client.post("/api/v1/inbound/nope/handled", headers=api.as_(Role.PLANNER))
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/problem+json")


def test_an_automatic_reply_is_not_waiting_for_a_person(world: Container, api: Api) -> None:
    _booked(world, "c-003")
    body = _send(api, "c-003@example.nl", "Kunnen we de afspraak verzetten naar een andere dag?")
    assert body["message"]["status"] == "auto_replied"
    refused = api.client.post(
        f"/api/v1/inbound/{body['message']['id']}/handled", headers=api.as_(Role.PLANNER)
    )
    assert refused.status_code == 409 and "auto_replied" in refused.json()["detail"]


def test_an_empty_or_garbled_message_is_kept_and_queued_never_dropped(api: Api) -> None:
    empty = _send(api, "x@example.nl", "")
    assert empty["message"]["status"] == "queued" and empty["message"]["note"] == "empty message"
    garbled = _send(
        api, "y@example.nl", "annuleren\x00\x00 \ufffd\ufffd", subject="=?utf-8?q?broken"
    )
    assert garbled["message"]["note"] == "NUL characters removed"
    queue = api.client.get("/api/v1/inbound/queue", headers=api.as_(Role.PLANNER)).json()
    queued = {m["id"] for group in queue.values() for m in group}
    assert {empty["message"]["id"], garbled["message"]["id"]} <= queued


def test_a_request_without_a_sender_is_a_problem(api: Api) -> None:
    response = api.client.post(
        "/api/v1/inbound", json={"body": "hallo"}, headers=api.as_(Role.PLANNER)
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_a_surge_after_a_campaign_raises_one_alert_that_names_it(world: Container) -> None:
    clock = world.clock
    assert isinstance(clock, FixedClock)
    # yesterday's campaign: 30 invitations went out
    from klantreis.messaging.outbox_service import enqueue
    from tests.messaging_world import add_customer

    add_customer(world, "k-campaign")
    with world.uow_factory() as uow:
        customer = uow.customers.get("k-campaign")
        assert customer is not None
        for i in range(30):
            message = enqueue(
                uow,
                clock,
                world.messenger,
                customer,
                Touchpoint.INVITATION,
                {
                    "salutation": "Beste",
                    "name": "x",
                    "organisation": "x",
                    "device": "cv-ketel",
                    "link": "https://k/b/t",
                    "reason": "onderhoud",
                    "deadline": "",
                },
                cause=f"campaign-{i}",
            )
            message.status, message.sent_at = Status.SENT, clock.now()
            uow.outbox.save(message)
        uow.commit()
    clock.current += timedelta(hours=3)
    alerts = []
    for i in range(14):
        clock.current += timedelta(minutes=3)
        with world.uow_factory() as uow:
            received = receive(
                uow,
                clock,
                world.intent_reader,
                world.messenger,
                "email",
                f"klant{i}@example.nl",
                "",
                "Waar blijft mijn tegoedbon? Ik wil mijn geld terug.",
            )
            uow.commit()
        alerts.append(received.alert)
    raised = [a for a in alerts if a is not None]
    assert len(raised) == 1 and raised[0].intent == "refund" and raised[0].count == 10
    assert "30 'invitation' messages" in raised[0].likely_cause
    with world.uow_factory(read_only=True) as uow:
        assert all(m.status is InboundStatus.QUEUED for m in uow.inbound.queue())


def test_the_smtp_inbox_keeps_every_mail_even_one_it_cannot_parse(world: Container) -> None:
    import smtplib
    from email.message import EmailMessage

    from klantreis.devtools.postgres import free_port
    from klantreis.inbound.cli import deliverer
    from klantreis.inbound.inbox import start_inbox

    _booked(world, "c-009")
    port = free_port()
    controller = start_inbox(deliverer(world), "127.0.0.1", port)
    try:
        mail = EmailMessage()
        mail["From"] = "Jan van der Berg <c-009@example.nl>"
        mail["To"] = "service@klantreis.example"
        mail["Subject"] = "Afspraak"
        mail.set_content("Graag de afspraak van dinsdag annuleren, de ketel doet het weer.")
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.send_message(mail)
            smtp.sendmail(
                "raar@example.nl",
                ["service@klantreis.example"],
                b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\n'
                b"Content-Type: text/plain; charset=bogus-8\r\n"
                b"Content-Transfer-Encoding: base64\r\n\r\n!!!notbase64\r\n",
            )
    finally:
        controller.stop()
    with world.uow_factory(read_only=True) as uow:
        queued = uow.inbound.queue()
        messages = {m.sender: m for m in queued}
    with world.uow_factory(read_only=True) as uow:
        replies = [m for m in uow.outbox.list() if m.touchpoint is Touchpoint.REPLY]
    assert len(replies) == 1 and "annuleren" in replies[0].text
    assert "raar@example.nl" in messages  # the unreadable one is kept for a person
