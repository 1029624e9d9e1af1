"""Stored day plans."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from klantreis.core.db.rows import from_row, to_row
from klantreis.planning.tables import planned_visits, visit_notes, visit_pins
from klantreis.planning.visit_note import VisitNote
from klantreis.scheduling.tables import bookings


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
        return [tuple(row) for row in rows]

    def cases_of_technician(self, technician_id: str, from_day: date) -> frozenset[str]:
        """The cases of the active bookings planned for this technician from ``from_day`` on."""
        c = planned_visits.c
        rows = self._session.execute(
            select(bookings.c.case_id)
            .join(planned_visits, c.booking_id == bookings.c.id)
            .where(c.technician_id == technician_id, c.day >= from_day, bookings.c.active)
        )
        return frozenset(case_id for (case_id,) in rows)

    def arrival_of(self, booking_id: str) -> tuple[str, int, datetime] | None:
        """(technician id, position, planned arrival) of a planned booking."""
        c = planned_visits.c
        row = self._session.execute(
            select(c.technician_id, c.position, c.arrival).where(c.booking_id == booking_id)
        ).first()
        return (row[0], row[1], row[2]) if row else None

    def next_after(self, booking_id: str) -> str | None:
        """The booking the same technician visits next that day, if any."""
        c = planned_visits.c
        here = self._session.execute(
            select(c.day, c.technician_id, c.position).where(c.booking_id == booking_id)
        ).first()
        if here is None:
            return None
        return self._session.scalar(
            select(c.booking_id)
            .where(c.day == here[0], c.technician_id == here[1], c.position > here[2])
            .order_by(c.position)
            .limit(1)
        )

    def pin(self, booking_id: str, technician_id: str) -> None:
        self._session.execute(delete(visit_pins).where(visit_pins.c.booking_id == booking_id))
        self._session.execute(
            insert(visit_pins).values(booking_id=booking_id, technician_id=technician_id)
        )

    def unpin(self, booking_id: str) -> bool:
        result = self._session.execute(
            delete(visit_pins).where(visit_pins.c.booking_id == booking_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def pins(self, booking_ids: Sequence[str]) -> dict[str, str]:
        rows = self._session.execute(
            select(visit_pins.c.booking_id, visit_pins.c.technician_id).where(
                visit_pins.c.booking_id.in_(list(booking_ids))
            )
        )
        return {booking: tech for booking, tech in rows}


class SqlVisitNoteRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, note: VisitNote) -> None:
        self._session.execute(insert(visit_notes).values(to_row(note)))

    def for_cases(self, case_ids: Sequence[str]) -> dict[str, list[VisitNote]]:
        found: dict[str, list[VisitNote]] = {}
        if not case_ids:
            return found
        query = (
            select(visit_notes)
            .where(visit_notes.c.case_id.in_(list(case_ids)))
            .order_by(visit_notes.c.written_at, visit_notes.c.id)
        )
        for row in self._session.execute(query):
            found.setdefault(row.case_id, []).append(from_row(VisitNote, row))
        return found

    def get(self, note_id: str) -> VisitNote | None:
        row = self._session.execute(select(visit_notes).where(visit_notes.c.id == note_id)).first()
        return from_row(VisitNote, row) if row else None
