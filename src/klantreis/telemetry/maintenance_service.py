"""Periodic maintenance: each contract's next visit planned onto an opening day, spread over
the weeks before it falls due; on its day the case opens (once: the plan row remembers it)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from klantreis.core.case import CaseOrigin
from klantreis.core.cases import open_device_case
from klantreis.core.device import Device
from klantreis.core.ports import Clock
from klantreis.messaging.notices import invite_to_book
from klantreis.messaging.outbox_service import Messenger
from klantreis.scheduling.days import ZONE
from klantreis.telemetry.maintenance import DueVisit, MaintenanceWindow, due_date, spread
from klantreis.telemetry.ports import PlannedOpening, TelemetryUnit

DEFAULT_WINDOW = MaintenanceWindow()
_SKILL = {"boiler": "boiler", "heat_pump": "heat_pump"}


@dataclass(slots=True)
class MaintenanceReport:
    planned: int = 0
    opened: list[str] = field(default_factory=list)
    joined_open_case: int = 0  # the device already had a case: the service rides along
    invited: int = 0


def run_maintenance(
    uow: TelemetryUnit,
    clock: Clock,
    window: MaintenanceWindow = DEFAULT_WINDOW,
    messenger: Messenger | None = None,
) -> MaintenanceReport:
    """Plan new due visits and open the cases whose day has come; safe to run again."""
    today = clock.now().astimezone(ZONE).date()
    report = MaintenanceReport()
    devices = {d.id: d for d in uow.devices.with_contracts()}
    visits = [
        DueVisit(d.id, due_date(d.contract, today))
        for d in devices.values()
        if d.contract is not None
    ]
    known = uow.maintenance.planned(devices)
    fresh = [v for v in visits if (v.device_id, v.due_on) not in known]
    openings = spread(fresh, today, window, Counter(uow.maintenance.load_from(today)))
    uow.maintenance.add_many(
        [PlannedOpening(o.device_id, o.due_on, o.open_on, None) for o in openings]
    )
    report.planned = len(openings)
    due = uow.maintenance.due_to_open(today)
    busy = uow.cases.open_cases_by_device(o.device_id for o in due)
    for opening in due:
        device = devices.get(opening.device_id) or uow.devices.get(opening.device_id)
        if device is None:
            continue
        if opening.device_id in busy:
            uow.maintenance.mark_opened(opening.device_id, opening.due_on, busy[opening.device_id])
            report.joined_open_case += 1
            continue
        case = open_device_case(
            uow,
            clock,
            device,
            CaseOrigin.PERIODIC_MAINTENANCE,
            f"{device.model}: periodic service due {opening.due_on.isoformat()}",
            _SKILL.get(device.kind.value, "white_goods"),
            60,
        )
        uow.maintenance.mark_opened(opening.device_id, opening.due_on, case.id)
        report.opened.append(case.id)
        if messenger is not None:
            report.invited += invite_to_book(uow, clock, messenger, case)
    return report


def service_to_bring_forward(
    uow: TelemetryUnit, device: Device, today: date, within: timedelta
) -> date | None:
    """The device's next periodic service, if it falls due within ``within`` of ``today``
    and no case was opened for it yet (one that was keeps it)."""
    if device.contract is None:
        return None
    due = due_date(device.contract, today)
    if due > today + within or uow.maintenance.opened_by(device.id, due) is not None:
        return None
    return due


def bring_forward(
    uow: TelemetryUnit, device_id: str, due_on: date, case_id: str, today: date
) -> None:
    """The periodic service due on ``due_on`` is done on the visit of ``case_id``: its plan row
    (made now if maintenance had not planned it yet) names that case, so no second case opens
    for it."""
    if (device_id, due_on) in uow.maintenance.planned([device_id]):
        uow.maintenance.mark_opened(device_id, due_on, case_id)
    else:
        uow.maintenance.add_many([PlannedOpening(device_id, due_on, today, case_id)])
