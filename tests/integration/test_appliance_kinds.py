"""Every appliance kind in the catalogue learns from its own fleet on both databases: its
readings are checked against its sensors, one model per kind is trained and scores only its
kind, predicted cases carry that kind's causes and skills; a retrained model replaces the
champion only when it does better on the same held-out devices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from klantreis.app.api import create_app
from klantreis.app.bootstrap import Container
from klantreis.core.case import CaseOrigin
from klantreis.core.common import Language
from klantreis.core.device import DeviceKind
from klantreis.staff.model import StaffRole
from klantreis.telemetry.fleet.telemetry_model import SklearnModelCodec
from klantreis.telemetry.ingest import ingest_readings
from klantreis.telemetry.ports import ModelRejected
from klantreis.telemetry.scoring import scan_fleet
from klantreis.telemetry.training import build_training_set, train_fleet_model
from tests.conftest import FixedClock
from tests.scheduling_world import utrecht
from tests.staff_world import sign_in_as
from tests.telemetry_world import add_fleet, send_history

HISTORY = timedelta(days=50)
OTHER_KINDS = (DeviceKind.HEAT_PUMP, DeviceKind.DISHWASHER, DeviceKind.WASHING_MACHINE)


@pytest.mark.slow
def test_every_catalogued_kind_trains_scores_and_opens_cases_of_its_own(
    container: Container, clock: FixedClock
) -> None:
    now = clock.now()
    utrecht(container)
    catalogue = container.appliances
    for kind in catalogue.kinds:
        devices = add_fleet(container, 90, kind=kind)
        send_history(container, devices, now - HISTORY, 62, until=now)
    codec = SklearnModelCodec()
    with container.uow_factory() as uow:
        outcome = train_fleet_model(uow, clock, codec, catalogue, HISTORY)
        uow.commit()
    assert {r.kind for r in outcome.trained} == set(catalogue.kinds) and not outcome.skipped
    for report in outcome.trained:
        assert report.devices == 90, report.kind
        assert set(report.positives) == set(catalogue.kinds[report.kind].modes)
        assert report.evaluation["any_failure"]["roc_auc"] > 0.7, report.kind

    with container.uow_factory() as uow:
        scan = scan_fleet(uow, clock, codec, catalogue)
        uow.commit()
        predicted = [c for c in uow.cases.list(0, 10_000) if c.origin is CaseOrigin.PREDICTED]
        kind_of = {d.id: d.kind for d in uow.devices.list(0, 10_000)}
    assert {k: s.devices_scored for k, s in scan.kinds.items()} == dict.fromkeys(
        catalogue.kinds, 90
    )
    by_kind: dict[DeviceKind, list[str]] = {}
    for case in predicted:
        assert case.device_id is not None and case.findings is not None
        kind = catalogue.kinds[kind_of[case.device_id]]
        cause = catalogue.cause(str(case.findings.cause))
        assert case.findings.failure_mode in kind.modes
        assert case.required_skills == {kind.skill} == {cause.skill}
        assert f"{kind.kind} fleet model v" in case.findings.explanation[0]
        by_kind.setdefault(kind.kind, []).append(case.id)
    assert set(by_kind) == set(catalogue.kinds)  # every kind's model found wear to visit


def test_a_model_for_another_kind_is_refused_at_load(
    sqlite_container: Container, clock: FixedClock
) -> None:
    now = clock.now()
    devices = add_fleet(sqlite_container, 40)
    send_history(sqlite_container, devices, now - HISTORY, 62, until=now)
    codec = SklearnModelCodec()
    with sqlite_container.uow_factory() as uow:
        [report] = train_fleet_model(
            uow, clock, codec, sqlite_container.appliances, HISTORY
        ).trained
        uow.commit()
        boiler_model = uow.models.latest(DeviceKind.BOILER)
    assert boiler_model is not None and boiler_model.version == report.version
    dishwasher = sqlite_container.appliances.kinds[DeviceKind.DISHWASHER]
    with pytest.raises(
        ModelRejected,
        match="the model is for feature set 'boiler-telemetry-v3', not 'dishwasher-telemetry-v3'",
    ):
        codec.load(boiler_model.artifact, dishwasher)


def test_a_reading_is_checked_against_its_own_devices_kind(
    container: Container, clock: FixedClock
) -> None:
    add_fleet(container, 1)
    add_fleet(container, 1, kind=DeviceKind.DISHWASHER)
    at = (clock.now() - timedelta(hours=1)).isoformat()
    with container.uow_factory() as uow:
        result = ingest_readings(
            uow,
            clock,
            container.appliances,
            [
                {"serial": "B0000", "at": at, "pressure_bar": 1.5},
                {"serial": "B0000", "at": at, "drain_seconds": 90},
                {"serial": "DWB0000", "at": at, "drain_seconds": 95, "cycles": 310},
                {"serial": "DWB0000", "at": at, "water_temp_c": 180},
                {"serial": "DWB0000", "at": at, "Drain Seconds": 95},
            ],
        )
        uow.commit()
        stored = uow.telemetry.window(["dev-dw0"], clock.now() - timedelta(days=1))
    assert result.stored == 2
    assert [(r.index, r.field) for r in result.rejected] == [
        (1, "drain_seconds"),
        (3, "water_temp_c"),
        (4, "reading"),
    ]
    assert "a boiler has no sensor 'drain_seconds'" in result.rejected[0].reason
    assert "180 °C is impossible (outside 0..100)" in result.rejected[1].reason
    assert "not a sensor name" in result.rejected[2].reason
    assert stored["dev-dw0"][0].values == {"drain_seconds": 95.0, "cycles": 310.0}


def test_a_challenger_that_does_no_better_keeps_the_champion_scoring(
    sqlite_container: Container, clock: FixedClock
) -> None:
    """The champion learned from a month of history, twenty days ago; the challenger from
    three weeks, which leave it two days of rows. Both are judged on the challenger's held-out
    devices, on rows the champion never saw (cut after it was trained): the champion has the
    lower Brier score, so the challenger is stored but does not score."""
    now = clock.now()
    utrecht(sqlite_container)
    devices = add_fleet(sqlite_container, 120)
    send_history(sqlite_container, devices, now - timedelta(days=55), 62, until=now)
    codec, catalogue = SklearnModelCodec(), sqlite_container.appliances
    clock.current = now - timedelta(days=20)
    with sqlite_container.uow_factory() as uow:
        [champion] = train_fleet_model(uow, clock, codec, catalogue, timedelta(30)).trained
        uow.commit()
    clock.current = now
    with sqlite_container.uow_factory() as uow:
        [challenger] = train_fleet_model(uow, clock, codec, catalogue, timedelta(22)).trained
        uow.commit()
        scoring = uow.models.latest(DeviceKind.BOILER)
        stored = {m.version: m for m in uow.models.list()}
    versus = challenger.evaluation["versus_champion"]
    assert challenger.champion_version == champion.version and versus["champion_usable"]
    assert versus["champion_version"] == champion.version  # kept with the model
    assert versus["rows"] > 0 and versus["champion_brier"] < versus["challenger_brier"]
    assert not challenger.promoted and not stored[challenger.version].promoted
    assert scoring is not None and scoring.version == champion.version
    with sqlite_container.uow_factory() as uow:
        scan = scan_fleet(uow, clock, codec, catalogue)
    assert scan.kinds[DeviceKind.BOILER].model_version == champion.version


def test_a_challenger_with_no_rows_the_champion_has_not_seen_is_promoted(
    sqlite_container: Container, clock: FixedClock
) -> None:
    now = clock.now()
    devices = add_fleet(sqlite_container, 40)
    send_history(sqlite_container, devices, now - HISTORY, 62, until=now)
    codec, catalogue = SklearnModelCodec(), sqlite_container.appliances
    with sqlite_container.uow_factory() as uow:
        train_fleet_model(uow, clock, codec, catalogue, HISTORY)
        [second] = train_fleet_model(uow, clock, codec, catalogue, HISTORY).trained
        uow.commit()
        scoring = uow.models.latest(DeviceKind.BOILER)
    versus = second.evaluation["versus_champion"]
    assert not versus["champion_usable"] and "no held-out rows after" in versus["reason"]
    assert second.promoted and scoring is not None and scoring.version == second.version


def test_the_analysts_see_each_kinds_calibration_on_held_out_devices(
    sqlite_container: Container, clock: FixedClock
) -> None:
    now = clock.now()
    devices = add_fleet(sqlite_container, 60)
    send_history(sqlite_container, devices, now - HISTORY, 62, until=now)
    with sqlite_container.uow_factory() as uow:
        [report] = train_fleet_model(
            uow, clock, SklearnModelCodec(), sqlite_container.appliances, HISTORY
        ).trained
        uow.commit()
    measured = report.evaluation["reliability"]
    assert sum(p["rows"] for p in measured["points"]) == report.evaluation["test_rows"]
    assert measured["realised_failures"] == report.evaluation["any_failure"]["positives"]
    with TestClient(create_app(sqlite_container), base_url="https://testserver") as client:
        sign_in_as(client, sqlite_container, StaffRole.ANALYST, language=Language.EN)
        page = client.get("/staff/analytics")
    assert page.status_code == 200
    row = (
        f"<td>boiler</td><td>v{report.version}</td><td>{report.evaluation['test_rows']}</td>"
        f"<td>{measured['expected_failures']:.1f}</td><td>{measured['realised_failures']}</td>"
    )
    assert row in page.text
    assert "share that failed" in page.text  # the reliability diagram's data is on the page


def test_a_large_fleet_trains_on_every_failed_device_and_a_fixed_sample_of_the_rest(
    container: Container, clock: FixedClock
) -> None:
    now = clock.now()
    devices = add_fleet(container, 60)
    send_history(container, devices, now - HISTORY, 62, until=now)
    catalogue = container.appliances
    boiler = catalogue.kinds[DeviceKind.BOILER]
    with container.uow_factory(read_only=True) as uow:
        failed = uow.telemetry.devices_with_faults(now - HISTORY, DeviceKind.BOILER)
        sampled = build_training_set(uow, catalogue, boiler, now - HISTORY, now, max_devices=40)
        again = build_training_set(uow, catalogue, boiler, now - HISTORY, now, max_devices=40)
        whole = build_training_set(uow, catalogue, boiler, now - HISTORY, now)
    assert 0 < len(failed) < 40
    assert sampled.devices_reporting == whole.devices_reporting == 60
    assert len(set(sampled.groups)) == 40 and failed <= set(sampled.groups)
    assert set(sampled.groups) == set(again.groups)  # the same sample at every run
    assert len(set(whole.groups)) == 60
    rate = sum(any(v[i] for v in sampled.labels.values()) for i in range(len(sampled.rows)))
    whole_rate = sum(any(v[i] for v in whole.labels.values()) for i in range(len(whole.rows)))
    assert rate / len(sampled.rows) > whole_rate / len(whole.rows)  # the scan shifts it back


def test_a_kind_whose_model_no_longer_fits_is_named_and_the_others_are_scored(
    sqlite_container: Container, clock: FixedClock
) -> None:
    from tests.unit.test_fleet_model_file import _model

    now = clock.now()
    devices = add_fleet(sqlite_container, 40, kind=DeviceKind.DISHWASHER)
    send_history(sqlite_container, devices, now - HISTORY, 62, until=now)
    codec, catalogue = SklearnModelCodec(), sqlite_container.appliances
    with sqlite_container.uow_factory() as uow:
        [dishwashers] = train_fleet_model(uow, clock, codec, catalogue, HISTORY).trained
        old = uow.models.add(DeviceKind.BOILER, now, {"note": "before 0018"}, _model().to_bytes())
        scan = scan_fleet(uow, clock, codec, catalogue)
    assert scan.kinds[DeviceKind.DISHWASHER].model_version == dishwashers.version
    assert scan.kinds[DeviceKind.DISHWASHER].devices_scored == 40
    assert DeviceKind.BOILER not in scan.kinds
    assert f"the boiler model v{old} cannot be used" in scan.rejected[DeviceKind.BOILER]
