"""What the fleet model sees of a device: features over a rolling window of the readings its
kind declares, and, for training, which failure followed within the horizon."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from klantreis.telemetry.appliance_kinds import ApplianceKind
from klantreis.telemetry.readings import Reading

FEATURE_VERSION = 3  # 3: derived from the kind's declared sensors
WINDOW = timedelta(days=7)
# Each device against its own past: a boiler's pressure or flow is its own, so a drop shows
# best against what the same boiler read in the weeks before the window.
BASELINE = timedelta(days=28)
HORIZON = timedelta(days=14)
PER_SIGNAL = (
    "mean",
    "min",
    "max",
    "slope_per_day",
    "spread",
    "last_day",
    "last_3_days",
    "vs_baseline",
)


def feature_set(kind: ApplianceKind) -> str:
    """The name a model file carries: a model for one kind's features fits no other."""
    return f"{kind.kind.value}-telemetry-v{FEATURE_VERSION}"


def feature_names(kind: ApplianceKind) -> tuple[str, ...]:
    """Level, trend, spread and extremes of each declared signal, use per day of each
    counter, and the fault history, in the order ``window_features`` returns them."""
    return (
        "readings",
        *(f"{signal}_{stat}" for signal in kind.levels for stat in PER_SIGNAL),
        *(f"{counter}_per_day" for counter in kind.counters),
        "faults",
        "days_since_fault",
    )


MISSING = -1.0  # gradient boosting splits on it like any value; no imputation guesses


@dataclass(frozen=True, slots=True)
class Failure:
    at: datetime
    mode: str


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


def _series(
    readings: Sequence[Reading], end: datetime, signal: str, kind: ApplianceKind
) -> list[tuple[float, float]]:
    """(days before ``end``, negative; value) of each reading that has the signal."""
    points = []
    for r in readings:
        v = r.value(signal, kind)
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
    """The PER_SIGNAL statistics of one signal: over the window, its last days, and the
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


def window_features(kind: ApplianceKind, readings: Sequence[Reading], end: datetime) -> list[float]:
    """Features over the readings in (end - WINDOW, end], with the device's baseline from
    (end - BASELINE, end - WINDOW], in ``feature_names(kind)`` order."""
    start = end - WINDOW
    window = [r for r in readings if start < r.measured_at <= end]
    earlier = [r for r in readings if end - BASELINE < r.measured_at <= start]
    row = [float(len(window))]
    for signal in kind.levels:
        before = [v for _, v in _series(earlier, end, signal, kind)]
        row.extend(_sensor_features(_series(window, end, signal, kind), before))
    for counter in kind.counters:
        use = _series(window, end, counter, kind)
        row.append(_slope_per_day(use) if len(use) >= 2 else MISSING)
    row.append(float(sum(1 for r in window if r.fault_code)))
    faults = [r.measured_at for r in (*earlier, *window) if r.fault_code]
    row.append((end - max(faults)).total_seconds() / 86_400 if faults else MISSING)
    return row


def failures_after(failures: Sequence[Failure], end: datetime) -> set[str]:
    """The modes that failed within the horizon after ``end`` (the training label)."""
    return {f.mode for f in failures if end < f.at <= end + HORIZON}


def days_to_next_failure(failures: Sequence[Failure], end: datetime) -> float | None:
    """Days from ``end`` to the first failure within the horizon (the time-to-failure
    label); None when none followed."""
    ahead = [f.at for f in failures if end < f.at <= end + HORIZON]
    return (min(ahead) - end).total_seconds() / 86_400 if ahead else None


def explain(kind: ApplianceKind, features: Sequence[float], typical: Sequence[float]) -> list[str]:
    """The signals furthest from a healthy device of the kind, in words, for the case's
    explanation: at most three, the largest relative departure first."""
    names = feature_names(kind)
    named = dict(zip(names, features, strict=True))
    healthy = dict(zip(names, typical, strict=True))
    departures = []
    for signal in kind.levels:
        for stat in ("min", "max", "mean"):
            value, usual = named[f"{signal}_{stat}"], healthy[f"{signal}_{stat}"]
            if value == MISSING or usual == MISSING:
                continue
            scale = max(abs(usual), 1.0)
            departures.append((abs(value - usual) / scale, signal, stat, value, usual))
    notes: list[str] = []
    seen: set[str] = set()
    for share, signal, stat, value, usual in sorted(departures, reverse=True):
        if share < 0.15 or signal in seen or len(notes) == 3:
            continue
        seen.add(signal)
        sensor = kind.sensor(signal)
        unit = f" {sensor.unit}" if sensor else ""
        slope = named[f"{signal}_slope_per_day"]
        notes.append(
            f"{signal.replace('_', ' ')} {stat} {value:.2f}{unit} against a healthy "
            f"{usual:.2f}{unit} ({slope:+.3f}{unit}/day)"
        )
    return notes
