"""The journey event log: append and read, never update or delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from klantreis.core.db.rows import from_row, to_row
from klantreis.core.db.tables import journey_events
from klantreis.core.journey import JourneyEvent


class SqlJourneyEventRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, event: JourneyEvent) -> None:
        self._session.execute(insert(journey_events).values(to_row(event)))

    def append_many(self, events: Sequence[JourneyEvent]) -> None:
        if events:
            self._session.execute(insert(journey_events), [to_row(e) for e in events])

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
        return [
            from_row(JourneyEvent, r)
            for r in self._session.execute(query.offset(offset).limit(limit))
        ]

    def recent(self, customer_id: str, touchpoint: str, since: datetime) -> Sequence[JourneyEvent]:
        e = journey_events.c
        query = (
            select(journey_events)
            .where(e.customer_id == customer_id, e.touchpoint == touchpoint, e.occurred_at > since)
            .order_by(e.occurred_at, e.id)
        )
        return [from_row(JourneyEvent, r) for r in self._session.execute(query)]
