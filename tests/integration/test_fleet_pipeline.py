"""From telemetry to predicted cases on both databases: train, scan with hysteresis, replay."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseOrigin, CaseState
from klantreis.core.customer import Persona
from klantreis.core.device import DeviceKind
from klantreis.core.errors import Unprocessable
from klantreis.telemetry.fleet.telemetry_model import SklearnModelCodec
from klantreis.telemetry.ingest import ingest_readings
from klantreis.telemetry.maintenance import MaintenanceWindow, due_date
from klantreis.telemetry.maintenance_service import run_maintenance
from klantreis.telemetry.predicted_visits import VisitEconomics
from klantreis.telemetry.scoring import scan_fleet
from klantreis.telemetry.training import train_fleet_model
from tests.conftest import FixedClock
from tests.scheduling_world import utrecht
from tests.telemetry_world import add_fleet, send_history

HISTORY = timedelta(days=50)
AMS = ZoneInfo("Europe/Amsterdam")


def _cases(container: Container, origin: CaseOrigin) -> list:  # type: ignore[type-arg]
    with container.uow_factory(read_only=True) as uow:
        return [c for c in uow.cases.list(0, 10_000) if c.origin is origin]


def test_the_fleet_model_opens_one_predicted_case_per_risky_device_and_replays_add_nothing(
    container: Container, clock: FixedClock
) -> None:
    now = clock.now()
    utrecht(container)  # three technicians: time to visit what the model finds
    devices = add_fleet(container, 160)
    failures, sent = send_history(container, devices, now - HISTORY, 62, until=now)
    codec = SklearnModelCodec()
    with container.uow_factory() as uow:
        outcome = train_fleet_model(uow, clock, codec, container.appliances, HISTORY)
        uow.commit()
    [report] = outcome.trained  # boilers only: the other kinds sent nothing to learn from
    assert report.kind is DeviceKind.BOILER and report.promoted and report.champion_version is None
    assert report.version == 1 and report.devices == 160
    assert report.evaluation["any_failure"]["roc_auc"] > 0.75
    assert set(outcome.skipped) == {
        DeviceKind.HEAT_PUMP,
        DeviceKind.DISHWASHER,
        DeviceKind.WASHING_MACHINE,
    }

    with container.uow_factory() as uow:
        scan = scan_fleet(uow, clock, codec, container.appliances)
        uow.commit()
    assert scan.kinds[DeviceKind.BOILER].devices_scored == 160
    assert set(scan.unmodelled) == set(outcome.skipped)
    predicted = _cases(container, CaseOrigin.PREDICTED)
    assert scan.cases_opened and len(predicted) == len(scan.cases_opened)
    assert len({c.device_id for c in predicted}) == len(predicted)
    wearing = {f"dev-{int(f.serial[1:])}" for f in failures if now < f.at <= now + timedelta(14)}
    hits = sum(c.device_id in wearing for c in predicted)
    assert hits / len(predicted) >= 0.6  # most alarms fall on devices that are wearing out
    case = predicted[0]
    assert case.findings is not None and case.findings.risk is not None
    assert case.findings.risk >= VisitEconomics().break_even(Persona.FAMILY)
    assert case.findings.model_version == 1
    assert "boiler fleet model v1" in case.findings.explanation[0]
    assert case.state is CaseState.OPENED and case.required_skills
    # When, not only whether: the time to failure beats a naive guess on held-out devices,
    # and each case carries the day a visit must come before.
    timing = report.evaluation["time_to_failure"]
    assert timing["rmse_days"] < timing["naive_rmse_days"]
    today = now.astimezone(AMS).date()
    deadlines = {c.device_id: c.findings.fix_before for c in predicted if c.findings}
    assert all(d is not None and d >= today + timedelta(days=2) for d in deadlines.values())
    failing = {f"dev-{int(f.serial[1:])}": f.at.astimezone(AMS).date() for f in failures}
    in_time = [deadlines[d] <= failing[d] for d in deadlines if d in wearing]  # type: ignore[operator]
    assert sum(in_time) / len(in_time) >= 0.6  # the deadline mostly comes before the failure

    with container.uow_factory() as uow:
        again = scan_fleet(uow, clock, codec, container.appliances)
        uow.commit()
    assert again.cases_opened == []  # the risk is still high, but the line was crossed once

    readings_before = _count(container)
    cases_before = len(_cases(container, CaseOrigin.FAULT_REPORTED))
    last_day = [r for r in sent if str(r["at"]) >= (now - timedelta(days=1)).isoformat()]
    with container.uow_factory() as uow:
        replay = ingest_readings(uow, clock, container.appliances, last_day)
        uow.commit()
    assert replay.stored == 0 and replay.duplicates == len(last_day) and replay.cases_opened == []
    assert _count(container) == readings_before
    assert len(_cases(container, CaseOrigin.FAULT_REPORTED)) == cases_before


def _count(container: Container) -> int:
    with container.uow_factory(read_only=True) as uow:
        return uow.telemetry.count()


def test_scanning_without_a_model_or_with_a_foreign_one_is_refused(
    sqlite_container: Container, clock: FixedClock
) -> None:
    codec = SklearnModelCodec()
    catalogue = sqlite_container.appliances
    with sqlite_container.uow_factory() as uow, pytest.raises(Unprocessable, match="model train"):
        scan_fleet(uow, clock, codec, catalogue)
    from tests.unit.test_fleet_model_file import _model

    with sqlite_container.uow_factory() as uow:
        uow.models.add(DeviceKind.BOILER, clock.now(), {"note": "foreign"}, _model().to_bytes())
        uow.commit()
    with (
        sqlite_container.uow_factory() as uow,
        pytest.raises(
            Unprocessable,
            match="the boiler model v1 cannot be used: the model is for feature set 'test-v1'",
        ),
    ):
        scan_fleet(uow, clock, codec, catalogue)


def test_training_without_telemetry_says_what_is_missing(
    sqlite_container: Container, clock: FixedClock
) -> None:
    with sqlite_container.uow_factory() as uow, pytest.raises(Unprocessable, match="21 days"):
        train_fleet_model(uow, clock, SklearnModelCodec(), sqlite_container.appliances, HISTORY)


def test_retention_deletes_only_readings_older_than_the_period(
    sqlite_container: Container, clock: FixedClock
) -> None:
    devices = add_fleet(sqlite_container, 3)
    now = clock.now()
    send_history(
        sqlite_container, devices, now - timedelta(days=10), 10, until=now, failure_share=0
    )
    with sqlite_container.uow_factory() as uow:
        deleted = uow.telemetry.prune(now - timedelta(days=5))
        uow.commit()
        remaining = uow.telemetry.window(["dev-0"], now - timedelta(days=30))["dev-0"]
    assert deleted == 3 * 5 * 4  # five days of four readings a day, per device
    assert min(r.measured_at for r in remaining) >= now - timedelta(days=5)


def test_predicted_visits_wait_for_spare_technician_time(
    container: Container, clock: FixedClock
) -> None:
    now = clock.now()
    devices = add_fleet(container, 160)
    send_history(container, devices, now - HISTORY, 62, until=now)
    codec = SklearnModelCodec()
    with container.uow_factory() as uow:
        train_fleet_model(uow, clock, codec, container.appliances, HISTORY)
        scan = scan_fleet(uow, clock, codec, container.appliances)  # no technicians yet
        uow.commit()
    assert scan.worth_a_visit > 0 and scan.over_capacity == scan.worth_a_visit
    assert scan.cases_opened == [] and _cases(container, CaseOrigin.PREDICTED) == []
    utrecht(container)
    with container.uow_factory() as uow:
        later = scan_fleet(uow, clock, codec, container.appliances)  # now with time to visit
        uow.commit()
    assert len(later.cases_opened) + later.skipped_open_case == scan.worth_a_visit
    assert later.cases_opened and later.over_capacity == 0


def test_a_periodic_service_due_within_weeks_is_done_on_the_predicted_visit(
    sqlite_container: Container, clock: FixedClock
) -> None:
    """Contracts fall due from 1 April to 30 May; today is 27 March. A predicted case on a
    device due within six weeks takes its service along, and maintenance opens no second case
    for it; a device due later keeps its own maintenance visit."""
    now = clock.now()
    utrecht(sqlite_container)
    devices = add_fleet(sqlite_container, 160, contract_start=date(2025, 4, 1))
    send_history(sqlite_container, devices, now - HISTORY, 62, until=now)
    codec, catalogue = SklearnModelCodec(), sqlite_container.appliances
    with sqlite_container.uow_factory() as uow:
        train_fleet_model(uow, clock, codec, catalogue, HISTORY)
        scan = scan_fleet(uow, clock, codec, catalogue)
        uow.commit()
    predicted = _cases(sqlite_container, CaseOrigin.PREDICTED)
    assert len(predicted) == len(scan.cases_opened) > 0
    today = now.astimezone(AMS).date()
    with sqlite_container.uow_factory() as uow:
        due = {d.id: due_date(d.contract, today) for d in uow.devices.with_contracts()}
        run_maintenance(uow, clock, MaintenanceWindow(lead_days=70, notice_days=21))
        uow.commit()
    brought = [c for c in predicted if due[str(c.device_id)] <= today + timedelta(weeks=6)]
    later = [c for c in predicted if due[str(c.device_id)] > today + timedelta(weeks=6)]
    assert brought, "no predicted case fell on a device due within six weeks"
    with sqlite_container.uow_factory(read_only=True) as uow:
        for case in brought:  # the plan row names the predicted case as the one doing it
            due_on = due[str(case.device_id)]
            assert uow.maintenance.opened_by(str(case.device_id), due_on) == case.id
    for case in brought:
        assert "with the periodic service due" in case.summary
        assert any("brought forward" in line for line in case.findings.explanation)  # type: ignore[union-attr]
    for case in later:
        assert "periodic service" not in case.summary
    serviced = {c.device_id for c in _cases(sqlite_container, CaseOrigin.PERIODIC_MAINTENANCE)}
    assert not serviced & {c.device_id for c in brought}  # no second visit for them
    assert serviced  # the other devices due soon still get theirs
