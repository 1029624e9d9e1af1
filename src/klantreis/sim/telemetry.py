"""Synthetic boiler telemetry: healthy devices, noisy ones, and devices that wear towards a
failure of one mode and report its fault code when it comes. Used by the demo, the tests and
the benchmark; the failures are returned too, as the truth to check the model against."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.domain.device import DeviceKind
from klantreis.domain.diagnosis import FailureMode, cause, known_codes
from klantreis.domain.fleet_features import PREDICTED_MODES


@dataclass(frozen=True, slots=True)
class SimulatedDevice:
    serial: str
    model: str
    kind: DeviceKind = DeviceKind.BOILER


@dataclass(frozen=True, slots=True)
class PlannedFailure:
    serial: str
    mode: FailureMode
    at: datetime
    fault_code: str
    wear_days: float


def code_for(device: SimulatedDevice, mode: FailureMode) -> str | None:
    for code, key in known_codes(device.model, device.kind).items():
        if cause(key).mode is mode:
            return code
    return None


def plan_failures(
    devices: Sequence[SimulatedDevice],
    start: datetime,
    days: int,
    rng: random.Random,
    failure_share: float = 0.2,
) -> dict[str, PlannedFailure]:
    planned = {}
    for device in devices:
        if rng.random() >= failure_share:
            continue
        modes = [m for m in PREDICTED_MODES if code_for(device, m)]
        if not modes:
            continue
        mode = rng.choice(modes)
        at = start + timedelta(days=rng.uniform(days * 0.15, days))
        code = code_for(device, mode)
        assert code is not None
        planned[device.serial] = PlannedFailure(device.serial, mode, at, code, rng.uniform(5, 20))
    return planned


def readings(
    devices: Sequence[SimulatedDevice],
    start: datetime,
    days: int,
    per_day: int = 4,
    seed: int = 11,
    failure_share: float = 0.2,
) -> tuple[list[PlannedFailure], Iterator[dict[str, object]]]:
    """The failures to come, and every reading in time order per device (JSON-ready)."""
    rng = random.Random(seed)
    failures = plan_failures(devices, start, days, rng, failure_share)

    def generate() -> Iterator[dict[str, object]]:
        step = timedelta(days=1) / per_day
        for device in devices:
            device_rng = random.Random(f"{seed}-{device.serial}")
            yield from _device_readings(
                device, failures.get(device.serial), start, days * per_day, step, device_rng
            )

    return sorted(failures.values(), key=lambda f: f.at), generate()


@dataclass(slots=True)
class BoilerBaseline:
    """A healthy boiler's own levels, and its burner hours so far."""

    pressure: float
    flow: float
    gap: float
    noisy: bool  # a loose sensor: dips that are not a failure
    hours: float


def baseline(rng: random.Random) -> BoilerBaseline:
    return BoilerBaseline(
        rng.gauss(1.6, 0.15),
        rng.gauss(60, 4),
        rng.gauss(15, 2),
        rng.random() < 0.1,
        rng.uniform(2_000, 40_000),
    )


def wear_at(failure: PlannedFailure | None, at: datetime) -> float:
    """0 while healthy, rising to 1 at the failure over its wear days."""
    if failure is None:
        return 0.0
    before = (failure.at - at).total_seconds() / 86_400
    return min(1.0, max(0.0, 1 - before / failure.wear_days))


def reading(
    serial: str,
    base: BoilerBaseline,
    mode: FailureMode | None,
    wear: float,
    at: datetime,
    step: timedelta,
    rng: random.Random,
) -> dict[str, object]:
    """One JSON-ready reading at ``at``; burner hours advance by ``step``'s share of use."""
    base.hours += step.total_seconds() / 3600 * rng.uniform(0.1, 0.4)
    values = {
        "pressure_bar": base.pressure + rng.gauss(0, 0.03),
        "flow_temp_c": base.flow + rng.gauss(0, 3),
        "ignition_attempts": 1 + (rng.random() < 0.05),
        "burner_hours": base.hours,
    }
    current_gap = base.gap + rng.gauss(0, 1.5)
    if base.noisy and rng.random() < 0.15:
        values["pressure_bar"] -= rng.uniform(0.2, 0.5)
    if mode is not None and wear > 0:
        if mode is FailureMode.PRESSURE:
            values["pressure_bar"] -= wear * (base.pressure - 0.55)
        elif mode is FailureMode.IGNITION:
            values["ignition_attempts"] = 1 + round(wear * 3 + rng.random() * wear)
        elif mode is FailureMode.CIRCULATION:
            current_gap += wear * 17
        elif mode is FailureMode.OVERHEAT:
            values["flow_temp_c"] += wear * 28
    return {
        "serial": serial,
        "at": at.isoformat(),
        "flow_temp_c": round(float(values["flow_temp_c"]), 1),
        "return_temp_c": round(float(values["flow_temp_c"]) - current_gap, 1),
        "pressure_bar": round(max(0.0, float(values["pressure_bar"])), 2),
        "ignition_attempts": int(values["ignition_attempts"]),
        "burner_hours": round(base.hours, 1),
    }


def _device_readings(
    device: SimulatedDevice,
    failure: PlannedFailure | None,
    start: datetime,
    count: int,
    step: timedelta,
    rng: random.Random,
) -> Iterator[dict[str, object]]:
    base = baseline(rng)
    reported = False
    for index in range(count):
        at = start + index * step + timedelta(seconds=rng.randint(0, 600))
        wear = 0.0 if reported else wear_at(failure, at)
        item = reading(device.serial, base, failure.mode if failure else None, wear, at, step, rng)
        if failure is not None and not reported and at >= failure.at:
            item["fault_code"] = failure.fault_code
            reported = True  # repaired after this: back to its healthy values
        yield item
