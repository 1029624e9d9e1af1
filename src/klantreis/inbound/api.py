"""Inbound messages from customers: sorted by intent, answered or queued, surges flagged."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from klantreis.core.access import Role
from klantreis.core.api.deps import ContainerOf, UnitOfWorkDep, require
from klantreis.core.records import Record
from klantreis.inbound.callbacks import record_callback_outcome
from klantreis.inbound.model import InboundMessage, SurgeAlert
from klantreis.inbound.ports import InboundUnit
from klantreis.inbound.service import alerts_since, mark_handled, receive, waiting_by_intent
from klantreis.inbound.wiring import InboundWiring

UowDep = UnitOfWorkDep[InboundUnit]
ContainerDep = ContainerOf[InboundWiring]

router = APIRouter(prefix="/inbound", tags=["inbound messages"])
Senders = Annotated[Role, Depends(require(Role.PLANNER))]
# Messages carry their senders and what customers wrote: for planners, not for analysts.
Readers = Annotated[Role, Depends(require(Role.PLANNER))]


class InboundIn(BaseModel):
    """A message as a mail gateway, SMS provider or web form passes it on. Anything goes in
    subject and body: an unreadable message is stored and queued for a person, not refused."""

    channel: Annotated[str, Field(max_length=16, examples=["email"])] = "email"
    sender: Annotated[str, Field(max_length=320, examples=["jan@example.nl"])]
    subject: Annotated[str, Field(max_length=1_000)] = ""
    body: Annotated[str, Field(max_length=100_000)] = ""


class InboundOut(BaseModel):
    id: str
    received_at: datetime
    channel: str
    sender: str
    subject: str
    body: str
    language: str
    intent: str
    confidence: float
    status: str
    customer_id: str | None
    case_id: str | None
    reply_id: str | None
    note: str

    @classmethod
    def of(cls, m: InboundMessage) -> InboundOut:
        return cls(**asdict(m) | {"language": m.language.value, "status": m.status.value})


class CallbackOutcomeIn(Record):
    """What the person who called writes down; a NUL in the note is refused like in any record."""

    outcome: Annotated[str, Field(max_length=32, examples=["reached", "no_answer"])]
    note: Annotated[str, Field(max_length=2_000)] = ""


class AlertOut(BaseModel):
    id: str
    raised_at: datetime
    intent: str
    count: int
    baseline_per_hour: float
    likely_cause: str

    @classmethod
    def of(cls, a: SurgeAlert) -> AlertOut:
        return cls(**asdict(a))


class ReceivedOut(BaseModel):
    message: InboundOut
    alert: AlertOut | None


@router.post("", status_code=201, response_model=ReceivedOut, summary="Receive a message")
def receive_message(
    payload: InboundIn, uow: UowDep, container: ContainerDep, _: Senders
) -> ReceivedOut:
    received = receive(
        uow,
        container.clock,
        container.intent_reader,
        container.messenger,
        payload.channel,
        payload.sender,
        payload.subject,
        payload.body,
    )
    return ReceivedOut(
        message=InboundOut.of(received.message),
        alert=AlertOut.of(received.alert) if received.alert else None,
    )


@router.get(
    "/queue",
    response_model=dict[str, list[InboundOut]],
    summary="Messages waiting for a person, grouped by intent",
)
def queue(uow: UowDep, _: Readers) -> dict[str, list[InboundOut]]:
    return {
        intent: [InboundOut.of(m) for m in messages]
        for intent, messages in waiting_by_intent(uow).items()
    }


@router.post(
    "/{message_id}/handled",
    response_model=InboundOut,
    summary="A person dealt with a queued message: it leaves the queue",
    responses={404: {"description": "No such message"}, 409: {"description": "Not waiting"}},
)
def handled(message_id: str, uow: UowDep, _: Senders) -> InboundOut:
    message = mark_handled(uow, message_id)
    return InboundOut.of(message)


@router.post(
    "/{message_id}/callback-outcome",
    response_model=InboundOut,
    summary="How a promised call went: reached leaves the queue, no answer stays for a retry",
    responses={
        404: {"description": "No such message"},
        409: {"description": "Not a waiting callback request"},
        422: {"description": "Unknown outcome"},
    },
)
def callback_outcome(
    message_id: str, outcome: CallbackOutcomeIn, uow: UowDep, container: ContainerDep, _: Senders
) -> InboundOut:
    request = record_callback_outcome(
        uow, container.clock, message_id, outcome.outcome, outcome.note
    )
    return InboundOut.of(request)


@router.get("/alerts", response_model=list[AlertOut], summary="Surges of one intent")
def alerts(
    uow: UowDep,
    container: ContainerDep,
    _: Readers,
    hours: Annotated[int, Query(ge=1, le=24 * 90)] = 24,
) -> list[AlertOut]:
    since = container.clock.now() - timedelta(hours=hours)
    return [AlertOut.of(a) for a in alerts_since(uow, since)]
