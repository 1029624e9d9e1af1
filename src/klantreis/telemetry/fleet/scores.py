"""How well a failure model ranks and how far its alarms can be trusted."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    precision_recall_curve,
    roc_auc_score,
)


def recall_at_precision(truth: np.ndarray, scores: np.ndarray, precision: float) -> float:
    """The largest share of failures caught while at least ``precision`` of alarms are right."""
    precisions, recalls, _ = precision_recall_curve(truth, scores)
    reachable = recalls[precisions >= precision]
    return float(reachable.max()) if reachable.size else 0.0


def evaluate(truth: np.ndarray, scores: np.ndarray) -> dict[str, Any]:
    positives = int(truth.sum())
    if positives == 0 or positives == truth.size:
        return {"positives": positives, "roc_auc": None, "pr_auc": None}
    return {
        "positives": positives,
        "roc_auc": round(float(roc_auc_score(truth, scores)), 4),
        "pr_auc": round(float(average_precision_score(truth, scores)), 4),
        "recall_at_90_precision": round(recall_at_precision(truth, scores, 0.9), 4),
        "brier": round(float(brier_score_loss(truth, scores)), 5),
    }


def reliability(truth: np.ndarray, scores: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """The reliability diagram's points (per band of predicted probability: its rows, the
    mean prediction and the share that failed) and the expected against the realised
    failures over all rows: a calibrated model's points lie on the diagonal."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    band = np.clip(np.digitize(scores, edges[1:-1]), 0, bins - 1)
    points = []
    for n in range(bins):
        rows = band == n
        if rows.any():
            points.append(
                {
                    "low": round(float(edges[n]), 2),
                    "high": round(float(edges[n + 1]), 2),
                    "rows": int(rows.sum()),
                    "mean_predicted": round(float(scores[rows].mean()), 4),
                    "observed": round(float(truth[rows].mean()), 4),
                }
            )
    return {
        "points": points,
        "expected_failures": round(float(scores.sum()), 1),
        "realised_failures": int(truth.sum()),
    }
