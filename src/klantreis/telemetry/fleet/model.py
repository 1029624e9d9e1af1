"""The fleet failure model and its file.

One calibrated gradient-boosting classifier per failure mode, trained across every device of
the feature set: P(mode m fails within the horizon | features); and one gradient-boosting
regressor of the log of the time to failure, on the rows a failure followed, whose
out-of-fold residuals give the spread (see domain/failure_time.py). The file is a zip with a
``manifest.json`` (what the model expects and how it scored) and the estimators; loading
checks the manifest against the schema and the features the caller will pass, so a model for
other features is refused with a message, not applied to the wrong columns.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Literal

import joblib
import numpy as np
import sklearn
from pydantic import BaseModel, ConfigDict, ValidationError
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.model_selection import GroupKFold, cross_val_predict

FORMAT: Final = "klantreis-fleet-model"
SCHEMA_VERSION: Final = 2  # 2: the time-to-failure regressor beside the classifiers
# Below this many failures a mode cannot be learned or calibrated; it gets the base rate.
MIN_POSITIVES = 6
# Below this many rows before a failure (or devices) the time to failure is not estimated.
MIN_TIME_ROWS = 30
MIN_TIME_DEVICES = 6


class ModelFileError(ValueError):
    """A model file that cannot be used, with the reason in words."""


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["klantreis-fleet-model"]
    schema_version: Literal[2]
    feature_set: str
    feature_names: list[str]
    modes: list[str]
    horizon_days: int | None
    trained_at: datetime
    training: dict[str, Any]
    evaluation: dict[str, Any]
    time_to_failure: dict[str, Any] | None  # its log spread and training rows; None: no head
    sklearn_version: str
    estimators_sha256: str


def _positive_share(estimator: Any, features: np.ndarray) -> np.ndarray:
    """P(failure) per row; 0 from a mode that never failed where the model learned (its
    estimator knows one class only)."""
    classes = list(estimator.classes_)
    if 1 not in classes:
        return np.zeros(features.shape[0])
    return np.asarray(estimator.predict_proba(features)[:, classes.index(1)])


def _classifier(seed: int) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=300,
        learning_rate=0.05,
        max_leaf_nodes=15,
        l2_regularization=1.0,
        random_state=seed,
    )


@dataclass
class FleetModel:
    feature_set: str
    feature_names: tuple[str, ...]
    modes: tuple[str, ...]
    horizon_days: int | None
    trained_at: datetime
    estimators: dict[str, Any]
    training: dict[str, Any] = field(default_factory=dict)
    evaluation: dict[str, Any] = field(default_factory=dict)
    time_regressor: Any = None  # log(days to failure | a failure comes)
    time_to_failure: dict[str, Any] | None = None  # {"log_sigma": ..., "rows": ...}

    @classmethod
    def fit(
        cls,
        features: np.ndarray,
        labels: dict[str, np.ndarray],
        *,
        feature_set: str,
        feature_names: tuple[str, ...],
        horizon_days: int | None,
        trained_at: datetime,
        seed: int = 7,
        days_to_failure: np.ndarray | None = None,
        groups: np.ndarray | None = None,
    ) -> FleetModel:
        """``days_to_failure`` (NaN where none followed) and ``groups`` (each row's device)
        train the time-to-failure head; without them the model has none."""
        if features.shape[1] != len(feature_names):
            raise ValueError(f"{features.shape[1]} feature columns for {len(feature_names)} names")
        estimators: dict[str, Any] = {}
        for mode, truth in labels.items():
            if int(truth.sum()) < MIN_POSITIVES:
                estimator: Any = DummyClassifier(strategy="prior")
            else:
                # Sigmoid calibration: isotonic steps tie scores and cost ranking on rare modes.
                estimator = CalibratedClassifierCV(_classifier(seed), method="sigmoid", cv=3)
            estimators[mode] = estimator.fit(features, truth)
        regressor, time_head = None, None
        if days_to_failure is not None and groups is not None:
            regressor, time_head = _fit_time_to_failure(features, days_to_failure, groups, seed)
        return cls(
            feature_set=feature_set,
            feature_names=feature_names,
            modes=tuple(labels),
            horizon_days=horizon_days,
            trained_at=trained_at,
            estimators=estimators,
            training={
                "rows": int(features.shape[0]),
                "positives": {m: int(t.sum()) for m, t in labels.items()},
                "rows_with_a_failure": _rows_with_a_failure(labels),
                "seed": seed,
            },
            time_regressor=regressor,
            time_to_failure=time_head,
        )

    def predict_days(self, features: np.ndarray) -> tuple[np.ndarray, float] | None:
        """The median days to failure per row (given one comes), and the log spread; None
        when the model has no time-to-failure head."""
        if self.time_regressor is None or self.time_to_failure is None:
            return None
        if features.shape[0] == 0:
            return np.zeros(0), float(self.time_to_failure["log_sigma"])
        medians = np.exp(self.time_regressor.predict(features))
        return medians, float(self.time_to_failure["log_sigma"])

    def predict(self, features: np.ndarray) -> dict[str, np.ndarray]:
        """Per mode, the calibrated probability of that failure within the horizon."""
        if features.ndim != 2 or features.shape[1] != len(self.feature_names):
            raise ValueError(f"expected {len(self.feature_names)} feature columns")
        if features.shape[0] == 0:
            return {mode: np.zeros(0) for mode in self.modes}
        return {m: _positive_share(self.estimators[m], features) for m in self.modes}

    def manifest(self, estimators_sha256: str) -> Manifest:
        return Manifest(
            format=FORMAT,
            schema_version=SCHEMA_VERSION,
            feature_set=self.feature_set,
            feature_names=list(self.feature_names),
            modes=list(self.modes),
            horizon_days=self.horizon_days,
            trained_at=self.trained_at,
            training=self.training,
            evaluation=self.evaluation,
            time_to_failure=self.time_to_failure,
            sklearn_version=sklearn.__version__,
            estimators_sha256=estimators_sha256,
        )

    def to_bytes(self) -> bytes:
        payload = io.BytesIO()
        joblib.dump({"modes": self.estimators, "time": self.time_regressor}, payload, compress=3)
        estimators = payload.getvalue()
        manifest = self.manifest(hashlib.sha256(estimators).hexdigest())
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("manifest.json", manifest.model_dump_json(indent=2))
            bundle.writestr("estimators.joblib", estimators)
        return archive.getvalue()

    @classmethod
    def from_bytes(
        cls, data: bytes, *, feature_set: str, feature_names: tuple[str, ...]
    ) -> FleetModel:
        """Load a model file, refusing one that does not fit the features we will pass it.

        The estimators are unpickled, so load only files this system wrote (the checksum in
        the manifest guards against damage, not against a forger).
        """
        manifest = read_manifest(data)
        if manifest.feature_set != feature_set:
            raise ModelFileError(
                f"the model is for feature set '{manifest.feature_set}', not '{feature_set}'"
            )
        if tuple(manifest.feature_names) != feature_names:
            missing = sorted(set(feature_names) - set(manifest.feature_names))
            unknown = sorted(set(manifest.feature_names) - set(feature_names))
            raise ModelFileError(
                "the model's features do not match this version's "
                f"(missing: {missing or 'none'}; unknown: {unknown or 'none'}; "
                "or in another order): retrain it with `klantreis model train`"
            )
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            estimators_bytes = bundle.read("estimators.joblib")
        if hashlib.sha256(estimators_bytes).hexdigest() != manifest.estimators_sha256:
            raise ModelFileError("the estimators do not match the manifest's checksum")
        stored = joblib.load(io.BytesIO(estimators_bytes))
        estimators = stored.get("modes") if isinstance(stored, dict) else None
        if not isinstance(estimators, dict) or set(estimators) != set(manifest.modes):
            raise ModelFileError("the estimators do not cover the manifest's failure modes")
        if (stored.get("time") is None) != (manifest.time_to_failure is None):
            raise ModelFileError("the time-to-failure estimator does not match the manifest")
        return cls(
            feature_set=manifest.feature_set,
            feature_names=tuple(manifest.feature_names),
            modes=tuple(manifest.modes),
            horizon_days=manifest.horizon_days,
            trained_at=manifest.trained_at,
            estimators=estimators,
            training=manifest.training,
            evaluation=manifest.evaluation,
            time_regressor=stored.get("time"),
            time_to_failure=manifest.time_to_failure,
        )


def _rows_with_a_failure(labels: dict[str, np.ndarray]) -> int:
    if not labels:
        return 0
    return int(np.any(np.column_stack(list(labels.values())), axis=1).sum())


def _fit_time_to_failure(
    features: np.ndarray, days: np.ndarray, groups: np.ndarray, seed: int
) -> tuple[Any, dict[str, Any] | None]:
    """A regressor of log(days) on the rows a failure followed, and the spread of its
    out-of-fold residuals (folds of whole devices, so the spread is not flattered)."""
    before = np.isfinite(days) & (days > 0)
    devices = np.unique(groups[before])
    if int(before.sum()) < MIN_TIME_ROWS or devices.size < MIN_TIME_DEVICES:
        return None, None
    x, y, g = features[before], np.log(days[before]), groups[before]
    out_of_fold = cross_val_predict(_regressor(seed), x, y, groups=g, cv=GroupKFold(n_splits=3))
    log_sigma = float(np.std(y - out_of_fold))
    head = {
        "log_sigma": round(log_sigma, 4),
        "rows": int(before.sum()),
        "devices": int(devices.size),
    }
    return _regressor(seed).fit(x, y), head


def _regressor(seed: int) -> HistGradientBoostingRegressor:
    return HistGradientBoostingRegressor(
        max_iter=200,
        learning_rate=0.05,
        max_leaf_nodes=15,
        l2_regularization=1.0,
        random_state=seed,
    )


def read_manifest(data: bytes) -> Manifest:
    """The manifest of a model file; ``ModelFileError`` says what is wrong with it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            names = set(bundle.namelist())
            if not {"manifest.json", "estimators.joblib"} <= names:
                raise ModelFileError(
                    "not a Klantreis model file: it needs manifest.json and estimators.joblib"
                )
            raw = bundle.read("manifest.json")
    except zipfile.BadZipFile:
        raise ModelFileError("not a Klantreis model file (not a zip archive)") from None
    try:
        document = json.loads(raw)
    except ValueError as error:
        raise ModelFileError(f"manifest.json is not JSON: {error}") from None
    found = document.get("schema_version") if isinstance(document, dict) else None
    if isinstance(found, int) and found != SCHEMA_VERSION:
        raise ModelFileError(
            f"the model file has schema {found}; this version reads schema {SCHEMA_VERSION}: "
            "retrain it with `klantreis model train`"
        )
    try:
        return Manifest.model_validate(document)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'manifest'}: {e['msg']}"
            for e in error.errors()[:5]
        )
        raise ModelFileError(f"manifest.json does not match the model schema: {problems}") from None
