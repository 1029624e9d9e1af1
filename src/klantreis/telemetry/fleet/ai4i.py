"""The AI4I 2020 predictive-maintenance data as a feature table with one label per mode."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import train_test_split

FEATURE_SET = "ai4i2020"
MODES = ("TWF", "HDF", "PWF", "OSF", "RNF")
# RNF is random by construction (0.1 % whatever the features): reported apart, never averaged.
PREDICTABLE_MODES = ("TWF", "HDF", "PWF", "OSF")
FEATURE_NAMES = (
    "quality",
    "air_temp_k",
    "process_temp_k",
    "rotational_speed_rpm",
    "torque_nm",
    "tool_wear_min",
    "temp_difference_k",
    "power_w",
    "wear_torque_product",
)
MEASURED_COLUMNS = 6  # the first six features are the data's own; the rest are derived
_QUALITY = {"L": 0.0, "M": 1.0, "H": 2.0}
HOLDOUT_SHARE = 0.3
SPLIT_SEED = 2020


@dataclass(frozen=True)
class Dataset:
    features: np.ndarray
    labels: dict[str, np.ndarray]
    any_failure: np.ndarray


def load(path: Path) -> Dataset:
    """Read the UCI CSV; the derived columns are the physics the failure rules are stated in."""
    rows: list[list[float]] = []
    labels: dict[str, list[int]] = {m: [] for m in MODES}
    failures: list[int] = []
    with path.open(newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            try:
                air = float(record["Air temperature [K]"])
                process = float(record["Process temperature [K]"])
                speed = float(record["Rotational speed [rpm]"])
                torque = float(record["Torque [Nm]"])
                wear = float(record["Tool wear [min]"])
                quality = _QUALITY[record["Type"]]
            except (KeyError, ValueError) as error:
                raise ValueError(f"{path}: row {line}: {error}") from None
            rows.append(
                [
                    quality,
                    air,
                    process,
                    speed,
                    torque,
                    wear,
                    process - air,
                    torque * speed * 2 * math.pi / 60,
                    wear * torque,
                ]
            )
            for mode in MODES:
                labels[mode].append(int(record[mode]))
            failures.append(int(record["Machine failure"]))
    return Dataset(
        np.array(rows),
        {m: np.array(v) for m, v in labels.items()},
        np.array(failures),
    )


def holdout_split(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (train, test): 30 % held out, stratified on failure, a fixed seed."""
    indices = np.arange(dataset.features.shape[0])
    train, test = train_test_split(
        indices,
        test_size=HOLDOUT_SHARE,
        random_state=SPLIT_SEED,
        stratify=dataset.any_failure,
    )
    return np.sort(train), np.sort(test)
