"""Learning from the fleet: every device's history cut into windows, labelled with the
failure (if any) that followed within the horizon, then trained and stored as a new version."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.domain.device import Device, DeviceKind
from klantreis.domain.diagnosis import FailureMode, diagnose_fault
from klantreis.domain.fleet_features import (
    HORIZON,
    PREDICTED_MODES,
    WINDOW,
    Failure,
    days_to_next_failure,
    failures_after,
    window_features,
)
from klantreis.domain.telemetry import Reading
from klantreis.domain.visit_findings import Found, VisitFinding
from klantreis.services.errors import Unprocessable
from klantreis.services.ports import Clock, UnitOfWork
from klantreis.services.telemetry.ports import ModelCodec, TrainingSet

MODELLED_KINDS = frozenset({DeviceKind.BOILER})
CHUNK = 200
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class TrainingReport:
    version: int
    rows: int
    devices: int
    positives: dict[str, int]
    evaluation: dict[str, object]


def failures_of(
    device: Device, readings: Sequence[Reading], findings: Sequence[VisitFinding] = ()
) -> list[Failure]:
    """The device's failures: its fault codes, and the wear a technician found and mended
    before it failed (a prevented failure leaves no fault code, but it was coming)."""
    found = []
    for r in readings:
        if r.fault_code:
            mode = diagnose_fault(device.model, device.kind, r.fault_code).cause.mode
            found.append(Failure(r.measured_at, mode))
    for f in findings:
        if f.found is Found.WEAR_CONFIRMED and f.failure_mode in {m.value for m in FailureMode}:
            found.append(Failure(f.recorded_at, FailureMode(str(f.failure_mode))))
    return sorted(found, key=lambda f: f.at)


@dataclass(frozen=True, slots=True)
class DeviceRows:
    rows: list[list[float]]
    labels: list[set[str]]  # the modes that failed within the horizon after each row
    days_to_failure: list[float | None]


def device_rows(
    device: Device,
    readings: Sequence[Reading],
    since: datetime,
    until: datetime,
    findings: Sequence[VisitFinding] = (),
) -> DeviceRows:
    """One row per day the device had a full window behind it and a full horizon ahead."""
    failures = failures_of(device, readings, findings)
    found = DeviceRows([], [], [])
    cut = since + WINDOW
    while cut <= until - HORIZON:
        # A device that failed inside the window is being repaired, not predicted.
        if not any(cut - WINDOW < f.at <= cut for f in failures):
            found.rows.append(window_features(readings, cut))
            found.labels.append({m.value for m in failures_after(failures, cut)})
            found.days_to_failure.append(days_to_next_failure(failures, cut))
        cut += timedelta(days=1)
    return found


def build_training_set(
    uow: UnitOfWork, since: datetime, until: datetime, progress: Progress | None = None
) -> TrainingSet:
    device_ids = uow.telemetry.devices_reporting(since)
    rows: list[list[float]] = []
    labels: dict[str, list[int]] = {m.value: [] for m in PREDICTED_MODES}
    groups: list[str] = []
    days_to_failure: list[float | None] = []
    for start in range(0, len(device_ids), CHUNK):
        chunk = device_ids[start : start + CHUNK]
        windows = uow.telemetry.window(chunk, since)
        answers = uow.visit_findings.for_devices(chunk)
        for device_id in chunk:
            device = uow.devices.get(device_id)
            if device is None or device.kind not in MODELLED_KINDS:
                continue
            found = device_rows(
                device, windows.get(device_id, []), since, until, answers.get(device_id, [])
            )
            rows.extend(found.rows)
            groups.extend([device_id] * len(found.rows))
            days_to_failure.extend(found.days_to_failure)
            for mode in labels:
                labels[mode].extend(int(mode in failed) for failed in found.labels)
        if progress:
            progress(min(start + CHUNK, len(device_ids)), len(device_ids))
    return TrainingSet(rows, labels, groups, days_to_failure)


def train_fleet_model(
    uow: UnitOfWork,
    clock: Clock,
    codec: ModelCodec,
    history: timedelta,
    progress: Progress | None = None,
) -> TrainingReport:
    """Train on the last ``history`` of telemetry and store the model as the newest version."""
    now = clock.now()
    training = build_training_set(uow, now - history, now, progress)
    if not training.rows:
        raise Unprocessable(
            f"no telemetry to learn from in the last {history.days} days "
            f"(need at least {(WINDOW + HORIZON).days} days of readings)"
        )
    failed = sum(
        1 for i in range(len(training.rows)) if any(v[i] for v in training.labels.values())
    )
    if failed == 0:
        raise Unprocessable("the telemetry holds no failures to learn from")
    trained = codec.train(training, now)
    version = uow.models.add(now, trained.manifest, trained.artifact)
    evaluation = trained.manifest.get("evaluation", {})
    return TrainingReport(
        version=version,
        rows=len(training.rows),
        devices=len(set(training.groups)),
        positives={m: sum(v) for m, v in training.labels.items()},
        evaluation=evaluation if isinstance(evaluation, dict) else {},
    )
