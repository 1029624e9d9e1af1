"""Reading back what a device reported and what the fleet model thinks of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.core.device import DeviceKind
from klantreis.core.devices import get_device
from klantreis.core.errors import Unprocessable
from klantreis.core.ports import Clock
from klantreis.telemetry.appliance_kinds import Catalogue
from klantreis.telemetry.ports import RiskState, StoredModel, TelemetryUnit
from klantreis.telemetry.readings import RETENTION, Reading

MAX_READINGS = 5_000


@dataclass(frozen=True, slots=True)
class DeviceTelemetry:
    device_id: str
    readings: list[Reading]
    truncated: bool  # more readings lie in the period: ask for a shorter one
    risk: RiskState | None


def device_telemetry(
    uow: TelemetryUnit,
    clock: Clock,
    device_id: str,
    since: datetime | None = None,
    until: datetime | None = None,
) -> DeviceTelemetry:
    get_device(uow, device_id)  # NotFound for a device that does not exist
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


def model_versions(uow: TelemetryUnit) -> list[StoredModel]:
    return uow.models.list()


@dataclass(frozen=True, slots=True)
class Calibration:
    """How far a kind's scoring model can be trusted, on its held-out devices: the reliability
    diagram's points and the failures it expected against those that came."""

    kind: DeviceKind
    version: int
    points: list[dict[str, float]]
    expected_failures: float
    realised_failures: int

    @property
    def rows(self) -> int:
        return int(sum(p["rows"] for p in self.points))


def champion_calibration(uow: TelemetryUnit, catalogue: Catalogue) -> list[Calibration]:
    found = []
    for kind in catalogue.kinds:
        model = uow.models.latest(kind)
        evaluation = model.manifest.get("evaluation") if model else None
        measured = evaluation.get("reliability") if isinstance(evaluation, dict) else None
        if model is None or not isinstance(measured, dict):
            continue  # no model yet, or one trained before the diagram was recorded
        found.append(
            Calibration(
                kind,
                model.version,
                list(measured.get("points", [])),
                float(measured.get("expected_failures", 0.0)),
                int(measured.get("realised_failures", 0)),
            )
        )
    return found
