"""Storage for the telemetry jobs: risk states, fleet model versions, maintenance openings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from klantreis.core.db.repositories._common import _CHUNK, upsert_insert
from klantreis.core.device import DeviceKind
from klantreis.telemetry.ports import PlannedOpening, RiskState, StoredModel
from klantreis.telemetry.tables import device_risk, fleet_models, maintenance_openings


class SqlRiskRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def states(self, device_ids: Iterable[str]) -> dict[str, RiskState]:
        wanted = sorted(set(device_ids))
        found: dict[str, RiskState] = {}
        for start in range(0, len(wanted), _CHUNK):
            rows = self._session.execute(
                select(device_risk).where(
                    device_risk.c.device_id.in_(wanted[start : start + _CHUNK])
                )
            )
            for r in rows:
                found[r.device_id] = RiskState(
                    r.device_id, r.raised, r.risk, r.failure_mode, r.model_version, r.scored_at
                )
        return found

    def save_many(self, states: Sequence[RiskState]) -> None:
        if not states:
            return
        statement = upsert_insert(self._session)(device_risk)
        statement = statement.on_conflict_do_update(
            index_elements=[device_risk.c.device_id],
            set_={
                c.name: statement.excluded[c.name]
                for c in device_risk.columns
                if c.name != "device_id"
            },
        )
        self._session.execute(
            statement,
            [
                {
                    "device_id": s.device_id,
                    "raised": s.raised,
                    "risk": s.risk,
                    "failure_mode": s.failure_mode,
                    "model_version": s.model_version,
                    "scored_at": s.scored_at,
                }
                for s in states
            ],
        )


def _model(row: Any) -> StoredModel:
    return StoredModel(
        row.version,
        DeviceKind(row.appliance_kind),
        row.trained_at,
        dict(row.manifest),
        bytes(row.artifact),
        bool(row.promoted),
    )


class SqlModelRegistry:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        kind: DeviceKind,
        trained_at: datetime,
        manifest: dict[str, object],
        artifact: bytes,
        promoted: bool = True,
    ) -> int:
        result = self._session.execute(
            insert(fleet_models)
            .values(
                appliance_kind=kind.value,
                promoted=promoted,
                trained_at=trained_at,
                manifest=manifest,
                artifact=artifact,
            )
            .returning(fleet_models.c.version)
        )
        return int(result.scalar_one())

    def latest(self, kind: DeviceKind) -> StoredModel | None:
        newest = self._session.scalar(
            select(func.max(fleet_models.c.version)).where(
                fleet_models.c.appliance_kind == kind.value, fleet_models.c.promoted
            )
        )
        if newest is None:
            return None
        row = self._session.execute(
            select(fleet_models).where(fleet_models.c.version == newest)
        ).one()
        return _model(row)

    def list(self) -> list[StoredModel]:
        rows = self._session.execute(select(fleet_models).order_by(fleet_models.c.version))
        return [_model(r) for r in rows]


class SqlMaintenanceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def planned(self, device_ids: Iterable[str]) -> set[tuple[str, date]]:
        wanted = sorted(set(device_ids))
        found: set[tuple[str, date]] = set()
        table = maintenance_openings
        for start in range(0, len(wanted), _CHUNK):
            rows = self._session.execute(
                select(table.c.device_id, table.c.due_on).where(
                    table.c.device_id.in_(wanted[start : start + _CHUNK])
                )
            )
            found.update((device_id, due_on) for device_id, due_on in rows)
        return found

    def load_from(self, day: date) -> dict[date, int]:
        table = maintenance_openings
        rows = self._session.execute(
            select(table.c.open_on, func.count())
            .where(table.c.open_on >= day)
            .group_by(table.c.open_on)
        )
        return {open_on: int(n) for open_on, n in rows}

    def add_many(self, openings: Sequence[PlannedOpening]) -> None:
        if openings:
            self._session.execute(
                insert(maintenance_openings),
                [
                    {
                        "device_id": o.device_id,
                        "due_on": o.due_on,
                        "open_on": o.open_on,
                        "case_id": o.case_id,
                    }
                    for o in openings
                ],
            )

    def due_to_open(self, day: date) -> list[PlannedOpening]:
        table = maintenance_openings
        rows = self._session.execute(
            select(table)
            .where(table.c.open_on <= day, table.c.case_id.is_(None))
            .order_by(table.c.open_on, table.c.device_id)
        )
        return [PlannedOpening(r.device_id, r.due_on, r.open_on, r.case_id) for r in rows]

    def opened_by(self, device_id: str, due_on: date) -> str | None:
        table = maintenance_openings
        return self._session.scalar(
            select(table.c.case_id).where(table.c.device_id == device_id, table.c.due_on == due_on)
        )

    def mark_opened(self, device_id: str, due_on: date, case_id: str) -> None:
        table = maintenance_openings
        self._session.execute(
            update(table)
            .where(table.c.device_id == device_id, table.c.due_on == due_on)
            .values(case_id=case_id)
        )
