"""The figures of a run, read from what the services stored and what the twin saw."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta

from klantreis.app.ports import AppUnit
from klantreis.core.case import CaseAction, CaseOrigin, ServiceCase
from klantreis.core.customer import Persona
from klantreis.feedback.model import SurveyAnswer, net_promoter_score
from klantreis.sim.telemetry import wear_at
from klantreis.twin.ledger import Work
from klantreis.twin.world import World

ALL = "all"
FAILING_SOON = timedelta(days=21)


@dataclass(frozen=True, slots=True)
class Figures:
    """One row of the table: a policy, for everyone or for one persona.

    Route figures (km per visit, visits per technician-day) belong to whole days, so persona
    rows leave them out (None). The ledger's figures (per resolved case) are the work each
    case took, over all its visits, so they belong to a persona too.
    """

    group: str
    cases: int
    resolved_cases: int
    visited_share: float
    cost_per_resolved_case: float | None
    km_per_resolved_case: float | None
    hours_per_resolved_case: float | None
    hours_by_activity: dict[str, float]  # per resolved case: where the hours went
    km_per_visit: float | None
    visits_per_technician_day: float | None
    no_access_rate: float
    reschedules_per_case: float
    days_case_to_visit_median: float | None
    days_case_to_visit_mean: float | None
    breakdowns: int
    breakdowns_prevented: int
    downtime_days_per_breakdown: float | None
    contacts_per_case: float
    nps_proxy: float | None
    survey_answers: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def measure(uow: AppUnit, world: World, cases: Sequence[ServiceCase]) -> list[Figures]:
    """Overall figures first, then one row per persona, over the ``cases`` opened after the
    warm-up and before the run-out (read again with their history)."""
    persona = {cid: h.persona for cid, h in world.households.items()}
    measured = [
        full
        for c in cases
        if _measured(world, c.opened_at) and (full := uow.cases.get(c.id)) is not None
    ]
    answers = {a.case_id: a for a in uow.surveys.all()}
    rows = [_figures(ALL, measured, answers, world)]
    for group in Persona:
        own = [c for c in measured if persona.get(c.customer_id) is group]
        rows.append(_figures(group.value, own, answers, world, group))
    return rows


def _figures(
    group: str,
    cases: list[ServiceCase],
    answers: dict[str, SurveyAnswer],
    world: World,
    persona: Persona | None = None,
) -> Figures:
    whole_days = persona is None  # route figures belong to whole days, not to a persona
    arrivals = no_access = reschedules = contacts = 0
    waits = []
    work = Work()
    for case in cases:
        actions = [t.action for t in case.history]
        arrivals += actions.count(CaseAction.ARRIVE)
        no_access += actions.count(CaseAction.REPORT_NO_SHOW)
        reschedules += actions.count(CaseAction.RESCHEDULE)
        log = world.cases.get(case.id)
        contacts += log.contacts if log else 0
        if log is not None:
            work.add(log.work)
        resolved_at = next((t.at for t in case.history if t.action is CaseAction.RESOLVE), None)
        if resolved_at is not None:
            waits.append((resolved_at - case.opened_at).total_seconds() / 86_400)
    answered = [answers[c.id] for c in cases if c.id in answers]
    devices = [
        d
        for d in world.devices
        if persona is None or world.households[d.customer_id].persona is persona
    ]
    start = _midnight(world.config.start)
    failed = [d for d in devices if d.failed_at is not None and d.failed_at >= start]
    end = _midnight(world.config.end)
    downtime = [
        ((d.repaired_at or end) - d.failed_at).total_seconds() / 86_400
        for d in failed
        if d.failed_at is not None
    ]
    days = [d for d in world.days if d.day >= world.config.start]  # after the warm-up
    visits = sum(d.visits for d in days)
    used = sum(d.technicians_used for d in days)
    count = len(cases)
    resolved = len(waits)
    return Figures(
        group=group,
        cases=count,
        resolved_cases=resolved,
        visited_share=_share(resolved, count),
        cost_per_resolved_case=_ratio(world.config.rates.cost(work), resolved),
        km_per_resolved_case=_ratio(work.km, resolved),
        hours_per_resolved_case=_ratio(work.minutes / 60, resolved),
        hours_by_activity={
            name: _ratio(minutes / 60, resolved) or 0.0 for name, minutes in work.activities()
        },
        km_per_visit=_ratio(sum(d.km for d in days), visits) if whole_days else None,
        visits_per_technician_day=_ratio(visits, used) if whole_days else None,
        no_access_rate=_share(no_access, arrivals),
        reschedules_per_case=_share(reschedules, count),
        days_case_to_visit_median=round(statistics.median(waits), 2) if waits else None,
        days_case_to_visit_mean=round(statistics.fmean(waits), 2) if waits else None,
        breakdowns=len(failed),
        breakdowns_prevented=sum(
            1 for d in devices if d.prevented_at is not None and d.prevented_at >= start
        ),
        downtime_days_per_breakdown=round(statistics.fmean(downtime), 2) if downtime else None,
        contacts_per_case=_share(contacts, count),
        nps_proxy=net_promoter_score(answered),
        survey_answers=len(answered),
    )


@dataclass(frozen=True, slots=True)
class PredictionFigures:
    """What the predictive decisions achieved, judged by what the twin knows: which devices
    were truly wearing when a case was opened, and which connected devices broke."""

    predicted_cases: int
    predicted_before_failure: int  # on a device that was to fail within 21 days
    predicted_on_wearing: int  # on a device whose wear had begun when the case opened
    predicted_precision: float | None  # predicted_on_wearing / predicted_cases
    connected_breakdowns: int  # connected devices that broke
    connected_prevented: int  # connected devices mended while wearing, before they broke
    prevented_share_connected: float | None  # prevented / (prevented + broke)
    unnecessary_per_prevented: float | None  # predicted cases not on wear, per prevention

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def predictions(world: World, cases: Sequence[ServiceCase]) -> PredictionFigures:
    """Over the predicted cases opened and the devices that broke or were mended after the
    warm-up."""
    start = _midnight(world.config.start)
    predicted = [c for c in cases if c.origin is CaseOrigin.PREDICTED and c.opened_at >= start]
    on_wear = sum(1 for c in predicted if _wearing_when_opened(world, c))
    connected = [d for d in world.devices if d.connected]
    broke = sum(1 for d in connected if d.failed_at is not None and d.failed_at >= start)
    prevented = sum(1 for d in connected if d.prevented_at is not None and d.prevented_at >= start)
    return PredictionFigures(
        predicted_cases=len(predicted),
        predicted_before_failure=sum(1 for c in predicted if _failing_soon(world, c)),
        predicted_on_wearing=on_wear,
        predicted_precision=_ratio(on_wear, len(predicted)),
        connected_breakdowns=broke,
        connected_prevented=prevented,
        prevented_share_connected=_ratio(prevented, prevented + broke),
        unnecessary_per_prevented=_ratio(len(predicted) - on_wear, prevented),
    )


def _wearing_when_opened(world: World, case: ServiceCase) -> bool:
    """The device's wear had begun, and it had neither broken nor been mended yet."""
    device = world.by_device.get(case.device_id or "")
    failure = device.failure if device else None
    if device is None or failure is None or failure.at <= case.opened_at:
        return False
    if device.prevented_at is not None and device.prevented_at <= case.opened_at:
        return False
    return wear_at(failure, case.opened_at) > 0


def _failing_soon(world: World, case: ServiceCase) -> bool:
    device = world.by_device.get(case.device_id or "")
    failure = device.failure if device else None
    return failure is not None and timedelta(0) <= failure.at - case.opened_at <= FAILING_SOON


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def _measured(world: World, opened_at: datetime) -> bool:
    """Opened in the measured weeks: after the warm-up, before the run-out."""
    config = world.config
    return _midnight(config.start) <= opened_at < _midnight(config.measured_until)


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 2) if whole else None
