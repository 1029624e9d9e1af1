"""What the fleet model sees of a device: features over a rolling window of its readings,
and, for training, which failure followed within the horizon."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.domain.diagnosis import FailureMode
from klantreis.domain.telemetry import Reading

FEATURE_SET = "boiler-telemetry-v1"
WINDOW = timedelta(days=7)
HORIZON = timedelta(days=14)
PREDICTED_MODES = (
    FailureMode.IGNITION,
    FailureMode.PRESSURE,
    FailureMode.CIRCULATION,
    FailureMode.OVERHEAT,
)
FEATURE_NAMES = (
    "readings",
    "pressure_mean",
    "pressure_min",
    "pressure_slope_per_day",
    "ignition_mean",
    "ignition_max",
    "ignition_slope_per_day",
    "gap_mean",
    "gap_max",
    "gap_slope_per_day",
    "flow_mean",
    "flow_max",
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


def _series(readings: Sequence[Reading], end: datetime, value: str) -> list[tuple[float, float]]:
    points = []
    for r in readings:
        v = getattr(r, value)
        if v is not None:
            points.append(((r.measured_at - end).total_seconds() / 86_400, float(v)))
    return points


def _stats(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(mean, min, max, slope per day), or MISSING when the window has no values."""
    if not points:
        return MISSING, MISSING, MISSING, 0.0
    values = [v for _, v in points]
    return sum(values) / len(values), min(values), max(values), _slope_per_day(points)


def window_features(readings: Sequence[Reading], end: datetime) -> list[float]:
    """Features over the readings in (end - WINDOW, end], in FEATURE_NAMES order."""
    start = end - WINDOW
    window = [r for r in readings if start < r.measured_at <= end]
    pressure = _stats(_series(window, end, "pressure_bar"))
    ignition = _stats(_series(window, end, "ignition_attempts"))
    gaps = [
        ((r.measured_at - end).total_seconds() / 86_400, r.flow_temp_c - r.return_temp_c)
        for r in window
        if r.flow_temp_c is not None and r.return_temp_c is not None
    ]
    gap = _stats(gaps)
    flow = _stats(_series(window, end, "flow_temp_c"))
    hours = _series(window, end, "burner_hours")
    hours_per_day = _slope_per_day(hours) if len(hours) >= 2 else MISSING
    return [
        float(len(window)),
        pressure[0],
        pressure[1],
        pressure[3],
        ignition[0],
        ignition[2],
        ignition[3],
        gap[0],
        gap[2],
        gap[3],
        flow[0],
        flow[2],
        hours_per_day,
        float(sum(1 for r in window if r.fault_code)),
    ]


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
