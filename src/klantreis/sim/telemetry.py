"""Synthetic telemetry for every appliance kind: healthy devices, noisy ones, and devices that
wear towards a failure of one mode and report its fault code when it comes. Used by the demo,
the tests and the benchmark; the failures are returned too, as the truth to check the model
against. The boiler's signatures are the twin's first ones, kept as they were; the other
kinds' are in sim/wear.py."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.core.device import DeviceKind
from klantreis.sim.wear import PROFILES, KindState, profile_reading, start_state
from klantreis.telemetry.appliance_kinds import Catalogue
from klantreis.telemetry.diagnosis import code_for_mode


@dataclass(frozen=True, slots=True)
class SimulatedDevice:
    serial: str
    model: str
    kind: DeviceKind = DeviceKind.BOILER


@dataclass(frozen=True, slots=True)
class PlannedFailure:
    serial: str
    mode: str
    at: datetime
    fault_code: str
    wear_days: float


def code_for(catalogue: Catalogue, device: SimulatedDevice, mode: str) -> str | None:
    kind = catalogue.of(device.kind)
    return code_for_mode(catalogue, kind, device.model, mode) if kind else None


def modes_with_codes(catalogue: Catalogue, device: SimulatedDevice) -> list[str]:
    """The kind's failure modes this model announces with a fault code of its own."""
    kind = catalogue.of(device.kind)
    return [m for m in kind.modes if code_for(catalogue, device, m)] if kind else []


def plan_failures(
    catalogue: Catalogue,
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
        modes = modes_with_codes(catalogue, device)
        if not modes:
            continue
        mode = rng.choice(modes)
        at = start + timedelta(days=rng.uniform(days * 0.15, days))
        code = code_for(catalogue, device, mode)
        assert code is not None
        planned[device.serial] = PlannedFailure(device.serial, mode, at, code, rng.uniform(5, 20))
    return planned


def readings(
    catalogue: Catalogue,
    devices: Sequence[SimulatedDevice],
    start: datetime,
    days: int,
    per_day: int = 4,
    seed: int = 11,
    failure_share: float = 0.2,
) -> tuple[list[PlannedFailure], Iterator[dict[str, object]]]:
    """The failures to come, and every reading in time order per device (JSON-ready)."""
    rng = random.Random(seed)
    failures = plan_failures(catalogue, devices, start, days, rng, failure_share)

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


def boiler_baseline(rng: random.Random) -> BoilerBaseline:
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


def boiler_reading(
    serial: str,
    base: BoilerBaseline,
    mode: str | None,
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
        if mode == "pressure":
            values["pressure_bar"] -= wear * (base.pressure - 0.55)
        elif mode == "ignition":
            values["ignition_attempts"] = 1 + round(wear * 3 + rng.random() * wear)
        elif mode == "circulation":
            current_gap += wear * 17
        elif mode == "overheat":
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


DeviceState = BoilerBaseline | KindState
SIMULATED_KINDS = frozenset({DeviceKind.BOILER, *PROFILES})


def device_state(kind: DeviceKind, rng: random.Random) -> DeviceState:
    """A healthy device's own levels, drawn once."""
    return boiler_baseline(rng) if kind is DeviceKind.BOILER else start_state(kind, rng)


def reading(
    serial: str,
    state: DeviceState,
    mode: str | None,
    wear: float,
    at: datetime,
    step: timedelta,
    rng: random.Random,
) -> dict[str, object]:
    """One JSON-ready reading of the device's kind at ``at``."""
    if isinstance(state, BoilerBaseline):
        return boiler_reading(serial, state, mode, wear, at, step, rng)
    return profile_reading(serial, state, mode, wear, at, step, rng)


def _device_readings(
    device: SimulatedDevice,
    failure: PlannedFailure | None,
    start: datetime,
    count: int,
    step: timedelta,
    rng: random.Random,
) -> Iterator[dict[str, object]]:
    base = device_state(device.kind, rng)
    reported = False
    for index in range(count):
        at = start + index * step + timedelta(seconds=rng.randint(0, 600))
        wear = 0.0 if reported else wear_at(failure, at)
        item = reading(device.serial, base, failure.mode if failure else None, wear, at, step, rng)
        if failure is not None and not reported and at >= failure.at:
            item["fault_code"] = failure.fault_code
            reported = True  # repaired after this: back to its healthy values
        yield item
