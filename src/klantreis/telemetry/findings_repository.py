"""What technicians found on predicted and maintenance visits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from klantreis.telemetry.tables import visit_findings
from klantreis.telemetry.visit_findings import Found, VisitFinding


def _from_row(r: Any) -> VisitFinding:
    return VisitFinding(
        r.case_id, r.device_id, Found(r.found), r.recorded_at, r.failure_mode, r.model_version
    )


class SqlVisitFindingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, finding: VisitFinding) -> None:
        """One finding per case: a second answer replaces the first (a slip of the thumb)."""
        self._session.execute(
            delete(visit_findings).where(visit_findings.c.case_id == finding.case_id)
        )
        self._session.execute(
            insert(visit_findings).values(
                case_id=finding.case_id,
                device_id=finding.device_id,
                found=finding.found.value,
                recorded_at=finding.recorded_at,
                failure_mode=finding.failure_mode,
                model_version=finding.model_version,
            )
        )

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
                found.setdefault(row.device_id, []).append(_from_row(row))
        return found

    def all(self) -> Sequence[VisitFinding]:
        rows = self._session.execute(select(visit_findings).order_by(visit_findings.c.recorded_at))
        return [_from_row(r) for r in rows]
