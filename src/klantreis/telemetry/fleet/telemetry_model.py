"""The fleet model on one appliance kind's telemetry: trained with a hold-out of whole devices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np
from sklearn.model_selection import GroupShuffleSplit

from klantreis.telemetry.appliance_kinds import ApplianceKind
from klantreis.telemetry.failure_time import FailureTime
from klantreis.telemetry.fleet.model import FleetModel, ModelFileError, read_manifest
from klantreis.telemetry.fleet.scores import evaluate, reliability
from klantreis.telemetry.fleet_features import HORIZON, feature_names, feature_set
from klantreis.telemetry.ports import (
    FailurePredictor,
    ModelRejected,
    TrainedModel,
    TrainingSet,
)

HOLDOUT_SHARE = 0.25
SPLIT_SEED = 2026


class _Predictor:
    def __init__(self, model: FleetModel) -> None:
        self._model = model
        self._width = len(model.feature_names)
        self.modes = model.modes
        self.typical = [float(v) for v in model.training.get("typical", [])] or [0.0] * self._width

    def predict(self, rows: Sequence[Sequence[float]]) -> list[dict[str, float]]:
        scores = self._model.predict(np.array(rows, dtype=float).reshape(-1, self._width))
        return [{m: float(scores[m][i]) for m in self.modes} for i in range(len(rows))]

    def time_to_failure(self, rows: Sequence[Sequence[float]]) -> list[FailureTime | None]:
        found = self._model.predict_days(np.array(rows, dtype=float).reshape(-1, self._width))
        if found is None:
            return [None] * len(rows)
        medians, log_sigma = found
        return [FailureTime(max(float(m), 0.01), log_sigma) for m in medians]


def _any_failure(scores: dict[str, np.ndarray]) -> np.ndarray:
    survive = np.ones_like(next(iter(scores.values())))
    for p in scores.values():
        survive = survive * (1 - p)
    return 1 - survive


def _time_evaluation(
    model: FleetModel, features: np.ndarray, days: np.ndarray, train: np.ndarray, test: np.ndarray
) -> dict[str, object] | None:
    """On the held-out devices' rows a failure followed: the error of the estimated median
    days to failure, beside a naive estimate (the training rows' median)."""
    held = test[np.isfinite(days[test])]
    known = train[np.isfinite(days[train])]
    estimate = model.predict_days(features[held]) if held.size and known.size else None
    if estimate is None:
        return None
    truth = days[held]
    naive = np.full_like(truth, float(np.median(days[known])))
    return {
        "rows": int(held.size),
        "rmse_days": round(float(np.sqrt(np.mean((estimate[0] - truth) ** 2))), 3),
        "naive_rmse_days": round(float(np.sqrt(np.mean((naive - truth) ** 2))), 3),
        "log_sigma": round(estimate[1], 4),
    }


def _versus_champion(
    champion: bytes | None,
    kind: ApplianceKind,
    features: np.ndarray,
    failed: np.ndarray,
    challenger_scores: np.ndarray,
    moments: Sequence[datetime],
) -> dict[str, object] | None:
    """The champion and the challenger on the same held-out devices, by the Brier score of
    "some failure within the horizon" (the expected-cost decision needs calibrated
    probabilities, not only a good ranking), on the rows cut after the champion was trained:
    rows it learned from would flatter it. None when there is no champion."""
    if champion is None or failed.size == 0:
        return None
    try:
        reigning = FleetModel.from_bytes(
            champion, feature_set=feature_set(kind), feature_names=feature_names(kind)
        )
    except ModelFileError as error:
        return {"champion_usable": False, "reason": str(error), "promoted": True}
    unseen = np.array([moment > reigning.trained_at for moment in moments], dtype=bool)
    if not unseen.any():
        return {
            "champion_usable": False,
            "reason": "no held-out rows after the champion was trained",
            "promoted": True,
        }
    features, failed, challenger_scores = (
        features[unseen],
        failed[unseen],
        challenger_scores[unseen],
    )
    champion_scores = _any_failure(reigning.predict(features))
    champion_brier = float(np.mean((champion_scores - failed) ** 2))
    challenger_brier = float(np.mean((challenger_scores - failed) ** 2))
    return {
        "champion_usable": True,
        "rows": int(failed.size),
        "champion_brier": round(champion_brier, 6),
        "challenger_brier": round(challenger_brier, 6),
        "promoted": challenger_brier <= champion_brier,
    }


class SklearnModelCodec:
    def train(
        self, training: TrainingSet, trained_at: datetime, champion: bytes | None = None
    ) -> TrainedModel:
        features = np.array(training.rows, dtype=float)
        labels = {m: np.array(v) for m, v in training.labels.items()}
        splitter = GroupShuffleSplit(n_splits=1, test_size=HOLDOUT_SHARE, random_state=SPLIT_SEED)
        train, test = next(splitter.split(features, groups=np.array(training.groups)))
        days = np.array(
            [np.nan if d is None else d for d in training.days_to_failure]
            or [np.nan] * len(features),
            dtype=float,
        )
        groups = np.array(training.groups)
        model = FleetModel.fit(
            features[train],
            {m: y[train] for m, y in labels.items()},
            feature_set=feature_set(training.kind),
            feature_names=feature_names(training.kind),
            horizon_days=HORIZON.days,
            trained_at=trained_at,
            days_to_failure=days[train],
            groups=groups[train],
        )
        predicted = model.predict(features[test])
        failed = np.zeros(len(features), dtype=int)
        for y in labels.values():
            failed |= y
        model.evaluation = {
            "split": "whole devices held out",
            "holdout_share": HOLDOUT_SHARE,
            "split_seed": SPLIT_SEED,
            "test_rows": int(test.size),
            "modes": {m: evaluate(labels[m][test], predicted[m]) for m in model.modes},
            "any_failure": evaluate(failed[test], _any_failure(predicted)),
            "reliability": reliability(failed[test], _any_failure(predicted)),
            "time_to_failure": _time_evaluation(model, features, days, train, test),
            "versus_champion": _versus_champion(
                champion,
                training.kind,
                features[test],
                failed[test],
                _any_failure(predicted),
                [training.moments[i] for i in test] if training.moments else [],
            ),
        }
        healthy = features[train][failed[train] == 0]
        model.training["typical"] = [round(float(v), 4) for v in np.median(healthy, axis=0)]
        model.training["devices"] = int(np.unique(np.array(training.groups)[train]).size)
        model.training["devices_reporting"] = training.devices_reporting
        artifact = model.to_bytes()
        return TrainedModel(artifact, read_manifest(artifact).model_dump(mode="json"))

    def load(self, artifact: bytes, kind: ApplianceKind) -> FailurePredictor:
        try:
            model = FleetModel.from_bytes(
                artifact, feature_set=feature_set(kind), feature_names=feature_names(kind)
            )
        except ModelFileError as error:
            raise ModelRejected(str(error)) from None
        return _Predictor(model)
