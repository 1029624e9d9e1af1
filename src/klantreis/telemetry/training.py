"""Learning from the fleet: every device's history cut into windows, labelled with the
failure (if any) that followed within the horizon, then trained and stored as a new version."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.core.device import Device, DeviceKind
from klantreis.core.errors import Unprocessable
from klantreis.core.ports import Clock
from klantreis.telemetry.appliance_kinds import ApplianceKind, Catalogue
from klantreis.telemetry.diagnosis import diagnose_fault
from klantreis.telemetry.fleet_features import (
    HORIZON,
    WINDOW,
    Failure,
    days_to_next_failure,
    failures_after,
    window_features,
)
from klantreis.telemetry.ports import ModelCodec, TelemetryUnit, TrainingSet
from klantreis.telemetry.readings import Reading
from klantreis.telemetry.visit_findings import Found, VisitFinding

CHUNK = 200
# A fleet larger than this trains on every device that failed and a sample of the rest: the
# rows of 100,000 devices over months would not fit in memory, and the healthy ones repeat
# each other. The sample raises the failure rate the model sees; the scan moves every
# probability back to the scored fleet's own rate (domain/predicted_visits.py, ``shifted``).
MAX_TRAINING_DEVICES = 5_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class TrainingReport:
    kind: DeviceKind
    version: int
    promoted: bool  # False: it did no better than the champion, which keeps scoring
    champion_version: int | None
    devices_reporting: int  # ``devices`` are all of them, or those that failed and a sample
    rows: int
    devices: int
    positives: dict[str, int]
    evaluation: dict[str, object]


def failures_of(
    catalogue: Catalogue,
    kind: ApplianceKind,
    device: Device,
    readings: Sequence[Reading],
    findings: Sequence[VisitFinding] = (),
) -> list[Failure]:
    """The device's failures: its fault codes, and the wear a technician found and mended
    before it failed (a prevented failure leaves no fault code, but it was coming)."""
    found = []
    for r in readings:
        if r.fault_code:
            mode = diagnose_fault(catalogue, kind, device.model, r.fault_code).cause.mode
            found.append(Failure(r.measured_at, mode))
    for f in findings:
        if f.found is Found.WEAR_CONFIRMED and f.failure_mode in kind.modes:
            found.append(Failure(f.recorded_at, str(f.failure_mode)))
    return sorted(found, key=lambda f: f.at)


@dataclass(frozen=True, slots=True)
class DeviceRows:
    rows: list[list[float]]
    labels: list[set[str]]  # the modes that failed within the horizon after each row
    days_to_failure: list[float | None]
    moments: list[datetime]


def device_rows(
    catalogue: Catalogue,
    kind: ApplianceKind,
    device: Device,
    readings: Sequence[Reading],
    since: datetime,
    until: datetime,
    findings: Sequence[VisitFinding] = (),
) -> DeviceRows:
    """One row per day the device had a full window behind it and a full horizon ahead."""
    failures = failures_of(catalogue, kind, device, readings, findings)
    found = DeviceRows([], [], [], [])
    cut = since + WINDOW
    while cut <= until - HORIZON:
        # A device that failed inside the window is being repaired, not predicted.
        if not any(cut - WINDOW < f.at <= cut for f in failures):
            found.rows.append(window_features(kind, readings, cut))
            found.labels.append(failures_after(failures, cut))
            found.days_to_failure.append(days_to_next_failure(failures, cut))
            found.moments.append(cut)
        cut += timedelta(days=1)
    return found


def build_training_set(
    uow: TelemetryUnit,
    catalogue: Catalogue,
    kind: ApplianceKind,
    since: datetime,
    until: datetime,
    progress: Progress | None = None,
    max_devices: int = MAX_TRAINING_DEVICES,
) -> TrainingSet:
    """Every reporting device of one kind (or, above ``max_devices``, every one that failed
    and a fixed sample of the rest), cut into daily rows with their labels."""
    reporting = uow.telemetry.devices_reporting(since, kind.kind)
    device_ids = _sample(uow, kind, since, reporting, max_devices)
    rows: list[list[float]] = []
    labels: dict[str, list[int]] = {mode: [] for mode in kind.modes}
    groups: list[str] = []
    days_to_failure: list[float | None] = []
    moments: list[datetime] = []
    for start in range(0, len(device_ids), CHUNK):
        chunk = device_ids[start : start + CHUNK]
        windows = uow.telemetry.window(chunk, since)
        answers = uow.visit_findings.for_devices(chunk)
        for device_id in chunk:
            device = uow.devices.get(device_id)
            if device is None or device.kind is not kind.kind:
                continue
            found = device_rows(
                catalogue,
                kind,
                device,
                windows.get(device_id, []),
                since,
                until,
                answers.get(device_id, []),
            )
            rows.extend(found.rows)
            groups.extend([device_id] * len(found.rows))
            days_to_failure.extend(found.days_to_failure)
            moments.extend(found.moments)
            for mode in labels:
                labels[mode].extend(int(mode in failed) for failed in found.labels)
        if progress:
            progress(min(start + CHUNK, len(device_ids)), len(device_ids))
    return TrainingSet(kind, rows, labels, groups, days_to_failure, len(reporting), moments)


def _sample(
    uow: TelemetryUnit, kind: ApplianceKind, since: datetime, reporting: list[str], most: int
) -> list[str]:
    """Every device that failed (a fault code, or wear a technician confirmed) and, up to
    ``most`` in all, the others in the order of a hash of their id: the same sample at every
    run, unrelated to anything the device reports."""
    if len(reporting) <= most:
        return reporting
    confirmed = {
        f.device_id
        for f in uow.visit_findings.all()
        if f.found is Found.WEAR_CONFIRMED and f.recorded_at >= since
    }
    failed = (uow.telemetry.devices_with_faults(since, kind.kind) | confirmed) & set(reporting)
    healthy = sorted(
        (d for d in reporting if d not in failed),
        key=lambda d: hashlib.sha256(d.encode()).hexdigest(),
    )
    chosen = {d for d in reporting if d in failed} | set(healthy[: max(0, most - len(failed))])
    return [d for d in reporting if d in chosen]


@dataclass(frozen=True, slots=True)
class TrainingOutcome:
    trained: list[TrainingReport]
    skipped: dict[DeviceKind, str]  # a kind without the telemetry to learn from, and why


def train_fleet_model(
    uow: TelemetryUnit,
    clock: Clock,
    codec: ModelCodec,
    catalogue: Catalogue,
    history: timedelta,
    progress: Progress | None = None,
    max_devices: int = MAX_TRAINING_DEVICES,
) -> TrainingOutcome:
    """Train one model per appliance kind on the last ``history`` of that kind's telemetry,
    each stored as a new version; a kind without failures to learn from is skipped and
    named. Raise ``Unprocessable`` when no kind could be trained."""
    now = clock.now()
    trained, skipped = [], {}
    for kind in catalogue.kinds.values():
        training = build_training_set(
            uow, catalogue, kind, now - history, now, progress, max_devices
        )
        problem = _unlearnable(training, history)
        if problem:
            skipped[kind.kind] = problem
            continue
        champion = uow.models.latest(kind.kind)
        model = codec.train(training, now, champion.artifact if champion else None)
        evaluation = model.manifest.get("evaluation", {})
        evaluation = evaluation if isinstance(evaluation, dict) else {}
        versus = evaluation.get("versus_champion")
        promoted = not isinstance(versus, dict) or bool(versus.get("promoted", True))
        if isinstance(versus, dict) and champion is not None:
            versus["champion_version"] = champion.version
        version = uow.models.add(kind.kind, now, model.manifest, model.artifact, promoted)
        trained.append(
            TrainingReport(
                kind=kind.kind,
                version=version,
                promoted=promoted,
                champion_version=champion.version if champion else None,
                devices_reporting=training.devices_reporting,
                rows=len(training.rows),
                devices=len(set(training.groups)),
                positives={m: sum(v) for m, v in training.labels.items()},
                evaluation=evaluation,
            )
        )
    if not trained:
        reasons = "; ".join(f"{kind}: {why}" for kind, why in skipped.items())
        raise Unprocessable(f"no appliance kind could be trained ({reasons})")
    return TrainingOutcome(trained, skipped)


def _unlearnable(training: TrainingSet, history: timedelta) -> str | None:
    if not training.rows:
        return (
            f"no telemetry to learn from in the last {history.days} days "
            f"(need at least {(WINDOW + HORIZON).days} days of readings)"
        )
    failed = sum(
        1 for i in range(len(training.rows)) if any(v[i] for v in training.labels.values())
    )
    if failed == 0:
        return "the telemetry holds no failures to learn from"
    return None
