"""Run-to-failure files from the twin's boilers, in the layout of ``bench fleet``.

Each unit is a connected boiler reporting twice a day with the twin's wear signatures
(sim/telemetry.py): healthy for most of its record, then wearing for 5 to 20 days towards
one failure mode, failing at its last row. Training units run to their failure; test units
are cut off at a random point of their record (as C-MAPSS does), and the truth file gives
the readings left after the cut. Time is the reading's index (one row every 12 hours).
The choices below were fixed before the benchmark was first run.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from klantreis.core.device import DeviceKind
from klantreis.sim.population import DEVICE_MODELS
from klantreis.sim.telemetry import (
    PlannedFailure,
    SimulatedDevice,
    boiler_baseline,
    boiler_reading,
    code_for,
    modes_with_codes,
    wear_at,
)
from klantreis.telemetry.fleet.catalogue import packaged_catalogue

LIFE_DAYS = (30, 120)  # a record's length, uniform
WEAR_DAYS = (5.0, 20.0)  # as the twin's appliances (sim/twin/fleet.py)
STEP = timedelta(hours=12)
SENSORS = ("pressure_bar", "flow_temp_c", "return_temp_c", "ignition_attempts", "burner_hours")
MODELS = DEVICE_MODELS[DeviceKind.BOILER]


@dataclass(frozen=True, slots=True)
class TwinFiles:
    train: Path
    test: Path
    truth: Path


def _unit(name: str, rng: random.Random, cut: bool) -> tuple[list[list[object]], int]:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    days = rng.uniform(*LIFE_DAYS)
    device = SimulatedDevice(name, rng.choice(MODELS), DeviceKind.BOILER)
    catalogue = packaged_catalogue()
    mode = rng.choice(modes_with_codes(catalogue, device))
    code = code_for(catalogue, device, mode) or ""
    failure = PlannedFailure(
        name, mode, start + timedelta(days=days), code, rng.uniform(*WEAR_DAYS)
    )
    base = boiler_baseline(rng)
    count = int(days * 86_400 / STEP.total_seconds())
    kept = rng.randint(max(1, count // 10), count - 1) if cut else count
    rows = []
    for index in range(kept):
        at = start + index * STEP
        item = boiler_reading(name, base, mode, wear_at(failure, at), at, STEP, rng)
        rows.append([name, index, *(item[s] for s in SENSORS)])
    return rows, count - kept


def write_twin_files(folder: Path, train_units: int, test_units: int, seed: int) -> TwinFiles:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"run-to-failure|{seed}")
    files = TwinFiles(folder / "train.csv", folder / "test.csv", folder / "truth.csv")
    header = ["unit", "time", *SENSORS]
    with files.train.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(train_units):
            writer.writerows(_unit(f"train-{n:04d}", rng, cut=False)[0])
    with files.test.open("w", newline="") as test, files.truth.open("w", newline="") as truth:
        tests, truths = csv.writer(test), csv.writer(truth)
        tests.writerow(header)
        truths.writerow(["unit", "remaining"])
        for n in range(test_units):
            rows, remaining = _unit(f"test-{n:04d}", rng, cut=True)
            tests.writerows(rows)
            truths.writerow([f"test-{n:04d}", remaining])
    return files
