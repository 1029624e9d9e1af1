"""The daily risk scan: every reporting device scored by the newest fleet model; a risk that
crosses the line opens one predicted case carrying the signals that drove it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from klantreis.domain.case import CaseOrigin, Findings
from klantreis.domain.diagnosis import FailureMode, cause_for_mode, diagnose_signals
from klantreis.domain.failure_time import FailureTime, fix_before
from klantreis.domain.fleet_features import WINDOW, explain, window_features
from klantreis.domain.risk import RiskPolicy, step
from klantreis.domain.telemetry import Reading
from klantreis.services.cases import open_case
from klantreis.services.errors import Unprocessable
from klantreis.services.ids import new_id
from klantreis.services.messaging.notices import invite_to_book
from klantreis.services.messaging.outbox import Messenger
from klantreis.services.ports import Clock, UnitOfWork
from klantreis.services.records import CaseRecord
from klantreis.services.telemetry.ports import ModelCodec, ModelRejected, RiskState
from klantreis.services.telemetry.training import CHUNK, Progress

DEFAULT_POLICY = RiskPolicy(open_at=0.6, rearm_below=0.3)


@dataclass(slots=True)
class ScanReport:
    model_version: int
    devices_scored: int = 0
    raised: int = 0
    cases_opened: list[str] = field(default_factory=list)
    skipped_open_case: int = 0


def combined_risk(per_mode: dict[str, float]) -> float:
    """P(any mode fails), treating the modes as independent."""
    survive = 1.0
    for p in per_mode.values():
        survive *= 1 - p
    return 1 - survive


def scan_fleet(
    uow: UnitOfWork,
    clock: Clock,
    codec: ModelCodec,
    policy: RiskPolicy = DEFAULT_POLICY,
    progress: Progress | None = None,
    messenger: Messenger | None = None,
) -> ScanReport:
    stored = uow.models.latest()
    if stored is None:
        raise Unprocessable("there is no fleet model yet: run `klantreis model train` first")
    try:
        predictor = codec.load(stored.artifact)
    except ModelRejected as rejected:
        raise Unprocessable(f"fleet model v{stored.version} cannot be used: {rejected}") from None
    now = clock.now()
    report = ScanReport(stored.version)
    device_ids = uow.telemetry.devices_reporting(now - WINDOW)
    for start in range(0, len(device_ids), CHUNK):
        chunk = device_ids[start : start + CHUNK]
        windows = uow.telemetry.window(chunk, now - WINDOW)
        rows = [window_features(windows.get(d, []), now) for d in chunk]
        scores = predictor.predict(rows)
        states = uow.risk.states(chunk)
        crossing = []
        updated = []
        for device_id, row, per_mode in zip(chunk, rows, scores, strict=True):
            risk = combined_risk(per_mode)
            mode = max(per_mode, key=lambda m: per_mode[m])
            previous = states.get(device_id)
            moved = step(policy, previous.raised if previous else False, risk)
            updated.append(RiskState(device_id, moved.raised, risk, mode, stored.version, now))
            report.raised += moved.raised
            if moved.open_case:
                crossing.append((device_id, row, risk, mode))
        report.devices_scored += len(chunk)
        if crossing:
            uow.devices.lock(d for d, *_ in crossing)
            busy = uow.cases.open_cases_by_device(d for d, *_ in crossing)
            times = predictor.time_to_failure([row for _, row, *_ in crossing])
            for (device_id, row, risk, mode), failure_time in zip(crossing, times, strict=True):
                if device_id in busy:
                    report.skipped_open_case += 1
                    continue
                case_id = _open_predicted(
                    uow,
                    clock,
                    device_id,
                    windows.get(device_id, []),
                    row,
                    predictor.typical,
                    risk,
                    FailureMode(mode),
                    stored.version,
                    failure_time,
                )
                if case_id:
                    report.cases_opened.append(case_id)
                    opened = uow.cases.get(case_id)
                    if messenger is not None and opened is not None:
                        invite_to_book(uow, clock, messenger, opened)
        uow.risk.save_many(updated)
        if progress:
            progress(min(start + CHUNK, len(device_ids)), len(device_ids))
    return report


def _open_predicted(
    uow: UnitOfWork,
    clock: Clock,
    device_id: str,
    readings: Sequence[Reading],
    row: list[float],
    typical: list[float],
    risk: float,
    mode: FailureMode,
    version: int,
    failure_time: FailureTime | None = None,
) -> str | None:
    device = uow.devices.get(device_id)
    if device is None:
        return None
    signals = diagnose_signals(readings)
    likely = cause_for_mode(mode, signals)
    deadline = fix_before(clock.now(), failure_time) if failure_time else None
    when = (
        [f"if it fails, likely in {failure_time.median_days:.0f} days: visit before {deadline}"]
        if failure_time and deadline
        else []
    )
    explanation = (
        f"{risk:.0%} risk of a {mode.value} failure within 14 days (fleet model v{version})",
        *when,
        *explain(row, typical),
        *(note for d in signals for note in d.explanation),
    )
    case = open_case(
        uow,
        clock,
        CaseRecord(
            customer_id=device.customer_id,
            device_id=device.id,
            origin=CaseOrigin.PREDICTED,
            summary=f"{device.model}: {likely.description} (predicted)",
            required_skills=[likely.skill],
            duration_minutes=likely.duration_minutes,
            urgent=False,
        ),
        new_id(),
        findings=Findings(
            cause=likely.key,
            description=likely.description,
            urgency=likely.urgency.value,
            parts=likely.parts,
            explanation=tuple(dict.fromkeys(explanation)),
            risk=round(risk, 4),
            failure_mode=mode.value,
            model_version=version,
            fix_before=deadline,
        ),
    )
    return case.id
