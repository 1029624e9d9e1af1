"""What technicians found on predicted and maintenance visits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from klantreis.core.db.rows import from_row, to_row
from klantreis.telemetry.tables import visit_findings
from klantreis.telemetry.visit_findings import VisitFinding


class SqlVisitFindingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, finding: VisitFinding) -> None:
        """One finding per case: a second answer replaces the first (a slip of the thumb)."""
        self._session.execute(
            delete(visit_findings).where(visit_findings.c.case_id == finding.case_id)
        )
        self._session.execute(insert(visit_findings).values(to_row(finding)))

    def for_devices(self, device_ids: Iterable[str]) -> dict[str, list[VisitFinding]]:
        wanted = list(set(device_ids))
        found: dict[str, list[VisitFinding]] = {}
        for start in range(0, len(wanted), 1000):
            rows = self._session.execute(
                select(visit_findings)
                .where(visit_findings.c.device_id.in_(wanted[start : start + 1000]))
                .order_by(visit_findings.c.recorded_at)
            )
            for row in rows:
                found.setdefault(row.device_id, []).append(from_row(VisitFinding, row))
        return found

    def all(self) -> Sequence[VisitFinding]:
        rows = self._session.execute(select(visit_findings).order_by(visit_findings.c.recorded_at))
        return [from_row(VisitFinding, r) for r in rows]
