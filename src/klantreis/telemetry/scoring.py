"""The daily risk scan: every reporting device scored by its kind's champion model; a risk
worth a visit opens one predicted case carrying the signals that drove it, the kinds sharing
the technicians' spare time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from klantreis.core.case import CaseOrigin, Findings
from klantreis.core.cases import open_device_case
from klantreis.core.customer import Persona
from klantreis.core.device import DeviceKind
from klantreis.core.errors import Unprocessable
from klantreis.core.i18n import DEFAULT_ZONE as ZONE
from klantreis.core.ports import Clock
from klantreis.messaging.notices import invite_to_book
from klantreis.messaging.outbox_service import Messenger
from klantreis.telemetry.appliance_kinds import ApplianceKind, Catalogue
from klantreis.telemetry.diagnosis import cause_for_mode, diagnose_signals
from klantreis.telemetry.failure_time import FailureTime, fix_before
from klantreis.telemetry.fleet_features import (
    BASELINE,
    HORIZON,
    WINDOW,
    explain,
    window_features,
)
from klantreis.telemetry.maintenance_service import bring_forward, service_to_bring_forward
from klantreis.telemetry.ports import (
    FailurePredictor,
    ModelCodec,
    ModelRejected,
    RiskState,
    StoredModel,
    TelemetryUnit,
)
from klantreis.telemetry.predicted_visits import VisitEconomics, fleet_rate, shifted
from klantreis.telemetry.readings import Reading
from klantreis.telemetry.risk import RiskPolicy, step
from klantreis.telemetry.training import CHUNK, Progress


@dataclass(frozen=True, slots=True)
class ScanPolicy:
    """How the scan decides: by expected cost (``VisitEconomics``), on probabilities moved
    to the scored fleet's own failure rate, within the technicians' spare time."""

    economics: VisitEconomics = field(default_factory=VisitEconomics)
    rearm_share: float = 0.5  # a raised device may open again once below half its break-even
    capacity_share: float = 0.5  # of the spare technician time in the next days, at most
    capacity_days: int = 5
    lookback: timedelta = timedelta(days=60)  # the fleet's own failure rate, over this
    visit_minutes: int = 60  # what one predicted visit takes of the spare time, on average
    # A periodic service due this soon is done on the predicted visit instead of a second one.
    maintenance_within: timedelta = timedelta(weeks=6)


DEFAULT_POLICY = ScanPolicy()


@dataclass(slots=True)
class KindScan:
    """One appliance kind's part of the scan."""

    model_version: int
    devices_scored: int = 0
    trained_rate: float = 0.0  # P(failure within the horizon) where the model learned
    fleet_rate: float = 0.0  # ... in the fleet scored now


@dataclass(slots=True)
class ScanReport:
    kinds: dict[DeviceKind, KindScan] = field(default_factory=dict)
    unmodelled: list[DeviceKind] = field(default_factory=list)  # kinds with no model yet
    # Kinds whose model no longer fits (another feature set, say after the catalogue changed
    # its sensors), and why: they are not scored until retrained; the other kinds are.
    rejected: dict[DeviceKind, str] = field(default_factory=dict)
    raised: int = 0
    cases_opened: list[str] = field(default_factory=list)
    skipped_open_case: int = 0
    worth_a_visit: int = 0  # devices whose expected cost of waiting exceeds a visit
    over_capacity: int = 0  # ... of which not opened today: no spare technician time

    @property
    def devices_scored(self) -> int:
        return sum(k.devices_scored for k in self.kinds.values())


def combined_risk(per_mode: dict[str, float]) -> float:
    """P(any mode fails), treating the modes as independent."""
    survive = 1.0
    for p in per_mode.values():
        survive *= 1 - p
    return 1 - survive


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: ApplianceKind
    predictor: FailurePredictor
    version: int
    device_id: str
    row: list[float]
    risk: float
    mode: str
    net_euro: float  # expected cost of waiting minus a visit
    readings: list[Reading]


def scan_fleet(
    uow: TelemetryUnit,
    clock: Clock,
    codec: ModelCodec,
    catalogue: Catalogue,
    policy: ScanPolicy = DEFAULT_POLICY,
    progress: Progress | None = None,
    messenger: Messenger | None = None,
) -> ScanReport:
    report = ScanReport()
    candidates: list[_Candidate] = []
    for kind in catalogue.kinds.values():
        stored = uow.models.latest(kind.kind)
        if stored is None:
            report.unmodelled.append(kind.kind)
            continue
        try:
            predictor = codec.load(stored.artifact, kind)
        except ModelRejected as rejected:
            report.rejected[kind.kind] = (
                f"the {kind.kind} model v{stored.version} cannot be used: {rejected}"
            )
            continue
        candidates += _scan_kind(uow, clock, kind, stored, predictor, policy, report, progress)
    if not report.kinds:
        if report.rejected:
            raise Unprocessable("; ".join(report.rejected.values()) + " (retrain it)")
        raise Unprocessable("there is no fleet model yet: run `klantreis model train` first")
    report.worth_a_visit = len(candidates)
    now = clock.now()
    # A device that already has a case asking for work gets no second one, and no slot
    # (locked first, so that no case opens for it between this look and ours).
    uow.devices.lock(c.device_id for c in candidates)
    busy = uow.cases.open_cases_by_device(c.device_id for c in candidates)
    report.skipped_open_case = sum(1 for c in candidates if c.device_id in busy)
    free = [c for c in candidates if c.device_id not in busy]
    room = spare_visits(uow, now, policy)
    chosen = sorted(free, key=lambda c: -c.net_euro)[:room]
    report.over_capacity = len(free) - len(chosen)
    # Not opened for want of time: lowered again, so that tomorrow's scan considers them anew.
    opening = {c.device_id for c in chosen}
    uow.risk.save_many(
        [
            RiskState(c.device_id, False, c.risk, c.mode, c.version, now)
            for c in candidates
            if c.device_id not in opening
        ]
    )
    _open_chosen(uow, clock, catalogue, policy, chosen, report, messenger)
    return report


def _scan_kind(
    uow: TelemetryUnit,
    clock: Clock,
    kind: ApplianceKind,
    stored: StoredModel,
    predictor: FailurePredictor,
    policy: ScanPolicy,
    report: ScanReport,
    progress: Progress | None,
) -> list[_Candidate]:
    """Score every reporting device of one kind; the ones worth a visit are returned."""
    now = clock.now()
    scan = report.kinds[kind.kind] = KindScan(stored.version)
    scan.trained_rate = trained_rate(stored.manifest)
    faults, device_days = uow.telemetry.exposure(now - policy.lookback, kind.kind)
    scan.fleet_rate = fleet_rate(faults, device_days, HORIZON.days, scan.trained_rate)
    economics = policy.economics
    lowest = min(economics.break_even(p) for p in Persona) * policy.rearm_share
    device_ids = uow.telemetry.devices_reporting(now - WINDOW, kind.kind)
    candidates: list[_Candidate] = []
    for start in range(0, len(device_ids), CHUNK):
        chunk = device_ids[start : start + CHUNK]
        windows = uow.telemetry.window(chunk, now - BASELINE)  # the window and its baseline
        rows = [window_features(kind, windows.get(d, []), now) for d in chunk]
        scores = predictor.predict(rows)
        states = uow.risk.states(chunk)
        updated = []
        for device_id, row, per_mode in zip(chunk, rows, scores, strict=True):
            risk = shifted(combined_risk(per_mode), scan.trained_rate, scan.fleet_rate)
            mode = max(per_mode, key=lambda m: per_mode[m])
            previous = states.get(device_id)
            raised, opens = False, False
            if risk >= lowest:  # only then does whose device it is matter
                persona = _persona(uow, device_id)
                line = economics.break_even(persona)
                moved = step(
                    RiskPolicy(open_at=line, rearm_below=line * policy.rearm_share),
                    previous.raised if previous else False,
                    risk,
                )
                raised, opens = moved.raised, moved.open_case
                if opens:
                    net = economics.cost_of_waiting(risk, persona) - economics.visit_euro
                    readings = [
                        r for r in windows.get(device_id, []) if r.measured_at > now - WINDOW
                    ]
                    candidates.append(
                        _Candidate(
                            kind,
                            predictor,
                            stored.version,
                            device_id,
                            row,
                            risk,
                            mode,
                            net,
                            readings,
                        )
                    )
            updated.append(RiskState(device_id, raised, risk, mode, stored.version, now))
            report.raised += raised
        uow.risk.save_many(updated)
        scan.devices_scored += len(chunk)
        if progress:
            progress(min(start + CHUNK, len(device_ids)), len(device_ids))
    return candidates


def _open_chosen(
    uow: TelemetryUnit,
    clock: Clock,
    catalogue: Catalogue,
    policy: ScanPolicy,
    chosen: Sequence[_Candidate],
    report: ScanReport,
    messenger: Messenger | None,
) -> None:
    for candidate in chosen:
        [failure_time] = candidate.predictor.time_to_failure([candidate.row])
        case_id = _open_predicted(uow, clock, catalogue, policy, candidate, failure_time)
        if case_id:
            report.cases_opened.append(case_id)
            opened = uow.cases.get(case_id)
            if messenger is not None and opened is not None:
                invite_to_book(uow, clock, messenger, opened)


def trained_rate(manifest: dict[str, object]) -> float:
    """P(some failure within the horizon) in the rows the model learned from."""
    training = manifest.get("training")
    rows = training.get("rows", 0) if isinstance(training, dict) else 0
    failed = training.get("rows_with_a_failure") if isinstance(training, dict) else None
    if not isinstance(failed, int):  # an older manifest: per mode (a row may count twice)
        positives = training.get("positives", {}) if isinstance(training, dict) else {}
        failed = sum(v for v in positives.values() if isinstance(v, int))
    if not isinstance(rows, int) or rows <= 0:
        return 0.05
    return min(0.99, max(1e-4, failed / rows))


def spare_visits(uow: TelemetryUnit, now: datetime, policy: ScanPolicy) -> int:
    """How many predicted visits fit in the share of the technicians' unbooked time over the
    next days that predicted cases may take (the rest stays for breakdowns and customers)."""
    first = now.astimezone(ZONE).date() + timedelta(days=1)
    last = first + timedelta(days=policy.capacity_days - 1)
    shift_minutes = 0.0
    for technician in uow.technicians.list(0, 1_000_000):
        for n in range(policy.capacity_days):
            shift = technician.shift_on((first + timedelta(days=n)).weekday())
            if shift is not None:
                shift_minutes += (shift.end.hour * 60 + shift.end.minute) - (
                    shift.start.hour * 60 + shift.start.minute
                )
    booked = sum(b.service_minutes for b in uow.bookings.active_between(first, last))
    spare = max(0.0, shift_minutes - booked)
    return int(policy.capacity_share * spare / policy.visit_minutes)


def _persona(uow: TelemetryUnit, device_id: str) -> Persona:
    device = uow.devices.get(device_id)
    customer = uow.customers.get(device.customer_id) if device else None
    return customer.persona if customer else Persona.FAMILY


def _open_predicted(
    uow: TelemetryUnit,
    clock: Clock,
    catalogue: Catalogue,
    policy: ScanPolicy,
    candidate: _Candidate,
    failure_time: FailureTime | None = None,
) -> str | None:
    device = uow.devices.get(candidate.device_id)
    if device is None:
        return None
    today = clock.now().astimezone(ZONE).date()
    service_due = service_to_bring_forward(uow, device, today, policy.maintenance_within)
    with_service = (
        [f"the periodic service due {service_due} is brought forward to this visit"]
        if service_due
        else []
    )
    kind, mode, risk = candidate.kind, candidate.mode, candidate.risk
    signals = diagnose_signals(catalogue, kind, candidate.readings)
    likely = cause_for_mode(catalogue, kind, mode, signals)
    deadline = fix_before(clock.now(), failure_time) if failure_time else None
    when = (
        [f"if it fails, likely in {failure_time.median_days:.0f} days: visit before {deadline}"]
        if failure_time and deadline
        else []
    )
    explanation = (
        f"{risk:.0%} risk of a {mode} failure within {HORIZON.days} days "
        f"({kind.kind} fleet model v{candidate.version})",
        *when,
        *explain(kind, candidate.row, candidate.predictor.typical),
        *(note for d in signals for note in d.explanation),
        *with_service,
    )
    case = open_device_case(
        uow,
        clock,
        device,
        CaseOrigin.PREDICTED,
        f"{device.model}: {likely.description} (predicted"
        + (f"; with the periodic service due {service_due})" if service_due else ")"),
        likely.skill,
        likely.duration_minutes,
        findings=Findings(
            cause=likely.key,
            description=likely.description,
            urgency=likely.urgency.value,
            parts=likely.parts,
            explanation=tuple(dict.fromkeys(explanation)),
            risk=round(risk, 4),
            failure_mode=mode,
            model_version=candidate.version,
            fix_before=deadline,
        ),
    )
    if service_due:
        bring_forward(uow, device.id, service_due, case.id, today)
    return case.id
