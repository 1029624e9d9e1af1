"""Reading back what a device reported and what the fleet model thinks of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.domain.telemetry import RETENTION, Reading
from klantreis.services.errors import NotFound, Unprocessable
from klantreis.services.ports import Clock, UnitOfWork
from klantreis.services.telemetry.ports import RiskState, StoredModel

MAX_READINGS = 5_000


@dataclass(frozen=True, slots=True)
class DeviceTelemetry:
    device_id: str
    readings: list[Reading]
    truncated: bool  # more readings lie in the period: ask for a shorter one
    risk: RiskState | None


def device_telemetry(
    uow: UnitOfWork,
    clock: Clock,
    device_id: str,
    since: datetime | None = None,
    until: datetime | None = None,
) -> DeviceTelemetry:
    if uow.devices.get(device_id) is None:
        raise NotFound(f"device '{device_id}' does not exist")
    until = until or clock.now()
    since = since or until - timedelta(days=7)
    if since >= until:
        raise Unprocessable("'since' must lie before 'until'", field="since")
    if until - since > RETENTION:
        raise Unprocessable(f"ask for at most {RETENTION.days} days at a time", field="since")
    readings = [
        r
        for r in uow.telemetry.window([device_id], since).get(device_id, [])
        if r.measured_at <= until
    ]
    return DeviceTelemetry(
        device_id,
        readings[:MAX_READINGS],
        len(readings) > MAX_READINGS,
        uow.risk.states([device_id]).get(device_id),
    )


def model_versions(uow: UnitOfWork) -> list[StoredModel]:
    return uow.models.list()
