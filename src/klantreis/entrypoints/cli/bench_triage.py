"""``klantreis bench triage``: inbound intent accuracy on hand-written sets nobody trained on."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from typing import Any

import numpy as np
from sklearn.model_selection import GroupShuffleSplit

from klantreis.adapters.messaging.triage_model import (
    INTENTS,
    IntentClassifier,
    Labelled,
    load_labelled,
)
from klantreis.domain.messaging.language import detect_language
from klantreis.entrypoints.cli.bench import emit
from klantreis.sim.inbound import generate

TARGET = 0.90


def _per_intent(truth: list[str], predicted: list[str]) -> dict[str, float]:
    total, right = (
        Counter(truth),
        Counter(t for t, p in zip(truth, predicted, strict=True) if t == p),
    )
    return {i: round(right[i] / total[i], 3) for i in INTENTS if total[i]}


def bench_triage(splits: int = 10) -> None:
    """Trains on the development set plus the synthetic grammar; reports the final hold-out
    (never seen while building), the first hold-out, and grouped splits of the development set."""
    dev = load_labelled("dev")
    synthetic = [Labelled(t, i, lang, "synthetic") for t, i, lang in generate()]
    started = time.perf_counter()
    classifier = IntentClassifier([*dev, *synthetic])
    train_s = time.perf_counter() - started
    results: dict[str, Any] = {}
    for name in ("holdout2", "holdout"):
        held = load_labelled(name)
        if {h.group for h in held} & {d.group for d in dev}:
            raise SystemExit(f"{name} shares groups with the training data")
        predicted = classifier.predict([h.text for h in held])
        truth = [h.intent for h in held]
        results[name] = {
            "messages": len(held),
            "accuracy": round(
                float(np.mean([p == t for p, t in zip(predicted, truth, strict=True)])), 3
            ),
            "per_intent": _per_intent(truth, predicted),
            "language_accuracy": round(
                float(np.mean([detect_language(h.text).value == h.language for h in held])), 3
            ),
        }
    texts = [d.text for d in dev]
    intents = np.array([d.intent for d in dev])
    groups = [d.group for d in dev]
    accuracies = []
    for seed in range(splits):
        train, test = next(
            GroupShuffleSplit(1, test_size=0.25, random_state=seed).split(texts, intents, groups)
        )
        model = IntentClassifier([dev[i] for i in train] + synthetic)
        predicted = model.predict([texts[i] for i in test])
        accuracies.append(float(np.mean(np.array(predicted) == intents[test])))
    emit(
        "bench triage",
        {
            "name": "triage",
            "training_messages": len(dev),
            "synthetic_messages": len(synthetic),
            "train_s": round(train_s, 2),
            "accuracy": results["holdout2"]["accuracy"],
            "accuracy_target": TARGET,
            "meets_target": results["holdout2"]["accuracy"] >= TARGET,
            "accuracy_per_intent": results["holdout2"]["per_intent"],
            "holdout2": results["holdout2"],
            "holdout_first": results["holdout"],
            "dev_grouped_splits_mean_accuracy": round(statistics.mean(accuracies), 3),
            "dev_grouped_splits": [round(a, 3) for a in accuracies],
        },
    )
