"""Technicians in storage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from klantreis.core.common import GeoPoint
from klantreis.core.db.repositories._common import bulk_insert, bulk_update, ids_by_external_id
from klantreis.core.db.rows import from_row, to_row
from klantreis.core.db.tables import crew_revision, technicians
from klantreis.core.technician import Shift, Technician


def technician_to_row(t: Technician) -> dict[str, Any]:
    return {
        **to_row(t, skip=("home_base", "skills", "shifts")),
        "latitude": t.home_base.latitude,
        "longitude": t.home_base.longitude,
        "skills": sorted(t.skills),
        "shifts": [str(s) for s in t.shifts],
    }


def row_to_technician(r: Any) -> Technician:
    given = {
        "home_base": GeoPoint(r.latitude, r.longitude),
        "skills": frozenset(r.skills),
        "shifts": [Shift.parse(s) for s in r.shifts],
    }
    return from_row(Technician, r, given)


class SqlTechnicianRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, technician_id: str) -> Technician | None:
        row = self._session.execute(
            select(technicians).where(technicians.c.id == technician_id)
        ).first()
        return row_to_technician(row) if row else None

    def list(self, offset: int, limit: int) -> Sequence[Technician]:
        rows = self._session.execute(
            select(technicians).order_by(technicians.c.name).offset(offset).limit(limit)
        )
        return [row_to_technician(r) for r in rows]

    def ids_by_external_id(self, external_ids: Iterable[str]) -> dict[str, str]:
        return ids_by_external_id(self._session, technicians, external_ids)

    def add(self, technician: Technician) -> None:
        self._session.execute(insert(technicians).values(technician_to_row(technician)))
        self._changed()

    def upsert_many(self, new: Sequence[Technician], existing: Sequence[Technician]) -> None:
        bulk_insert(self._session, technicians, [technician_to_row(t) for t in new])
        bulk_update(self._session, technicians, [technician_to_row(t) for t in existing])
        self._changed()

    def revision(self) -> int:
        return int(self._session.scalar(select(crew_revision.c.revision)) or 0)

    def _changed(self) -> None:
        self._session.execute(update(crew_revision).values(revision=crew_revision.c.revision + 1))
