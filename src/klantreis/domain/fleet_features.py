"""What the fleet model sees of a device: features over a rolling window of its readings,
and, for training, which failure followed within the horizon."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.domain.diagnosis import FailureMode
from klantreis.domain.telemetry import Reading

FEATURE_SET = "boiler-telemetry-v2"
WINDOW = timedelta(days=7)
# Each device against its own past: a boiler's pressure or flow is its own, so a drop shows
# best against what the same boiler read in the weeks before the window.
BASELINE = timedelta(days=28)
HORIZON = timedelta(days=14)
PREDICTED_MODES = (
    FailureMode.IGNITION,
    FailureMode.PRESSURE,
    FailureMode.CIRCULATION,
    FailureMode.OVERHEAT,
)
SENSORS = ("pressure", "ignition", "gap", "flow")
PER_SENSOR = (
    "mean",
    "min",
    "max",
    "slope_per_day",
    "spread",
    "last_day",
    "last_3_days",
    "vs_baseline",
)
FEATURE_NAMES = (
    "readings",
    *(f"{sensor}_{stat}" for sensor in SENSORS for stat in PER_SENSOR),
    "burner_hours_per_day",
    "faults",
)
MISSING = -1.0  # gradient boosting splits on it like any value; no imputation guesses


@dataclass(frozen=True, slots=True)
class Failure:
    at: datetime
    mode: FailureMode


def _slope_per_day(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of value against time in days; 0 when there is no spread in time."""
    if len(points) < 2:
        return 0.0
    mean_t = sum(t for t, _ in points) / len(points)
    mean_v = sum(v for _, v in points) / len(points)
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    if spread == 0:
        return 0.0
    return sum((t - mean_t) * (v - mean_v) for t, v in points) / spread


def _value(r: Reading, sensor: str) -> float | None:
    if sensor == "pressure":
        return r.pressure_bar
    if sensor == "ignition":
        return None if r.ignition_attempts is None else float(r.ignition_attempts)
    if sensor == "flow":
        return r.flow_temp_c
    if r.flow_temp_c is None or r.return_temp_c is None:  # the gap between flow and return
        return None
    return r.flow_temp_c - r.return_temp_c


def _series(readings: Sequence[Reading], end: datetime, sensor: str) -> list[tuple[float, float]]:
    """(days before ``end``, negative; value) of each reading that has the sensor."""
    points = []
    for r in readings:
        v = _value(r, sensor)
        if v is not None:
            points.append(((r.measured_at - end).total_seconds() / 86_400, float(v)))
    return points


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else MISSING


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return MISSING
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def _sensor_features(window: list[tuple[float, float]], before: list[float]) -> list[float]:
    """The PER_SENSOR statistics of one sensor: over the window, its last days, and the
    last day against the device's own baseline (``before``: the weeks before the window)."""
    if not window:
        return [MISSING, MISSING, MISSING, 0.0, MISSING, MISSING, MISSING, MISSING]
    values = [v for _, v in window]
    mean = _mean(values)
    spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
    last_day = (
        _mean([v for t, v in window if t > -1]) if any(t > -1 for t, _ in window) else MISSING
    )
    last_3 = _mean([v for t, v in window if t > -3]) if any(t > -3 for t, _ in window) else MISSING
    baseline = _median(before)
    recent = last_day if last_day != MISSING else last_3
    versus = recent - baseline if baseline != MISSING and recent != MISSING else MISSING
    return [
        mean,
        min(values),
        max(values),
        _slope_per_day(window),
        spread,
        last_day,
        last_3,
        versus,
    ]


def window_features(readings: Sequence[Reading], end: datetime) -> list[float]:
    """Features over the readings in (end - WINDOW, end], with the device's baseline from
    (end - BASELINE, end - WINDOW], in FEATURE_NAMES order."""
    start = end - WINDOW
    window = [r for r in readings if start < r.measured_at <= end]
    earlier = [r for r in readings if end - BASELINE < r.measured_at <= start]
    row = [float(len(window))]
    for sensor in SENSORS:
        before = [v for _, v in _series(earlier, end, sensor)]
        row.extend(_sensor_features(_series(window, end, sensor), before))
    hours = [
        ((r.measured_at - end).total_seconds() / 86_400, float(r.burner_hours))
        for r in window
        if r.burner_hours is not None
    ]
    row.append(_slope_per_day(hours) if len(hours) >= 2 else MISSING)
    row.append(float(sum(1 for r in window if r.fault_code)))
    return row


def failures_after(failures: Sequence[Failure], end: datetime) -> set[FailureMode]:
    """The modes that failed within the horizon after ``end`` (the training label)."""
    return {f.mode for f in failures if end < f.at <= end + HORIZON}


def days_to_next_failure(failures: Sequence[Failure], end: datetime) -> float | None:
    """Days from ``end`` to the first failure within the horizon (the time-to-failure
    label); None when none followed."""
    ahead = [f.at for f in failures if end < f.at <= end + HORIZON]
    return (min(ahead) - end).total_seconds() / 86_400 if ahead else None


def explain(features: Sequence[float], typical: Sequence[float]) -> list[str]:
    """The signals furthest from a healthy device, in words, for the case's explanation."""
    named = dict(zip(FEATURE_NAMES, features, strict=True))
    healthy = dict(zip(FEATURE_NAMES, typical, strict=True))
    notes = []
    if named["pressure_min"] != MISSING and named["pressure_min"] < healthy["pressure_min"] - 0.2:
        notes.append(
            f"pressure down to {named['pressure_min']:.2f} bar "
            f"({named['pressure_slope_per_day']:+.3f} bar/day)"
        )
    if (
        named["ignition_mean"] != MISSING
        and named["ignition_mean"] > healthy["ignition_mean"] + 0.5
    ):
        notes.append(f"{named['ignition_mean']:.1f} ignition attempts per start on average")
    if named["gap_mean"] != MISSING and named["gap_mean"] > healthy["gap_mean"] + 4:
        notes.append(f"flow and return {named['gap_mean']:.0f} °C apart")
    if named["flow_max"] != MISSING and named["flow_max"] > healthy["flow_max"] + 8:
        notes.append(f"flow temperature up to {named['flow_max']:.0f} °C")
    return notes
