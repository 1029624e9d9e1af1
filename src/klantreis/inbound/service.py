"""Inbound messages: classified, answered when a machine can do it safely, otherwise queued
for a person by intent; a surge of one intent raises an alert naming what it likely follows.

Nothing is dropped: an empty or unreadable message is stored and queued with a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.core.case import OPEN_STATES, CaseState, ServiceCase
from klantreis.core.common import Channel, Language
from klantreis.core.customer import Customer
from klantreis.core.errors import Conflict, found
from klantreis.core.ids import new_id
from klantreis.core.journey import JourneyTouchpoint
from klantreis.core.journey_log import record_event
from klantreis.core.ports import Clock
from klantreis.core.records import strip_nul
from klantreis.inbound.language import detect_language
from klantreis.inbound.model import (
    AUTO_INTENTS,
    AUTO_REPLY_CONFIDENCE,
    InboundMessage,
    InboundStatus,
    SurgeAlert,
    is_surge,
)
from klantreis.inbound.ports import InboundUnit
from klantreis.messaging.outbox import Status
from klantreis.messaging.outbox_service import Messenger, enqueue
from klantreis.messaging.ports import IntentReader
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import message_values

REQUEST_WORDS = {
    ("reschedule", Language.NL): "verzetten",
    ("cancel", Language.NL): "annuleren",
    ("reschedule", Language.EN): "move",
    ("cancel", Language.EN): "cancel",
}
_CHANNELS = {c.value for c in Channel}
# Booked or planned visits first: that is what a reschedule or cancel request is about.
_PREFERENCE = [CaseState.BOOKED, CaseState.PLANNED, CaseState.INVITED, CaseState.OPENED]


@dataclass(frozen=True, slots=True)
class Received:
    message: InboundMessage
    alert: SurgeAlert | None


def _open_case(uow: InboundUnit, customer_id: str) -> ServiceCase | None:
    cases = [c for c in uow.cases.list(0, 100, customer_id=customer_id) if c.state in OPEN_STATES]
    cases.sort(key=lambda c: _PREFERENCE.index(c.state) if c.state in _PREFERENCE else 99)
    return cases[0] if cases else None


def receive(
    uow: InboundUnit,
    clock: Clock,
    reader: IntentReader,
    messenger: Messenger,
    channel: str,
    sender: str,
    subject: str,
    body: str,
    note: str = "",
) -> Received:
    now = clock.now()
    written = (sender, subject, body)
    sender, subject, body = (strip_nul(part) for part in written)
    if (sender, subject, body) != written:
        note = "; ".join(filter(None, (note, "NUL characters removed")))
    text = f"{subject}\n{body}".strip()
    language = detect_language(text)
    if text:
        intent, confidence = reader.classify(text)
    else:
        intent, confidence, note = "other", 0.0, note or "empty message"
    message = InboundMessage(
        id=new_id(),
        received_at=now,
        channel=channel if channel in _CHANNELS else "email",
        sender=sender,
        subject=subject,
        body=body,
        language=language,
        intent=intent,
        confidence=round(confidence, 4),
        note=note,
    )
    customer = uow.customers.by_contact(sender)
    if customer is not None:
        message.customer_id = customer.id
        case = _open_case(uow, customer.id)
        message.case_id = case.id if case else None
        confident = intent in AUTO_INTENTS and confidence >= AUTO_REPLY_CONFIDENCE and not note
        if case is not None and confident:
            answer_in = customer.language
            values = message_values(
                customer,
                answer_in,
                messenger.link_for(case.id),
                request=REQUEST_WORDS[(intent, answer_in)],
            )
            reply = enqueue(
                uow,
                clock,
                messenger,
                customer,
                Touchpoint.REPLY,
                values,
                cause=f"inbound:{message.id}",
                case_id=case.id,
            )
            if reply.status is Status.PENDING:
                message.status, message.reply_id = InboundStatus.AUTO_REPLIED, reply.id
        record_event(
            uow,
            JourneyTouchpoint.INBOUND_MESSAGE,
            Channel(message.channel),
            now,
            customer_id=customer.id,
            case_id=message.case_id,
            properties={"intent": intent, "status": message.status.value},
        )
    uow.inbound.add(message)
    return Received(message, _surge(uow, now, intent))


def waiting_by_intent(uow: InboundUnit) -> dict[str, list[InboundMessage]]:
    """The messages waiting for a person, grouped by what the classifier thinks they ask."""
    grouped: dict[str, list[InboundMessage]] = {}
    for message in uow.inbound.queue():
        grouped.setdefault(message.intent, []).append(message)
    return grouped


def waiting_with_senders(
    uow: InboundUnit,
) -> dict[str, list[tuple[InboundMessage, Customer | None]]]:
    """``waiting_by_intent``, each message with the customer it came from, if known."""
    return {
        intent: [(m, uow.customers.get(m.customer_id) if m.customer_id else None) for m in messages]
        for intent, messages in waiting_by_intent(uow).items()
    }


def alerts_since(uow: InboundUnit, since: datetime) -> list[SurgeAlert]:
    return list(uow.inbound.alerts(since))


def mark_handled(uow: InboundUnit, message_id: str) -> InboundMessage:
    """A person dealt with a queued message: it leaves the queue.

    Raises ``NotFound`` for an unknown message, ``Conflict`` for one that is not waiting
    (answered automatically, or handled already).
    """
    message = found(uow.inbound.get(message_id), "inbound message", message_id)
    if message.status is not InboundStatus.QUEUED:
        raise Conflict(f"inbound message '{message_id}' is not waiting ({message.status.value})")
    uow.inbound.set_status(message.id, InboundStatus.HANDLED)
    message.status = InboundStatus.HANDLED
    return message


def _surge(uow: InboundUnit, now: datetime, intent: str) -> SurgeAlert | None:
    hour = timedelta(hours=1)
    last_hour = uow.inbound.count(intent, now - hour, now + timedelta(seconds=1))
    baseline = uow.inbound.count(intent, now - timedelta(days=7), now - hour) / (7 * 24 - 1)
    if not is_surge(last_hour, baseline):
        return None
    if any(a.intent == intent for a in uow.inbound.alerts(now - timedelta(hours=6))):
        return None  # one alert per surge, not one per message
    alert = SurgeAlert(
        new_id(), now, intent, last_hour, round(baseline, 3), _likely_cause(uow, now)
    )
    uow.inbound.add_alert(alert)
    return alert


def _likely_cause(uow: InboundUnit, now: datetime) -> str:
    day_ago = now - timedelta(hours=24)
    campaigns = uow.inbound.sent_since(day_ago).most_common(1)
    faults = uow.inbound.cases_opened_since(day_ago)
    outage = faults.get("fault_reported", 0) + faults.get("predicted", 0)
    if campaigns and campaigns[0][1] >= 20 and campaigns[0][1] >= outage:
        touchpoint, sent = campaigns[0]
        return f"follows {sent} '{touchpoint}' messages sent in the last 24 hours"
    if outage >= 10:
        return f"follows {outage} fault cases opened in the last 24 hours (an outage?)"
    return "no campaign or outage in the last 24 hours explains it"
