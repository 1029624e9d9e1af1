"""Seeding a demo organisation, and the cases that make its pages worth looking at."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from klantreis.app.ports import AppUnit
from klantreis.core.case import CaseAction, CaseOrigin
from klantreis.core.cases import act_on_case, open_case
from klantreis.core.device import DeviceKind
from klantreis.core.errors import Unprocessable
from klantreis.core.ids import new_id
from klantreis.core.ports import Clock, Gazetteer
from klantreis.core.records import (
    CaseRecord,
    CustomerRecord,
    DeviceRecord,
    ImportableRecord,
    TechnicianRecord,
)
from klantreis.imports import ImportKind, ImportReport, store_records

# How far along the journey demo cases are: (share, the moves that bring a case there).
_CASE_PATHS: list[tuple[float, list[CaseAction]]] = [
    (0.30, []),
    (0.25, [CaseAction.INVITE]),
    (0.20, [CaseAction.INVITE, CaseAction.BOOK]),
    (0.10, [CaseAction.INVITE, CaseAction.BOOK, CaseAction.RESCHEDULE]),
    (0.10, [CaseAction.INVITE, CaseAction.BOOK, CaseAction.PLAN]),
    (0.05, [CaseAction.INVITE, CaseAction.CANCEL]),
]


@dataclass(frozen=True, slots=True)
class SeedSummary:
    customers: ImportReport
    devices: ImportReport
    technicians: ImportReport
    cases_opened: int


def seed_demo(
    uow: AppUnit,
    gazetteer: Gazetteer,
    clock: Clock,
    customers: list[CustomerRecord],
    devices: list[DeviceRecord],
    technicians: list[TechnicianRecord],
    *,
    case_share: float = 0.1,
    seed: int = 7,
    progress: Callable[[str, int], None] | None = None,
) -> SeedSummary:
    """Store the organisation (idempotent by external id) and open demo cases once."""
    reports = []
    for kind, records in (
        (ImportKind.CUSTOMERS, customers),
        (ImportKind.DEVICES, devices),
        (ImportKind.TECHNICIANS, technicians),
    ):
        numbered: list[tuple[int, ImportableRecord]] = list(enumerate(records, start=1))
        report = store_records(
            uow, gazetteer, kind, numbered, ImportReport(kind, rows=len(records))
        )
        if not report.ok:
            raise Unprocessable(f"demo {kind.value} invalid: {report.errors[0]}")
        reports.append(report)
        if progress:
            progress(kind.value, len(records))
    opened = 0
    if reports[0].created:  # only a fresh organisation gets demo cases
        opened = _open_demo_cases(uow, clock, devices, case_share, seed, progress)
    return SeedSummary(reports[0], reports[1], reports[2], opened)


def _open_demo_cases(
    uow: AppUnit,
    clock: Clock,
    devices: list[DeviceRecord],
    share: float,
    seed: int,
    progress: Callable[[str, int], None] | None,
) -> int:
    rng = random.Random(seed)
    customer_ids = uow.customers.ids_by_external_id(d.customer_id for d in devices)
    device_ids = uow.devices.ids_by_external_id(str(d.external_id) for d in devices)
    chosen = [d for d in devices if rng.random() < share]
    for device in chosen:
        heating = device.kind in (DeviceKind.BOILER, DeviceKind.HEAT_PUMP)
        origin = rng.choice(
            [
                CaseOrigin.PREDICTED,
                CaseOrigin.FAULT_REPORTED,
                CaseOrigin.PERIODIC_MAINTENANCE
                if heating and device.contract
                else CaseOrigin.CUSTOMER_REQUEST,
            ]
        )
        record = CaseRecord(
            customer_id=customer_ids[device.customer_id],
            device_id=device_ids[str(device.external_id)],
            origin=origin,
            summary=_summary(origin, device),
            duration_minutes=rng.choice([45, 60, 60, 90]),
            required_skills=[
                "boiler"
                if device.kind is DeviceKind.BOILER
                else "heat_pump"
                if device.kind is DeviceKind.HEAT_PUMP
                else "white_goods"
            ],
        )
        case = open_case(uow, clock, record, new_id())
        path = rng.choices([p for _, p in _CASE_PATHS], weights=[w for w, _ in _CASE_PATHS])[0]
        for action in path:
            act_on_case(uow, clock, case.id, action)
    if progress:
        progress("cases", len(chosen))
    return len(chosen)


def _summary(origin: CaseOrigin, device: DeviceRecord) -> str:
    return {
        CaseOrigin.PREDICTED: f"{device.model}: failure risk rising (fleet model)",
        CaseOrigin.FAULT_REPORTED: f"{device.model} reported a fault code",
        CaseOrigin.PERIODIC_MAINTENANCE: f"{device.model}: yearly maintenance due",
        CaseOrigin.CUSTOMER_REQUEST: f"{device.model}: customer asked for a visit",
    }[origin]
