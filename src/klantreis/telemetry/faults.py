"""A fault code the appliance reports becomes one diagnosed case, not one per reading."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from klantreis.core.case import CaseOrigin, Findings
from klantreis.core.cases import open_device_case
from klantreis.core.ports import Clock
from klantreis.messaging.notices import invite_to_book
from klantreis.messaging.outbox_service import Messenger
from klantreis.telemetry.appliance_kinds import Catalogue
from klantreis.telemetry.diagnosis import Diagnosis, diagnose_fault
from klantreis.telemetry.ports import TelemetryUnit
from klantreis.telemetry.readings import Reading

# A fault reported longer ago than this arrives too late to act on (a gateway catching up);
# it is stored for the history and the model, but opens no case.
FRESH_FAULT = timedelta(hours=72)


def findings_of(diagnosis: Diagnosis) -> Findings:
    cause = diagnosis.cause
    return Findings(
        cause=cause.key,
        description=cause.description,
        urgency=cause.urgency.value,
        parts=cause.parts,
        explanation=diagnosis.explanation,
        failure_mode=cause.mode,
    )


def open_fault_cases(
    uow: TelemetryUnit,
    clock: Clock,
    catalogue: Catalogue,
    faults: Sequence[Reading],
    messenger: Messenger | None = None,
) -> list[str]:
    """Open a diagnosed case for each device with a fresh fault and no open case yet."""
    cutoff = clock.now() - FRESH_FAULT
    latest: dict[str, Reading] = {}
    for reading in faults:
        if reading.measured_at >= cutoff and reading.fault_code:
            known = latest.get(reading.device_id)
            if known is None or reading.measured_at > known.measured_at:
                latest[reading.device_id] = reading
    if not latest:
        return []
    uow.devices.lock(latest)  # concurrent batches for one device must not both open a case
    busy = uow.cases.open_cases_by_device(latest)
    opened = []
    for device_id in sorted(set(latest) - set(busy)):
        device = uow.devices.get(device_id)
        reading = latest[device_id]
        kind = catalogue.of(device.kind) if device is not None else None
        if device is None or kind is None or reading.fault_code is None:
            continue
        diagnosis = diagnose_fault(catalogue, kind, device.model, reading.fault_code)
        cause = diagnosis.cause
        case = open_device_case(
            uow,
            clock,
            device,
            CaseOrigin.FAULT_REPORTED,
            f"{device.model}: {cause.description}",
            cause.skill,
            cause.duration_minutes,
            urgent=diagnosis.urgent,
            findings=findings_of(diagnosis),
        )
        opened.append(case.id)
        if messenger is not None:
            invite_to_book(uow, clock, messenger, case)
    return opened
