"""The technician's answer to "what did you find?", kept as the fleet model's label."""

from __future__ import annotations

from klantreis.core.case import CaseState
from klantreis.core.cases import get_case
from klantreis.core.errors import Conflict, Unprocessable
from klantreis.core.ports import Clock
from klantreis.telemetry.ports import TelemetryUnit
from klantreis.telemetry.visit_findings import ASKED_FOR, Found, VisitFinding

# On site, or done: a finding belongs to a visit that took place.
VISITED = frozenset({CaseState.ON_SITE, CaseState.RESOLVED, CaseState.CLOSED})


def record_finding(uow: TelemetryUnit, clock: Clock, case_id: str, found: Found) -> VisitFinding:
    case = get_case(uow, case_id)
    if case.origin not in ASKED_FOR or case.device_id is None:
        raise Unprocessable(
            "only a predicted or maintenance visit to a device is asked what was found",
            field="found",
        )
    if case.state not in VISITED:
        raise Conflict(f"the visit has not taken place (the case is {case.state.value})")
    finding = VisitFinding(
        case_id=case.id,
        device_id=case.device_id,
        found=found,
        recorded_at=clock.now(),
        failure_mode=case.findings.failure_mode if case.findings else None,
        model_version=case.findings.model_version if case.findings else None,
    )
    uow.visit_findings.record(finding)
    return finding


def precision_by_model_version(uow: TelemetryUnit) -> dict[int, dict[str, float | int]]:
    return prediction_precision(list(uow.visit_findings.all()))


def prediction_precision(findings: list[VisitFinding]) -> dict[int, dict[str, float | int]]:
    """Per model version: predicted visits answered, and the share that found the wear."""
    by_version: dict[int, list[VisitFinding]] = {}
    for f in findings:
        if f.model_version is not None:
            by_version.setdefault(f.model_version, []).append(f)
    figures: dict[int, dict[str, float | int]] = {}
    for version, answered in sorted(by_version.items()):
        confirmed = sum(f.found is Found.WEAR_CONFIRMED for f in answered)
        figures[version] = {
            "answered": len(answered),
            "wear_confirmed": confirmed,
            "precision": round(confirmed / len(answered), 3),
        }
    return figures
