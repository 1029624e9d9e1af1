"""The journey event log: append and read, never update or delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from klantreis.core.common import Channel
from klantreis.core.db.tables import journey_events
from klantreis.core.journey import JourneyEvent, Phase


def _event_to_row(e: JourneyEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "customer_id": e.customer_id,
        "case_id": e.case_id,
        "phase": e.phase.value,
        "touchpoint": e.touchpoint,
        "channel": e.channel.value,
        "occurred_at": e.occurred_at,
        "properties": e.properties,
    }


def _row_to_event(r: Any) -> JourneyEvent:
    return JourneyEvent(
        id=r.id,
        customer_id=r.customer_id,
        case_id=r.case_id,
        phase=Phase(r.phase),
        touchpoint=r.touchpoint,
        channel=Channel(r.channel),
        occurred_at=r.occurred_at,
        properties=r.properties,
    )


class SqlJourneyEventRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, event: JourneyEvent) -> None:
        self._session.execute(insert(journey_events).values(_event_to_row(event)))

    def append_many(self, events: Sequence[JourneyEvent]) -> None:
        if events:
            self._session.execute(insert(journey_events), [_event_to_row(e) for e in events])

    def list(
        self,
        offset: int,
        limit: int,
        customer_id: str | None = None,
        case_id: str | None = None,
    ) -> Sequence[JourneyEvent]:
        query = select(journey_events).order_by(journey_events.c.occurred_at, journey_events.c.id)
        if customer_id is not None:
            query = query.where(journey_events.c.customer_id == customer_id)
        if case_id is not None:
            query = query.where(journey_events.c.case_id == case_id)
        return [_row_to_event(r) for r in self._session.execute(query.offset(offset).limit(limit))]

    def recent(self, customer_id: str, touchpoint: str, since: datetime) -> Sequence[JourneyEvent]:
        e = journey_events.c
        query = (
            select(journey_events)
            .where(e.customer_id == customer_id, e.touchpoint == touchpoint, e.occurred_at > since)
            .order_by(e.occurred_at, e.id)
        )
        return [_row_to_event(r) for r in self._session.execute(query)]
