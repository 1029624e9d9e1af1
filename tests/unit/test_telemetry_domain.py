"""Reading limits, the diagnosis rule book, risk hysteresis and rolling-window features."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from klantreis.core.device import DeviceKind
from klantreis.core.domain_errors import InvalidValue
from klantreis.telemetry.appliance_kinds import OTHER_MODE, Urgency
from klantreis.telemetry.diagnosis import cause_for_mode, diagnose_fault, diagnose_signals
from klantreis.telemetry.fleet.catalogue import packaged_catalogue
from klantreis.telemetry.fleet_features import (
    HORIZON,
    MISSING,
    Failure,
    failures_after,
    feature_names,
    window_features,
)
from klantreis.telemetry.readings import Reading, check_moment, check_values
from klantreis.telemetry.risk import RiskPolicy, step

NOW = datetime(2026, 3, 27, 9, tzinfo=UTC)
CATALOGUE = packaged_catalogue()
BOILER = CATALOGUE.kinds[DeviceKind.BOILER]
FEATURE_NAMES = feature_names(BOILER)


def test_a_reading_from_the_near_future_is_a_clock_but_further_ahead_is_refused() -> None:
    check_moment(NOW + timedelta(minutes=4), NOW)
    with pytest.raises(InvalidValue, match="future"):
        check_moment(NOW + timedelta(minutes=6), NOW)


def test_a_reading_without_a_time_zone_or_past_retention_is_refused() -> None:
    with pytest.raises(InvalidValue, match="time zone"):
        check_moment(datetime(2026, 3, 27, 8), NOW)
    with pytest.raises(InvalidValue, match="retention"):
        check_moment(NOW - timedelta(days=401), NOW)


@pytest.mark.parametrize(
    ("values", "fault", "field"),
    [
        ({"pressure_bar": -0.1}, None, "pressure_bar"),
        ({"flow_temp_c": 130.0}, None, "flow_temp_c"),
        ({"ignition_attempts": 1.5}, None, "ignition_attempts"),
        ({"burner_hours": float("nan")}, None, "burner_hours"),
        ({"pressure_bar": True}, None, "pressure_bar"),
        ({"pressure_bar": "high"}, None, "pressure_bar"),
        ({"pressure_bar": 10**400}, None, "pressure_bar"),  # no float: refused, no crash
        ({"drain_seconds": 90}, None, "drain_seconds"),  # a dishwasher's, not a boiler's
        ({}, None, "metrics"),
        ({"pressure_bar": 1.5}, "e 133", "fault_code"),
    ],
)
def test_impossible_values_are_named_by_their_metric(
    values: dict[str, float], fault: str | None, field: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        check_values(BOILER, values, fault)
    assert refused.value.field == field


def test_a_sensor_another_kind_has_is_refused_with_what_this_kind_reports() -> None:
    with pytest.raises(InvalidValue, match="a boiler has no sensor 'drain_seconds'.*pressure_bar"):
        check_values(BOILER, {"drain_seconds": 90.0}, None)
    dishwasher = CATALOGUE.kinds[DeviceKind.DISHWASHER]
    assert check_values(dishwasher, {"drain_seconds": 90, "cycles": 12}, None) == {
        "drain_seconds": 90.0,
        "cycles": 12.0,
    }
    with pytest.raises(InvalidValue, match="whole number"):
        check_values(dishwasher, {"cycles": 12.5}, None)


def test_a_fault_code_alone_is_a_valid_reading() -> None:
    assert check_values(BOILER, {}, "E133") == {}


def test_the_same_code_means_what_the_brand_says() -> None:
    remeha = diagnose_fault(CATALOGUE, BOILER, "Remeha Tzerra Ace", "E133")
    assert remeha.cause.key == "ignition_failure" and remeha.cause.urgency is Urgency.TODAY
    intergas = diagnose_fault(CATALOGUE, BOILER, "Intergas Xtreme 36", "F5")
    assert intergas.cause.mode == "circulation"
    dishwasher = diagnose_fault(
        CATALOGUE, CATALOGUE.kinds[DeviceKind.DISHWASHER], "Bosch SMV4HVX00E", "E24"
    )
    assert dishwasher.cause.skill == "white_goods" and dishwasher.cause.parts == ("drain pump",)


def test_a_brand_making_two_kinds_has_codes_per_kind() -> None:
    """Vaillant makes boilers and heat pumps: F28 is a boiler's ignition, not a heat pump's."""
    heat_pump = CATALOGUE.kinds[DeviceKind.HEAT_PUMP]
    boiler_code = diagnose_fault(CATALOGUE, BOILER, "Vaillant ecoTEC plus", "F28")
    assert boiler_code.cause.key == "ignition_failure"
    on_a_heat_pump = diagnose_fault(CATALOGUE, heat_pump, "Vaillant aroTHERM plus", "F28")
    assert on_a_heat_pump.cause.key == "unknown_fault"
    leak = diagnose_fault(CATALOGUE, heat_pump, "Vaillant aroTHERM plus", "F1117")
    assert leak.cause.key == "refrigerant_leak" and leak.cause.skill == "heat_pump"


def test_an_unknown_code_gets_a_visit_by_the_kinds_skill() -> None:
    heat_pump = CATALOGUE.kinds[DeviceKind.HEAT_PUMP]
    unknown = diagnose_fault(CATALOGUE, heat_pump, "Daikin Altherma 3", "ZZ9")
    assert unknown.cause.key == "unknown_fault" and unknown.cause.skill == "heat_pump"
    assert unknown.urgent


def _reading(hours: float, **values: float) -> Reading:
    return Reading("d1", NOW - timedelta(hours=hours), values)


def test_signal_rules_name_each_pattern_most_urgent_first() -> None:
    window = [
        _reading(3, pressure_bar=0.7, ignition_attempts=4, flow_temp_c=97, return_temp_c=60),
        _reading(1, pressure_bar=0.9, ignition_attempts=3, flow_temp_c=70, return_temp_c=40),
    ]
    causes = [d.cause.key for d in diagnose_signals(CATALOGUE, BOILER, window)]
    assert causes[0] == "overheating"
    assert set(causes) == {"overheating", "low_pressure", "ignition_wear", "poor_circulation"}
    healthy = [_reading(1, pressure_bar=1.6, flow_temp_c=60, return_temp_c=45)]
    assert diagnose_signals(CATALOGUE, BOILER, healthy) == []


def test_each_kind_has_signal_rules_of_its_own() -> None:
    washer = CATALOGUE.kinds[DeviceKind.WASHING_MACHINE]
    rough = [_reading(h, drum_vibration_g=2.1, drain_seconds=80) for h in (1, 13)]
    [found] = diagnose_signals(CATALOGUE, washer, rough)
    assert found.cause.key == "drum_bearing" and found.explanation == (
        "drum vibration 2.10 g on average",
    )
    assert diagnose_signals(CATALOGUE, BOILER, rough) == []  # no boiler signal among them


def test_a_predicted_mode_takes_the_cause_the_signals_agree_on() -> None:
    signals = diagnose_signals(CATALOGUE, BOILER, [_reading(1, pressure_bar=0.6)])
    assert cause_for_mode(CATALOGUE, BOILER, "pressure", signals).key == "low_pressure"
    assert cause_for_mode(CATALOGUE, BOILER, "ignition", signals).key == "ignition_wear"
    assert cause_for_mode(CATALOGUE, BOILER, OTHER_MODE, []).key == "inspection"
    dishwasher = CATALOGUE.kinds[DeviceKind.DISHWASHER]
    assert cause_for_mode(CATALOGUE, dishwasher, OTHER_MODE, []).skill == "white_goods"


def test_hysteresis_opens_once_while_the_risk_hovers_and_rearms_below_the_lower_line() -> None:
    policy = RiskPolicy(open_at=0.6, rearm_below=0.3)
    raised, opened = False, 0
    for risk in [0.2, 0.61, 0.58, 0.65, 0.4, 0.7, 0.29, 0.5, 0.62]:
        moved = step(policy, raised, risk)
        raised, opened = moved.raised, opened + moved.open_case
    assert opened == 2  # at 0.61, and at 0.62 after falling to 0.29


@pytest.mark.parametrize(("open_at", "rearm"), [(0.5, 0.5), (0.5, 0.7), (1.2, 0.3), (0.5, -0.1)])
def test_a_policy_without_a_gap_between_its_lines_is_refused(open_at: float, rearm: float) -> None:
    with pytest.raises(InvalidValue):
        RiskPolicy(open_at, rearm)


def test_a_risk_that_is_no_probability_is_refused() -> None:
    with pytest.raises(InvalidValue):
        step(RiskPolicy(0.6, 0.3), False, 1.5)


def test_window_features_see_only_the_window_and_measure_the_trend() -> None:
    readings = [
        Reading("d1", NOW - timedelta(days=d), {"pressure_bar": 1.6 - 0.1 * (7 - d)})
        for d in (8, 6, 4, 2, 0)
    ]
    features = dict(zip(FEATURE_NAMES, window_features(BOILER, readings, NOW), strict=True))
    assert features["readings"] == 4  # the reading 8 days back lies outside the window
    assert features["pressure_bar_min"] == pytest.approx(0.9)
    assert features["pressure_bar_slope_per_day"] == pytest.approx(-0.1)
    assert features["ignition_attempts_mean"] == MISSING and features["faults"] == 0
    assert features["days_since_fault"] == MISSING


def test_features_follow_the_kinds_declared_sensors_and_differences() -> None:
    gap = [
        Reading("d1", NOW - timedelta(hours=h), {"flow_temp_c": 70, "return_temp_c": 40})
        for h in (2, 14)
    ]
    boiler = dict(zip(FEATURE_NAMES, window_features(BOILER, gap, NOW), strict=True))
    assert boiler["flow_return_gap_c_mean"] == pytest.approx(30)
    washer = CATALOGUE.kinds[DeviceKind.WASHING_MACHINE]
    names = feature_names(washer)
    assert "drum_vibration_g_slope_per_day" in names and "cycles_per_day" in names
    assert not any(n.startswith("pressure") for n in names)
    used = [
        Reading("w1", NOW - timedelta(days=d), {"cycles": 100 + 2 * (6 - d)}, None)
        for d in range(6)
    ] + [Reading("w1", NOW - timedelta(days=10), {}, "F21")]
    row = dict(zip(names, window_features(washer, used, NOW), strict=True))
    assert row["cycles_per_day"] == pytest.approx(2.0)
    assert row["days_since_fault"] == pytest.approx(10.0)


def test_a_device_is_measured_against_its_own_baseline() -> None:
    """Two weeks at 1.8 bar, then a day at 1.5: 0.3 down on its own normal, though 1.5 bar is
    a healthy pressure for many other boilers."""
    readings = [
        Reading("d1", NOW - timedelta(days=d), {"pressure_bar": 1.8}) for d in range(8, 22, 2)
    ] + [Reading("d1", NOW - timedelta(hours=h), {"pressure_bar": 1.5}) for h in (2, 10)]
    features = dict(zip(FEATURE_NAMES, window_features(BOILER, readings, NOW), strict=True))
    assert features["pressure_bar_vs_baseline"] == pytest.approx(-0.3)
    assert features["pressure_bar_last_day"] == pytest.approx(1.5)
    assert features["readings"] == 2  # the baseline lies before the window
    alone = dict(zip(FEATURE_NAMES, window_features(BOILER, readings[-2:], NOW), strict=True))
    assert alone["pressure_bar_vs_baseline"] == MISSING  # no past of its own to compare with


def test_the_label_is_the_failure_within_the_horizon_after_the_cut() -> None:
    failures = [
        Failure(NOW + timedelta(days=3), "pressure"),
        Failure(NOW + HORIZON + timedelta(hours=1), "ignition"),
        Failure(NOW - timedelta(hours=1), "overheat"),
    ]
    assert failures_after(failures, NOW) == {"pressure"}
