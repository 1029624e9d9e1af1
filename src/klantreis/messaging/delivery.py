"""The outbox worker: claim due messages, send each once, record what happened.

A batch is claimed with a lease; each message is marked *sending* (committed) just before it
is handed to its channel and its outcome committed right after. When a worker dies, its
claimed-but-untried messages go back to the queue once the lease ends; only the one it was
handing over turns *uncertain* and waits for a person, because sending it again could reach
the customer twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from klantreis.core.common import Channel
from klantreis.core.journey import JourneyTouchpoint
from klantreis.core.journey_log import record_event
from klantreis.core.ports import Clock
from klantreis.messaging.outbox import (
    MAX_ATTEMPTS,
    OutboxMessage,
    Outcome,
    SendResult,
    Status,
    retry_delay,
)
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.ports import MessagingUnit, Sender

LEASE = timedelta(minutes=5)


@dataclass(slots=True)
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    bounced: int = 0
    failed: int = 0
    expired: int = 0
    fallbacks: int = 0
    requeued: int = 0
    uncertain: int = 0


def deliver_due(
    uow_factory: Callable[[], MessagingUnit],
    clock: Clock,
    senders: Mapping[Channel, Sender],
    messenger: Messenger,
    batch: int = 50,
    lease: timedelta = LEASE,
) -> DeliveryReport:
    report = DeliveryReport()
    with uow_factory() as uow:
        report.requeued, report.uncertain = uow.outbox.abandon_expired_leases(clock.now())
        claimed = uow.outbox.claim_due(clock.now(), batch, lease)
        uow.commit()
    report.claimed = len(claimed)
    for message in claimed:
        if message.expires_at is not None and clock.now() >= message.expires_at:
            result = None
        else:
            with uow_factory() as uow:
                started = uow.outbox.start_sending(message.id)
                uow.commit()
            if not started:  # our lease ran out and another worker took it back
                continue
            sender = senders.get(message.channel) if message.channel else None
            result = (
                _send(sender, message)
                if sender
                else SendResult(Outcome.TRANSIENT, f"no sender for {message.channel}")
            )
        with uow_factory() as uow:
            _record(uow, clock, messenger, message, result, report)
            uow.commit()
    return report


def _send(sender: Sender, message: OutboxMessage) -> SendResult | Exception:
    """What the sender made of it; a sender that raises (an address no mail library will take,
    a bug) fails this message, never the worker and the messages after it."""
    try:
        return sender.send(message)
    except Exception as error:  # noqa: BLE001 - any failure of one message is that message's
        return error


def _record(
    uow: MessagingUnit,
    clock: Clock,
    messenger: Messenger,
    message: OutboxMessage,
    result: SendResult | Exception | None,
    report: DeliveryReport,
) -> None:
    now = clock.now()
    message.claimed_until = None
    if isinstance(result, Exception):
        message.attempts += 1
        reason = f"{type(result).__name__}: {result}"
        message.status, message.last_error = Status.FAILED, reason[:500]
        report.failed += 1
    elif result is None:
        message.status, message.last_error = Status.EXPIRED, "expired before it could go"
        report.expired += 1
    elif result.outcome is Outcome.DELIVERED:
        message.status, message.sent_at, message.provider_id = Status.SENT, now, result.provider_id
        message.attempts += 1
        report.sent += 1
        _journey(uow, message)
    elif result.outcome is Outcome.TRANSIENT:
        message.attempts += 1
        message.last_error = result.detail
        if message.attempts >= MAX_ATTEMPTS:
            message.status = Status.FAILED
            report.failed += 1
        else:
            message.status, message.send_after = Status.PENDING, now + retry_delay(message.attempts)
            report.retried += 1
    else:
        message.attempts += 1
        message.status, message.last_error = Status.BOUNCED, result.detail
        report.bounced += 1
        assert message.channel is not None
        if message.customer_id is None:  # a staff address: the admin sees the bounce
            _forget_the_secret(message)
            uow.outbox.save(message)
            return
        uow.outbox.block(message.customer_id, message.channel, result.detail, now)
        customer = uow.customers.get(message.customer_id)
        if customer is not None:
            fallback = enqueue(
                uow,
                clock,
                messenger,
                customer,
                message.touchpoint,
                message.values,
                cause=message.dedupe_key,
                case_id=message.case_id,
                expires_at=message.expires_at,
                exclude={message.channel},
            )
            report.fallbacks += fallback.status is Status.PENDING
    if message.customer_id is None and message.status is not Status.PENDING:
        _forget_the_secret(message)
    uow.outbox.save(message)


def _forget_the_secret(message: OutboxMessage) -> None:
    """A staff member's message carries a one-time link (a password reset); once it went (or
    never will), only that it was sent is kept, not the link."""
    message.text = "(sent; its one-time link is not kept)"
    message.html = None
    message.action_url = None


def _journey(uow: MessagingUnit, message: OutboxMessage) -> None:
    assert message.channel is not None
    if message.customer_id is None:
        return  # a message to a staff member is on nobody's journey
    record_event(
        uow,
        JourneyTouchpoint.of_message(message.touchpoint.value),
        message.channel,
        message.sent_at or message.created_at,
        customer_id=message.customer_id,
        case_id=message.case_id,
        properties={"message_id": message.id, "attempts": message.attempts},
    )
