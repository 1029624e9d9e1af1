"""Appending events to the customer's journey: per-event validation, the good ones kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from klantreis.core.case import ServiceCase
from klantreis.core.common import Channel
from klantreis.core.domain_errors import InvalidValue
from klantreis.core.ids import new_id
from klantreis.core.journey import JourneyEvent, JourneyTouchpoint, Phase
from klantreis.core.journey_catalog import JourneyCatalog
from klantreis.core.ports import UnitOfWork
from klantreis.core.records import EventRecord


@dataclass(frozen=True, slots=True)
class RejectedEvent:
    index: int
    field: str
    reason: str


@dataclass(frozen=True, slots=True)
class AppendResult:
    accepted: list[JourneyEvent]
    rejected: list[RejectedEvent]


def append_events(
    uow: UnitOfWork, records: Sequence[EventRecord], catalog: JourneyCatalog | None = None
) -> AppendResult:
    """Store every event that fits the journey and whose customer and case exist; name each
    one refused and why."""
    accepted: list[JourneyEvent] = []
    rejected: list[RejectedEvent] = []
    known_customers: dict[str, bool] = {}
    for index, record in enumerate(records):
        if catalog is not None:
            try:
                catalog.check(record.touchpoint, record.phase, record.channel)
            except InvalidValue as invalid:
                rejected.append(RejectedEvent(index, invalid.field, invalid.message))
                continue
        if record.customer_id not in known_customers:
            known_customers[record.customer_id] = uow.customers.get(record.customer_id) is not None
        if not known_customers[record.customer_id]:
            rejected.append(
                RejectedEvent(
                    index, "customer_id", f"customer '{record.customer_id}' does not exist"
                )
            )
            continue
        if record.case_id is not None:
            case = uow.cases.get(record.case_id)
            if case is None or case.customer_id != record.customer_id:
                rejected.append(
                    RejectedEvent(
                        index,
                        "case_id",
                        f"case '{record.case_id}' is not a case of customer '{record.customer_id}'",
                    )
                )
                continue
        accepted.append(
            new_event(
                customer_id=record.customer_id,
                case_id=record.case_id,
                phase=record.phase,
                touchpoint=record.touchpoint,
                channel=record.channel,
                occurred_at=record.occurred_at,
                properties=record.properties,
            )
        )
    uow.events.append_many(accepted)
    return AppendResult(accepted, rejected)


def new_event(
    *,
    customer_id: str,
    phase: Phase,
    touchpoint: str,
    channel: Channel,
    occurred_at: datetime,
    case_id: str | None = None,
    properties: Mapping[str, object] | None = None,
) -> JourneyEvent:
    """A new event with its own id and its own copy of the properties."""
    return JourneyEvent(
        id=new_id(),
        customer_id=customer_id,
        case_id=case_id,
        phase=phase,
        touchpoint=touchpoint,
        channel=channel,
        occurred_at=occurred_at,
        properties=dict(properties or {}),
    )


def record_event(
    uow: UnitOfWork,
    touchpoint: JourneyTouchpoint,
    channel: Channel,
    occurred_at: datetime,
    *,
    customer_id: str,
    case_id: str | None = None,
    properties: Mapping[str, object] | None = None,
) -> JourneyEvent:
    """Append one event to the customer's journey, in its touchpoint's phase: the one way
    services write an event."""
    event = new_event(
        customer_id=customer_id,
        case_id=case_id,
        phase=touchpoint.phase,
        touchpoint=touchpoint,
        channel=channel,
        occurred_at=occurred_at,
        properties=properties,
    )
    uow.events.append(event)
    return event


def record_case_event(
    uow: UnitOfWork,
    case: ServiceCase,
    touchpoint: JourneyTouchpoint,
    channel: Channel,
    occurred_at: datetime,
    properties: Mapping[str, object] | None = None,
) -> JourneyEvent:
    """``record_event`` for a step of a case, on its customer's journey."""
    return record_event(
        uow,
        touchpoint,
        channel,
        occurred_at,
        customer_id=case.customer_id,
        case_id=case.id,
        properties=properties,
    )


def list_events(
    uow: UnitOfWork,
    offset: int,
    limit: int,
    customer_id: str | None = None,
    case_id: str | None = None,
) -> Sequence[JourneyEvent]:
    return uow.events.list(offset, limit, customer_id, case_id)
