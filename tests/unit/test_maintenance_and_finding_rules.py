"""Periodic maintenance and technicians' findings without a database: the contract's visit
is planned once, opens on its day, rides along with a case already open, and a finding is
asked only of a visit that took place."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from klantreis.core.case import CaseAction, CaseOrigin, CaseState
from klantreis.core.cases import act_on_case, open_case
from klantreis.core.customers import register_customer
from klantreis.core.device import DeviceKind
from klantreis.core.devices import build_device
from klantreis.core.errors import Conflict, Unprocessable
from klantreis.core.postcodes import Pc4Gazetteer
from klantreis.core.records import CaseRecord, ContractRecord, CustomerRecord, DeviceRecord
from klantreis.telemetry.findings_service import precision_by_model_version, record_finding
from klantreis.telemetry.maintenance_service import run_maintenance
from klantreis.telemetry.visit_findings import Found
from tests.conftest import FixedClock
from tests.fakes import FakeUnitOfWork

# A contract started on 15 December 2025: its yearly service falls due on 15 December 2026.
TODAY = FixedClock(datetime(2026, 11, 2, 8, 0, tzinfo=UTC))


def _fleet(*device_ids: str) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    for n, device_id in enumerate(device_ids):
        customer = CustomerRecord(
            surname=f"Klant {n}", street="Kerkstraat", house_number=str(n + 1), postcode="3511 AB"
        )
        register_customer(uow, Pc4Gazetteer.packaged(), customer, f"k{n}")
        record = DeviceRecord(
            customer_id=f"k{n}",
            kind=DeviceKind.BOILER,
            model="Remeha Tzerra",
            serial=f"S{n}",
            installed_on=date(2020, 1, 1),
            contract=ContractRecord(reference=f"C{n}", start=date(2025, 12, 15)),
        )
        uow.devices.add(build_device(record, device_id, f"k{n}"))
    return uow


def _on(day: date) -> FixedClock:
    return FixedClock(datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC))


def test_each_contract_s_visit_is_planned_once_and_opens_a_case_on_its_day() -> None:
    uow = _fleet("d1", "d2")
    first = run_maintenance(uow, TODAY)
    assert first.planned == 2
    assert run_maintenance(uow, TODAY).planned == 0  # planned once
    days = sorted(o.open_on for o in uow.maintenance.openings.values())
    # Opened between today and three weeks before the due date, so the customer can book.
    assert date(2026, 11, 2) <= days[0] and days[-1] <= date(2026, 11, 24)
    opened = run_maintenance(uow, _on(days[-1])).opened + first.opened
    assert len(opened) == 2
    cases = [uow.cases.get(case_id) for case_id in opened]
    assert all(c is not None and c.origin is CaseOrigin.PERIODIC_MAINTENANCE for c in cases)
    assert run_maintenance(uow, _on(date(2026, 12, 10))).opened == []  # each opens once


def test_a_device_with_a_case_already_open_has_its_service_ride_along() -> None:
    uow = _fleet("d1")
    open_case(
        uow,
        TODAY,
        CaseRecord(customer_id="k0", device_id="d1", origin=CaseOrigin.FAULT_REPORTED),
        "fault-1",
    )
    first = run_maintenance(uow, TODAY)
    day = max(o.open_on for o in uow.maintenance.openings.values())
    later = run_maintenance(uow, _on(day))
    assert first.opened == later.opened == []
    assert first.joined_open_case + later.joined_open_case == 1
    assert uow.maintenance.opened_by("d1", date(2026, 12, 15)) == "fault-1"


def _visited_maintenance_case(uow: FakeUnitOfWork) -> str:
    case = open_case(
        uow,
        TODAY,
        CaseRecord(customer_id="k0", device_id="d1", origin=CaseOrigin.PERIODIC_MAINTENANCE),
        "m-1",
    )
    for action in (CaseAction.BOOK, CaseAction.PLAN, CaseAction.DEPART, CaseAction.ARRIVE):
        act_on_case(uow, TODAY, case.id, action)
    return case.id


def test_a_finding_is_asked_only_of_a_visit_that_took_place_and_a_second_replaces_it() -> None:
    uow = _fleet("d1")
    case = open_case(
        uow,
        TODAY,
        CaseRecord(customer_id="k0", device_id="d1", origin=CaseOrigin.PERIODIC_MAINTENANCE),
        "early",
    )
    with pytest.raises(Conflict, match="has not taken place"):
        record_finding(uow, TODAY, case.id, Found.WEAR_CONFIRMED)
    visited = _visited_maintenance_case(uow)
    assert uow.cases.get(visited).state is CaseState.ON_SITE  # type: ignore[union-attr]
    record_finding(uow, TODAY, visited, Found.NOTHING_FOUND)
    record_finding(uow, TODAY, visited, Found.WEAR_CONFIRMED)
    assert [f.found for f in uow.visit_findings.all()] == [Found.WEAR_CONFIRMED]


def test_a_customer_s_own_request_is_not_asked_what_the_model_should_learn() -> None:
    uow = _fleet("d1")
    case = open_case(
        uow,
        TODAY,
        CaseRecord(customer_id="k0", device_id="d1", origin=CaseOrigin.CUSTOMER_REQUEST),
        "ask-1",
    )
    with pytest.raises(Unprocessable, match="only a predicted or maintenance visit"):
        record_finding(uow, TODAY, case.id, Found.NOTHING_FOUND)
    assert precision_by_model_version(uow) == {}
