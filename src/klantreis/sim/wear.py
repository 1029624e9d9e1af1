"""How the simulated heat pumps, dishwashers and washing machines read when healthy and when
wearing towards a failure (the boiler's signatures are in sim/telemetry.py).

These are the simulator's assumptions, fixed before any model was trained on them: healthy
levels from typical operating ranges (a heat pump's flow of 35-40 °C, a dishwasher's 60 °C
wash, a drain pump emptying a drum in about a minute and a half), and a wear signature per
failure mode that moves one signal, at full wear, well past where the catalogue's signal
rule fires. Nothing here is tuned to a model's score.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.core.device import DeviceKind


@dataclass(frozen=True, slots=True)
class Level:
    """A sensor's healthy level: per device around ``mean`` (``between`` devices), per
    reading around the device's own (``noise``); whole numbers when ``digits`` is 0."""

    mean: float
    between: float
    noise: float
    digits: int = 1
    low: float = 0.0


@dataclass(frozen=True, slots=True)
class Profile:
    levels: dict[str, Level]
    counter: str  # the running total of use
    use_per_day: tuple[float, float]  # the device's own rate, uniform between
    wear: dict[str, dict[str, float]]  # mode → signal → shift at full wear
    flaky: str  # the sensor a loose contact makes dip now and then (not a failure)


PROFILES: dict[DeviceKind, Profile] = {
    DeviceKind.HEAT_PUMP: Profile(
        levels={
            "flow_temp_c": Level(38, 3, 2),
            "outdoor_temp_c": Level(8, 3, 3, low=-40),
            "refrigerant_pressure_bar": Level(18, 1.5, 0.4),
            "compressor_current_a": Level(9, 1, 0.5),
            "defrost_minutes": Level(6, 1, 1),
        },
        counter="compressor_hours",
        use_per_day=(4, 14),
        wear={
            "refrigerant": {"refrigerant_pressure_bar": -8},
            "compressor": {"compressor_current_a": 7},
            "defrost": {"defrost_minutes": 14},
        },
        flaky="refrigerant_pressure_bar",
    ),
    DeviceKind.DISHWASHER: Profile(
        levels={
            "water_temp_c": Level(60, 3, 2),
            "drain_seconds": Level(90, 10, 8, digits=0),
            "fill_seconds": Level(70, 8, 6, digits=0),
        },
        counter="cycles",
        use_per_day=(0.4, 1.2),
        wear={"drain": {"drain_seconds": 150}, "heating": {"water_temp_c": -25}},
        flaky="water_temp_c",
    ),
    DeviceKind.WASHING_MACHINE: Profile(
        levels={
            "water_temp_c": Level(40, 3, 2),
            "drain_seconds": Level(75, 8, 6, digits=0),
            "drum_vibration_g": Level(0.6, 0.1, 0.08, digits=2),
            "spin_rpm": Level(1400, 30, 20, digits=0),
        },
        counter="cycles",
        use_per_day=(0.3, 1.0),
        wear={
            "drain": {"drain_seconds": 120},
            "heating": {"water_temp_c": -18},
            "bearing": {"drum_vibration_g": 1.6, "spin_rpm": -200},
        },
        flaky="drum_vibration_g",
    ),
}


@dataclass(slots=True)
class KindState:
    kind: DeviceKind
    levels: dict[str, float]
    use_per_day: float
    used: float
    noisy: bool


def start_state(kind: DeviceKind, rng: random.Random) -> KindState:
    profile = PROFILES[kind]
    return KindState(
        kind,
        {name: rng.gauss(level.mean, level.between) for name, level in profile.levels.items()},
        rng.uniform(*profile.use_per_day),
        rng.uniform(50, 3_000),
        rng.random() < 0.1,
    )


def profile_reading(
    serial: str,
    state: KindState,
    mode: str | None,
    wear: float,
    at: datetime,
    step: timedelta,
    rng: random.Random,
) -> dict[str, object]:
    """One JSON-ready reading; use advances by ``step``'s share of the device's daily rate."""
    profile = PROFILES[state.kind]
    state.used += step.total_seconds() / 86_400 * state.use_per_day * rng.uniform(0.5, 1.5)
    shifts = profile.wear.get(mode, {}) if mode is not None and wear > 0 else {}
    item: dict[str, object] = {"serial": serial, "at": at.isoformat()}
    for name, level in profile.levels.items():
        value = state.levels[name] + rng.gauss(0, level.noise) + wear * shifts.get(name, 0.0)
        if state.noisy and name == profile.flaky and rng.random() < 0.15:
            value -= rng.uniform(2, 4) * level.noise
        value = max(level.low, value)
        item[name] = int(round(value)) if level.digits == 0 else round(value, level.digits)
    item[profile.counter] = int(state.used) if profile.counter == "cycles" else round(state.used, 1)
    return item
