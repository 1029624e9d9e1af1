"""Reading limits, the diagnosis rule book, risk hysteresis and rolling-window features."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from klantreis.domain.device import DeviceKind
from klantreis.domain.diagnosis import (
    FailureMode,
    Urgency,
    cause_for_mode,
    diagnose_fault,
    diagnose_signals,
)
from klantreis.domain.errors import InvalidValue
from klantreis.domain.fleet_features import (
    FEATURE_NAMES,
    HORIZON,
    MISSING,
    Failure,
    failures_after,
    window_features,
)
from klantreis.domain.risk import RiskPolicy, step
from klantreis.domain.telemetry import Reading, check_metrics, check_moment

NOW = datetime(2026, 3, 27, 9, tzinfo=UTC)


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
        ({}, None, "metrics"),
        ({"pressure_bar": 1.5}, "e 133", "fault_code"),
    ],
)
def test_impossible_values_are_named_by_their_metric(
    values: dict[str, float], fault: str | None, field: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        check_metrics(values, fault)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_a_fault_code_alone_is_a_valid_reading() -> None:
    check_metrics({}, "E133")


def test_the_same_code_means_what_the_brand_says() -> None:
    remeha = diagnose_fault("Remeha Tzerra Ace", DeviceKind.BOILER, "E133")
    assert remeha.cause.key == "ignition_failure" and remeha.cause.urgency is Urgency.TODAY
    intergas = diagnose_fault("Intergas Xtreme 36", DeviceKind.BOILER, "F5")
    assert intergas.cause.mode is FailureMode.CIRCULATION
    dishwasher = diagnose_fault("Bosch SMV4HVX00E", DeviceKind.DISHWASHER, "E24")
    assert dishwasher.cause.skill == "white_goods" and dishwasher.cause.parts == ("drain pump",)


def test_an_unknown_code_gets_a_visit_by_the_kinds_skill() -> None:
    unknown = diagnose_fault("Daikin Altherma 3", DeviceKind.HEAT_PUMP, "ZZ9")
    assert unknown.cause.key == "unknown_fault" and unknown.cause.skill == "heat_pump"
    assert unknown.urgent


def _reading(hours: float, **values: float) -> Reading:
    return Reading("d1", NOW - timedelta(hours=hours), **values)  # type: ignore[arg-type]


def test_signal_rules_name_each_pattern_most_urgent_first() -> None:
    window = [
        _reading(3, pressure_bar=0.7, ignition_attempts=4, flow_temp_c=97, return_temp_c=60),
        _reading(1, pressure_bar=0.9, ignition_attempts=3, flow_temp_c=70, return_temp_c=40),
    ]
    causes = [d.cause.key for d in diagnose_signals(window)]
    assert causes[0] == "overheating"
    assert set(causes) == {"overheating", "low_pressure", "ignition_wear", "poor_circulation"}
    assert diagnose_signals([_reading(1, pressure_bar=1.6, flow_temp_c=60, return_temp_c=45)]) == []


def test_a_predicted_mode_takes_the_cause_the_signals_agree_on() -> None:
    signals = diagnose_signals([_reading(1, pressure_bar=0.6)])
    assert cause_for_mode(FailureMode.PRESSURE, signals).key == "low_pressure"
    assert cause_for_mode(FailureMode.IGNITION, signals).key == "ignition_wear"
    assert cause_for_mode(FailureMode.OTHER, []).key == "inspection"


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
        Reading("d1", NOW - timedelta(days=d), pressure_bar=1.6 - 0.1 * (7 - d))
        for d in (8, 6, 4, 2, 0)
    ]
    features = dict(zip(FEATURE_NAMES, window_features(readings, NOW), strict=True))
    assert features["readings"] == 4  # the reading 8 days back lies outside the window
    assert features["pressure_min"] == pytest.approx(0.9)
    assert features["pressure_slope_per_day"] == pytest.approx(-0.1)
    assert features["ignition_mean"] == MISSING and features["faults"] == 0


def test_a_device_is_measured_against_its_own_baseline() -> None:
    """Two weeks at 1.8 bar, then a day at 1.5: 0.3 down on its own normal, though 1.5 bar is
    a healthy pressure for many other boilers."""
    readings = [
        Reading("d1", NOW - timedelta(days=d), pressure_bar=1.8) for d in range(8, 22, 2)
    ] + [Reading("d1", NOW - timedelta(hours=h), pressure_bar=1.5) for h in (2, 10)]
    features = dict(zip(FEATURE_NAMES, window_features(readings, NOW), strict=True))
    assert features["pressure_vs_baseline"] == pytest.approx(-0.3)
    assert features["pressure_last_day"] == pytest.approx(1.5)
    assert features["readings"] == 2  # the baseline lies before the window
    alone = dict(zip(FEATURE_NAMES, window_features(readings[-2:], NOW), strict=True))
    assert alone["pressure_vs_baseline"] == MISSING  # no past of its own to compare with


def test_the_label_is_the_failure_within_the_horizon_after_the_cut() -> None:
    failures = [
        Failure(NOW + timedelta(days=3), FailureMode.PRESSURE),
        Failure(NOW + HORIZON + timedelta(hours=1), FailureMode.IGNITION),
        Failure(NOW - timedelta(hours=1), FailureMode.OVERHEAT),
    ]
    assert failures_after(failures, NOW) == {FailureMode.PRESSURE}
