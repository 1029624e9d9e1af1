"""Periodic maintenance on both databases: planned once, spread out, opened on its day."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseOrigin
from klantreis.core.cases import open_case
from klantreis.core.records import CaseRecord
from klantreis.telemetry.maintenance_service import run_maintenance
from tests.conftest import FixedClock
from tests.telemetry_world import add_fleet


def _periodic(container: Container) -> list:  # type: ignore[type-arg]
    with container.uow_factory(read_only=True) as uow:
        cases = uow.cases.list(0, 10_000)
    return [c for c in cases if c.origin is CaseOrigin.PERIODIC_MAINTENANCE]


def test_services_are_planned_once_spread_over_working_days_and_opened_on_their_day(
    container: Container, clock: FixedClock
) -> None:
    add_fleet(container, 120, contract_start=date(2019, 4, 1))  # due 1 Apr .. 30 May 2026
    with container.uow_factory() as uow:
        open_case(
            uow,
            clock,
            CaseRecord(customer_id="k-0", device_id="dev-0", origin=CaseOrigin.CUSTOMER_REQUEST),
            "busy-case",
        )
        uow.commit()
    with container.uow_factory() as uow:
        first = run_maintenance(uow, clock)
        uow.commit()
        load = uow.maintenance.load_from(date(2026, 3, 27))
    # due within the 56-day lead (by 22 May): starts 1 Apr .. 22 May, i % 60 in 0..51
    assert first.planned == sum(1 for i in range(120) if i % 60 <= 51)
    assert all(day.weekday() < 5 for day in load)
    # Opening each on the day it enters its notice would put 38 on today alone; only the
    # backlog due within a week (and the weekend before it) has no other day to go to.
    assert load[date(2026, 3, 27)] < 38 / 2
    later = [n for day, n in load.items() if day > date(2026, 3, 27)]
    assert max(later) <= 2 * sum(later) / len(later)
    assert len(first.opened) + first.joined_open_case == load[date(2026, 3, 27)]

    with container.uow_factory() as uow:
        again = run_maintenance(uow, clock)
        uow.commit()
    assert (again.planned, again.opened, again.joined_open_case) == (0, [], 0)

    clock.current += timedelta(days=3)  # Monday 30 March, after the switch to summer time
    with container.uow_factory() as uow:
        monday = run_maintenance(uow, clock)
        uow.commit()
    assert len(monday.opened) == load[date(2026, 3, 30)] - monday.joined_open_case
    periodic = _periodic(container)
    assert len(periodic) == len(first.opened) + len(monday.opened)
    assert len({c.device_id for c in periodic}) == len(periodic)
    assert "dev-0" not in {c.device_id for c in periodic}  # it rode along with its open case
    assert all("periodic service due 2026-" in c.summary for c in periodic)
    opened_days = Counter(c.opened_at.date() for c in periodic)
    assert len(opened_days) == 2


def test_an_opened_service_invites_the_customer_on_their_channel_and_moves_to_invited(
    container: Container, clock: FixedClock
) -> None:
    from klantreis.core.case import CaseState
    from klantreis.core.records import ContractRecord, DeviceRecord
    from klantreis.messaging.touchpoints import Touchpoint
    from tests.messaging_world import add_customer

    add_customer(container, "k-inv")
    with container.uow_factory() as uow:
        from klantreis.core.devices import register_device

        register_device(
            uow,
            DeviceRecord(
                customer_id="k-inv",
                kind="boiler",
                model="Remeha Tzerra Ace",
                serial="INV-1",
                installed_on=date(2019, 4, 1),
                contract=ContractRecord(
                    reference="SC-INV", start=date(2019, 4, 1), interval_months=12
                ),
            ),
            "dev-inv",
        )
        uow.commit()
    with container.uow_factory() as uow:
        report = run_maintenance(uow, clock, messenger=container.messenger)
        uow.commit()
        (case,) = [c for c in uow.cases.list(0, 100) if c.device_id == "dev-inv"]
        (invitation,) = [m for m in uow.outbox.list() if m.touchpoint is Touchpoint.INVITATION]
    assert report.invited == 1 and case.state is CaseState.INVITED
    assert "het jaarlijkse onderhoud komt eraan" in invitation.text
    assert invitation.case_id == case.id and "/b/" in invitation.text
