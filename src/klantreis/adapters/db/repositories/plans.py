"""Stored day plans."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from klantreis.adapters.db.tables import planned_visits


class SqlPlanRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def replace_day(
        self, day: date, rows: Sequence[tuple[str, str, int, datetime]], at: datetime
    ) -> None:
        self._session.execute(delete(planned_visits).where(planned_visits.c.day == day))
        if rows:
            self._session.execute(
                insert(planned_visits),
                [
                    {
                        "booking_id": booking,
                        "day": day,
                        "technician_id": tech,
                        "position": position,
                        "arrival": arrival,
                        "planned_at": at,
                    }
                    for booking, tech, position, arrival in rows
                ],
            )

    def for_day(self, day: date) -> Sequence[tuple[str, str, int, datetime]]:
        c = planned_visits.c
        rows = self._session.execute(
            select(c.booking_id, c.technician_id, c.position, c.arrival)
            .where(c.day == day)
            .order_by(c.technician_id, c.position)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]
