"""Remaining useful life on any run-to-failure data: long CSV files of ``unit,time,<sensor
columns...>`` (as NASA's C-MAPSS and the PHM08 challenge publish them).

In the training file each unit runs until it fails at its last time; test units are cut off
earlier, and the truth file gives each test unit's remaining time after its last row. The
features are the kind-free ones the fleet model uses: per sensor the level, extremes, trend
and spread over rolling windows of the last rows, and the time so far (operating hours).
One gradient-boosting regressor learns the remaining time, capped (a unit far from failure
looks healthy, however far: the usual piecewise-linear target).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

WINDOWS = (5, 15, 30)  # rows: short, middle and long memory
REQUIRED = ("unit", "time")


class RunToFailureError(ValueError):
    """A file that cannot be read as run-to-failure data; says which row and column."""


@dataclass(frozen=True, slots=True)
class Units:
    """Each unit's rows in time order: times, and sensor values (one column per sensor)."""

    sensors: tuple[str, ...]
    times: dict[str, np.ndarray]
    values: dict[str, np.ndarray]


def _number(text: str, path: Path, row: int, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise RunToFailureError(
            f"{path.name} row {row}, column '{column}': '{text}' is not a number"
        ) from None
    if not math.isfinite(value):
        raise RunToFailureError(f"{path.name} row {row}, column '{column}': '{text}' is not finite")
    return value


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            yield from enumerate(reader, start=2)  # row 1 is the header
    except FileNotFoundError:
        raise RunToFailureError(f"{path}: no such file") from None


def read_units(path: Path, sensors: Sequence[str] | None = None) -> Units:
    """``sensors``: the columns to expect (those of the training file); None reads them from
    this file's header."""
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle), [])
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RunToFailureError(f"{path.name}: missing column(s) {', '.join(missing)}")
    own = tuple(c for c in header if c not in REQUIRED)
    if not own:
        raise RunToFailureError(f"{path.name}: no sensor columns after unit and time")
    expected = tuple(sensors) if sensors is not None else own
    if absent := [s for s in expected if s not in own]:
        raise RunToFailureError(f"{path.name}: missing sensor column(s) {', '.join(absent)}")
    times: dict[str, list[float]] = {}
    values: dict[str, list[list[float]]] = {}
    for number, row in _rows(path):
        unit = (row.get("unit") or "").strip()
        if not unit:
            raise RunToFailureError(f"{path.name} row {number}, column 'unit': empty")
        at = _number(row.get("time") or "", path, number, "time")
        reading = [_number(row.get(s) or "", path, number, s) for s in expected]
        if times.get(unit) and at <= times[unit][-1]:
            before = times[unit][-1]
            raise RunToFailureError(
                f"{path.name} row {number}, column 'time': {at:g} does not follow {before:g}"
            )
        times.setdefault(unit, []).append(at)
        values.setdefault(unit, []).append(reading)
    if not times:
        raise RunToFailureError(f"{path.name}: no rows")
    return Units(
        expected,
        {u: np.array(t) for u, t in times.items()},
        {u: np.array(v) for u, v in values.items()},
    )


def read_truth(path: Path, units: Units) -> dict[str, float]:
    found: dict[str, float] = {}
    for number, row in _rows(path):
        unit = (row.get("unit") or "").strip()
        if not unit or "remaining" not in row:
            raise RunToFailureError(f"{path.name} row {number}: needs the columns unit,remaining")
        found[unit] = _number(row.get("remaining") or "", path, number, "remaining")
    if absent := sorted(set(units.times) - set(found)):
        raise RunToFailureError(
            f"{path.name}: no remaining time for test unit(s) {', '.join(absent[:5])}"
        )
    return found


def _windowed_sum(values: np.ndarray, window: int) -> np.ndarray:
    """Sum over the last ``window`` entries up to each index (fewer at the start)."""
    total = np.cumsum(values)
    shifted = np.concatenate([np.zeros(window), total[:-window]]) if window < values.size else 0
    return total - shifted


def features(times: np.ndarray, values: np.ndarray) -> np.ndarray:
    """One row of features per time step, from that step and the ones before it only."""
    count, width = values.shape
    columns = [times - times[0]]  # time so far: the unit's operating hours
    steps = np.arange(1, count + 1)
    for window in WINDOWS:
        n = np.minimum(steps, window).astype(float)
        t = times - times[0]
        sum_t, sum_tt = _windowed_sum(t, window), _windowed_sum(t * t, window)
        for s in range(width):
            x = values[:, s]
            sum_x, sum_xx = _windowed_sum(x, window), _windowed_sum(x * x, window)
            sum_tx = _windowed_sum(t * x, window)
            mean = sum_x / n
            spread = np.sqrt(np.maximum(sum_xx / n - mean**2, 0.0))
            denominator = n * sum_tt - sum_t**2
            with np.errstate(divide="ignore", invalid="ignore"):
                slope = np.where(
                    denominator > 1e-9, (n * sum_tx - sum_t * sum_x) / denominator, 0.0
                )
            padded = np.concatenate([np.full(window - 1, x[0]), x])
            views = np.lib.stride_tricks.sliding_window_view(padded, window)
            columns.extend([mean, views.min(axis=1), views.max(axis=1), spread, slope])
    return np.column_stack(columns)


@dataclass(frozen=True, slots=True)
class RemainingLife:
    cap: float
    regressor: HistGradientBoostingRegressor
    mean_life: float  # the naive baseline's knowledge: how long a unit lives on average

    @classmethod
    def fit(cls, train: Units, cap: float, seed: int = 7) -> RemainingLife:
        rows, targets, lives = [], [], []
        for unit, times in train.times.items():
            rows.append(features(times, train.values[unit]))
            targets.append(np.minimum(times[-1] - times, cap))
            lives.append(times[-1] - times[0])
        regressor = HistGradientBoostingRegressor(
            max_iter=300, learning_rate=0.05, max_leaf_nodes=31, random_state=seed
        )
        regressor.fit(np.vstack(rows), np.concatenate(targets))
        return cls(cap, regressor, float(np.mean(lives)))

    def predict_last(self, test: Units) -> dict[str, float]:
        """The remaining time after each test unit's last row."""
        units = sorted(test.times)
        last = np.vstack([features(test.times[u], test.values[u])[-1] for u in units])
        predicted = np.clip(self.regressor.predict(last), 0, self.cap)
        return dict(zip(units, (float(p) for p in predicted), strict=True))

    def naive_last(self, test: Units) -> dict[str, float]:
        """The average life minus the time so far: what one knows without the sensors."""
        return {
            u: float(min(self.cap, max(0.0, self.mean_life - (t[-1] - t[0]))))
            for u, t in test.times.items()
        }


def rmse(predicted: Sequence[float], truth: Sequence[float]) -> float:
    errors = np.array(predicted) - np.array(truth)
    return float(np.sqrt(np.mean(errors**2)))


def phm08_score(predicted: Sequence[float], truth: Sequence[float]) -> float:
    """The PHM08 challenge's asymmetric score (lower is better): a late prediction (more
    life left than there is) costs more than an early one of the same size."""
    d = np.array(predicted) - np.array(truth)
    return float(np.sum(np.where(d < 0, np.exp(-d / 13) - 1, np.exp(d / 10) - 1)))


def concordance(predicted: Sequence[float], truth: Sequence[float]) -> float:
    """Harrell's c-index for uncensored times: of the pairs whose true remaining times
    differ, the share the prediction orders the same way (ties in prediction count half)."""
    p, t = np.array(predicted), np.array(truth)
    agree = total = 0.0
    for i in range(len(t)):
        later = t > t[i]
        total += later.sum()
        agree += (p[later] > p[i]).sum() + 0.5 * (p[later] == p[i]).sum()
    return float(agree / total) if total else 0.5
