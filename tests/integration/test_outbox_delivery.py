"""The outbox and its worker on both databases, against a real SMTP server and a webhook."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from klantreis.app.bootstrap import Container
from klantreis.core.common import Channel
from klantreis.devtools.smtp import smtp_server
from klantreis.devtools.webhook import webhook_receiver
from klantreis.messaging.apprise_sender import AppriseSender
from klantreis.messaging.delivery import deliver_due
from klantreis.messaging.letters import LetterSender
from klantreis.messaging.outbox import MAX_ATTEMPTS, Status
from klantreis.messaging.outbox_service import enqueue
from klantreis.messaging.smtp import SmtpSender
from klantreis.messaging.touchpoints import Touchpoint
from tests.conftest import FixedClock
from tests.messaging_world import add_customer

VALUES = {
    "salutation": "Geachte heer Van der Berg",
    "name": "J. van der Berg",
    "organisation": "J. van der Berg",
    "device": "cv-ketel",
    "link": "https://klantreis.example/b/token",
    "date": "dinsdag 31 maart",
    "start": "10:00",
    "end": "12:00",
}


def _enqueue(container: Container, customer_id: str, cause: str = "case-1:v1") -> str:
    with container.uow_factory() as uow:
        customer = uow.customers.get(customer_id)
        assert customer is not None
        message = enqueue(
            uow,
            container.clock,
            container.messenger,
            customer,
            Touchpoint.CONFIRMATION,
            VALUES,
            cause=cause,
        )
        uow.commit()
    return message.id


def _message(container: Container, message_id: str):  # type: ignore[no-untyped-def]
    with container.uow_factory(read_only=True) as uow:
        return uow.outbox.get(message_id)


def test_a_message_is_sent_once_by_e_mail_with_text_and_html(
    container: Container, clock: FixedClock
) -> None:
    add_customer(container, "k1")
    message_id = _enqueue(container, "k1")
    assert _enqueue(container, "k1") != message_id  # a new id ...
    with container.uow_factory(read_only=True) as uow:
        assert len(uow.outbox.list()) == 1  # ... but the same cause is one message
    with smtp_server() as (port, mailbox):
        senders = {Channel.EMAIL: SmtpSender("127.0.0.1", port, "service@klantreis.example")}
        report = deliver_due(container.uow_factory, clock, senders, container.messenger)
        again = deliver_due(container.uow_factory, clock, senders, container.messenger)
    assert (report.sent, again.claimed) == (1, 0)
    (mail,) = mailbox.messages
    assert mail["Subject"] == "Afspraak bevestigd: dinsdag 31 maart, 10:00-12:00"
    assert mail["To"] == "k1@example.nl" and mail.is_multipart()
    kinds = [part.get_content_type() for part in mail.walk()]
    assert "text/plain" in kinds and "text/html" in kinds
    sent = _message(container, message_id)
    assert sent.status is Status.SENT and sent.attempts == 1
    with container.uow_factory(read_only=True) as uow:
        events = uow.events.list(0, 10, customer_id="k1")
    assert [e.touchpoint for e in events][-1] == "message_confirmation"


def test_a_bounce_blocks_the_channel_and_the_next_preferred_one_carries_the_message(
    container: Container, clock: FixedClock
) -> None:
    add_customer(container, "k2", email="jan@bounce.example")
    first_id = _enqueue(container, "k2")
    with smtp_server() as (port, mailbox), webhook_receiver() as (host, received):
        senders = {
            Channel.EMAIL: SmtpSender("127.0.0.1", port, "service@klantreis.example"),
            Channel.SMS: AppriseSender(f"json://{host}/sms/{{to}}"),
        }
        first = deliver_due(container.uow_factory, clock, senders, container.messenger)
        second = deliver_due(container.uow_factory, clock, senders, container.messenger)
    assert (first.bounced, first.fallbacks, second.sent) == (1, 1, 1)
    assert mailbox.messages == []
    ((path, payload),) = received.requests
    assert path == "/sms/+31612345678" and "10:00" in payload["message"]
    assert _message(container, first_id).status is Status.BOUNCED
    with container.uow_factory(read_only=True) as uow:
        assert uow.outbox.blocked("k2") == {Channel.EMAIL}
    next_id = _enqueue(container, "k2", cause="case-1:v2")  # later messages skip e-mail at once
    assert _message(container, next_id).channel is Channel.SMS


def test_a_temporary_refusal_is_retried_with_backoff_until_attempts_run_out(
    container: Container, clock: FixedClock
) -> None:
    add_customer(container, "k3", email="jan@busy.example")
    message_id = _enqueue(container, "k3")
    waits = []
    with smtp_server() as (port, _):
        senders = {Channel.EMAIL: SmtpSender("127.0.0.1", port, "service@klantreis.example")}
        for _ in range(MAX_ATTEMPTS):
            deliver_due(container.uow_factory, clock, senders, container.messenger)
            message = _message(container, message_id)
            waits.append(message.send_after - clock.now())
            clock.current = max(clock.current, message.send_after) + timedelta(seconds=1)
    assert message.status is Status.FAILED and message.attempts == MAX_ATTEMPTS
    assert "451" in message.last_error
    assert waits[1] == 2 * waits[0] and waits[2] == 2 * waits[1]


def test_a_letter_becomes_a_pdf_in_the_print_folder(
    container: Container, clock: FixedClock, tmp_path: Path
) -> None:
    add_customer(container, "k4", consents=[{"purpose": "service", "channel": "letter"}])
    message_id = _enqueue(container, "k4")
    senders = {Channel.LETTER: LetterSender(tmp_path, ("Klantreis", "Postbus 1"))}
    deliver_due(container.uow_factory, clock, senders, container.messenger)
    pdf = tmp_path / f"{message_id}.pdf"
    assert (
        pdf.read_bytes().startswith(b"%PDF")
        and _message(container, message_id).status is Status.SENT
    )
    assert "3511 AB  UTRECHT" in _message(container, message_id).recipient


def test_without_consent_for_any_channel_the_message_is_undeliverable_not_lost(
    container: Container,
) -> None:
    add_customer(container, "k5", consents=[], channel_preferences=["email"])
    message = _message(container, _enqueue(container, "k5"))
    assert message.status is Status.UNDELIVERABLE and "consent" in message.last_error


def test_a_message_waits_for_the_end_of_quiet_hours_and_an_absence(
    container: Container, clock: FixedClock
) -> None:
    clock.current = datetime(2026, 3, 27, 21, 30, tzinfo=UTC)  # 22:30 in Amsterdam
    add_customer(
        container,
        "k6",
        quiet_hours={"start": "21:00", "end": "08:00"},
        absences=[{"start": "2026-03-28T00:00:00+01:00", "end": "2026-03-30T00:00:00+02:00"}],
    )
    message = _message(container, _enqueue(container, "k6"))
    assert message.send_after == datetime(2026, 3, 30, 6, 0, tzinfo=UTC)  # 08:00 summer time
    with smtp_server() as (port, mailbox):
        senders = {Channel.EMAIL: SmtpSender("127.0.0.1", port, "s@klantreis.example")}
        assert deliver_due(container.uow_factory, clock, senders, container.messenger).claimed == 0
        clock.current = datetime(2026, 3, 30, 6, 0, tzinfo=UTC)
        assert deliver_due(container.uow_factory, clock, senders, container.messenger).sent == 1
    assert len(mailbox.messages) == 1


def test_a_message_past_its_expiry_is_not_sent(container: Container, clock: FixedClock) -> None:
    add_customer(container, "k7")
    with container.uow_factory() as uow:
        customer = uow.customers.get("k7")
        assert customer is not None
        message = enqueue(
            uow,
            clock,
            container.messenger,
            customer,
            Touchpoint.REMINDER,
            VALUES,
            cause="c:reminder",
            expires_at=clock.now() + timedelta(minutes=5),
        )
        uow.commit()
    clock.current += timedelta(minutes=10)
    with smtp_server() as (port, mailbox):
        senders = {Channel.EMAIL: SmtpSender("127.0.0.1", port, "s@klantreis.example")}
        report = deliver_due(container.uow_factory, clock, senders, container.messenger)
    assert report.expired == 1 and mailbox.messages == []
    assert _message(container, message.id).status is Status.EXPIRED


def test_a_failing_gateway_is_retried(container: Container, clock: FixedClock) -> None:
    add_customer(container, "k8", channel_preferences=["sms"])
    message_id = _enqueue(container, "k8")
    with webhook_receiver() as (host, received):
        senders = {Channel.SMS: AppriseSender(f"json://{host}/fail/{{to}}")}
        report = deliver_due(container.uow_factory, clock, senders, container.messenger)
    assert report.retried == 1 and len(received.requests) >= 1
    assert _message(container, message_id).status is Status.PENDING
