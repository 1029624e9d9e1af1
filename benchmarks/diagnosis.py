"""``klantreis bench diagnosis``: the fleet model on the AI4I 2020 hold-out split."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from klantreis.cli.bench import emit
from klantreis.core.console import console
from klantreis.telemetry.fleet import ai4i
from klantreis.telemetry.fleet.model import FleetModel
from klantreis.telemetry.fleet.scores import evaluate

# Published figures on this data, checked at the address given; quoted beside ours.
PUBLISHED = [
    {
        "source": "Waghulde et al., 'Evaluating Machine Learning and Deep Learning Models for "
        "Predictive Maintenance: A Study Using the AI4I 2020 Dataset' (abstract)",
        "url": "https://jneonatalsurg.com/index.php/jns/article/view/7226",
        "figure": "F1 often above 0.995 across classifiers and failure types "
        "(their split; not ROC-AUC)",
    },
    {
        "source": "Matzka, AI4I 2020 (the dataset's paper, named in SOURCE.md)",
        "url": "https://archive.ics.uci.edu/dataset/601",
        "figure": "not quoted: its result tables could not be read from this machine",
    },
]


def bench_diagnosis(
    data: Annotated[Path, typer.Option(exists=True, dir_okay=False)] = Path(
        "../shared/data/pdm/ai4i2020/ai4i2020.csv"
    ),
    runs: Annotated[int, typer.Option(min=1, help="Timed trainings (the model is seeded)")] = 1,
    seed: int = 7,
) -> None:
    """Per failure mode: ROC-AUC, PR-AUC, recall at 90 % precision; against a logistic baseline."""
    dataset = ai4i.load(data)
    train, test = ai4i.holdout_split(dataset)
    if np.intersect1d(train, test).size or train.size + test.size != dataset.features.shape[0]:
        console.print("[red]the hold-out split leaks: train and test share rows[/red]")
        raise typer.Exit(2)
    labels = {m: dataset.labels[m][train] for m in ai4i.MODES}
    seconds, model = [], None
    for _ in range(runs):
        started = time.perf_counter()
        model = FleetModel.fit(
            dataset.features[train],
            labels,
            feature_set=ai4i.FEATURE_SET,
            feature_names=ai4i.FEATURE_NAMES,
            horizon_days=None,
            trained_at=datetime.now(UTC),
            seed=seed,
        )
        seconds.append(time.perf_counter() - started)
    assert model is not None
    predicted = model.predict(dataset.features[test])
    if any(not np.all((p >= 0) & (p <= 1)) for p in predicted.values()):
        console.print("[red]the model returned scores outside [0, 1][/red]")
        raise typer.Exit(2)
    ours = {m: evaluate(dataset.labels[m][test], predicted[m]) for m in ai4i.MODES}
    baseline = _baseline(dataset, train, test)
    figures = _figures(ours, baseline)
    figures.update(
        {
            "name": "diagnosis",
            "data": str(data),
            "holdout_share": ai4i.HOLDOUT_SHARE,
            "split_seed": ai4i.SPLIT_SEED,
            "model_seed": seed,
            "train_rows": int(train.size),
            "test_rows": int(test.size),
            "train_s": round(statistics.median(seconds), 2),
            "published": PUBLISHED,
        }
    )
    _table(ours, baseline)
    emit("bench diagnosis", figures)


def _baseline(dataset: ai4i.Dataset, train: np.ndarray, test: np.ndarray) -> dict[str, Any]:
    """The naive peer: a logistic regression per mode on the six measured columns only."""
    raw = dataset.features[:, : ai4i.MEASURED_COLUMNS]
    results = {}
    for mode in ai4i.MODES:
        peer = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
        peer.fit(raw[train], dataset.labels[mode][train])
        scores = peer.predict_proba(raw[test])[:, 1]
        results[mode] = evaluate(dataset.labels[mode][test], scores)
    return results


def _macro(results: dict[str, Any]) -> float:
    return round(float(np.mean([results[m]["roc_auc"] for m in ai4i.PREDICTABLE_MODES])), 4)


def _figures(ours: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    return {
        "macro_roc_auc": _macro(ours),
        "macro_modes": list(ai4i.PREDICTABLE_MODES),
        "roc_auc": {m: ours[m]["roc_auc"] for m in ai4i.MODES},
        "pr_auc": {m: ours[m]["pr_auc"] for m in ai4i.MODES},
        "recall_at_90_precision": {m: ours[m]["recall_at_90_precision"] for m in ai4i.MODES},
        "brier": {m: ours[m]["brier"] for m in ai4i.MODES},
        "rnf_roc_auc_reported_apart": ours["RNF"]["roc_auc"],
        "baseline_macro_roc_auc": _macro(baseline),
        "baseline_pr_auc": {m: baseline[m]["pr_auc"] for m in ai4i.MODES},
        "pr_auc_vs_baseline_ratio": round(
            float(np.mean([ours[m]["pr_auc"] for m in ai4i.PREDICTABLE_MODES]))
            / float(np.mean([baseline[m]["pr_auc"] for m in ai4i.PREDICTABLE_MODES])),
            2,
        ),
    }


def _table(ours: dict[str, Any], baseline: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title="AI4I 2020 hold-out, per failure mode (RNF is random by construction)")
    for column in ("mode", "failures", "ROC-AUC", "PR-AUC", "recall@90%P", "baseline PR-AUC"):
        table.add_column(column, justify="right")
    for mode in ai4i.MODES:
        r = ours[mode]
        table.add_row(
            mode,
            str(r["positives"]),
            f"{r['roc_auc']:.4f}",
            f"{r['pr_auc']:.3f}",
            f"{r['recall_at_90_precision']:.3f}",
            f"{baseline[mode]['pr_auc']:.3f}",
        )
    console.print(table)
