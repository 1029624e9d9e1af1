"""``klantreis bench triage``: inbound intent accuracy on a hand-written set nobody trained on."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

from klantreis.cli.bench import emit
from klantreis.inbound.language import detect_language
from klantreis.inbound.triage_model import (
    FINAL_TEST_SET,
    INTENTS,
    IntentClassifier,
    Labelled,
    load_labelled,
    training_messages,
)

TARGET = 0.90


def _accuracy(truth: list[str], predicted: list[str]) -> float:
    return round(float(np.mean([t == p for t, p in zip(truth, predicted, strict=True)])), 3)


def _per_intent(truth: list[str], predicted: list[str]) -> dict[str, float]:
    total = Counter(truth)
    right = Counter(t for t, p in zip(truth, predicted, strict=True) if t == p)
    return {i: round(right[i] / total[i], 3) for i in INTENTS if total[i]}


def _grouped_folds(messages: list[Labelled], folds: int) -> list[float]:
    intents = [m.intent for m in messages]
    found = []
    for train, test in GroupKFold(folds).split(messages, intents, [m.group for m in messages]):
        model = IntentClassifier([messages[i] for i in train])
        found.append(
            _accuracy([intents[i] for i in test], model.predict([messages[i].text for i in test]))
        )
    return found


def bench_triage(folds: int = 5) -> None:
    """Trains on every training set and reports the final hold-out (split off by a fixed rule
    and never seen while building), then grouped folds of the training sets."""
    training = training_messages()
    held = load_labelled(FINAL_TEST_SET)
    if {h.group for h in held} & {t.group for t in training}:
        raise SystemExit(f"{FINAL_TEST_SET} shares groups with the training data")
    if {h.text for h in held} & {t.text for t in training}:
        raise SystemExit(f"{FINAL_TEST_SET} shares messages with the training data")
    started = time.perf_counter()
    classifier = IntentClassifier(training)
    train_s = time.perf_counter() - started
    started = time.perf_counter()
    predicted = classifier.predict([h.text for h in held])
    per_message_ms = (time.perf_counter() - started) * 1000 / len(held)
    truth = [h.intent for h in held]
    per_intent = _per_intent(truth, predicted)
    accuracy = _accuracy(truth, predicted)
    per_language = {
        language: _accuracy(
            [t for t, h in zip(truth, held, strict=True) if h.language == language],
            [p for p, h in zip(predicted, held, strict=True) if h.language == language],
        )
        for language in ("nl", "en")
    }
    confusions = Counter(
        f"{t}->{p}" for t, p in zip(truth, predicted, strict=True) if t != p
    ).most_common()
    fold_accuracies = _grouped_folds(training, folds)
    result: dict[str, Any] = {
        "name": "triage",
        "training_messages": len(training),
        "train_s": round(train_s, 2),
        "final_test_set": FINAL_TEST_SET,
        "final_test_messages": len(held),
        "accuracy": accuracy,
        "accuracy_target": TARGET,
        "meets_target": accuracy >= TARGET,
        "macro_accuracy": round(statistics.mean(per_intent.values()), 3),
        "accuracy_per_intent": per_intent,
        "messages_per_intent": dict(Counter(truth)),
        "accuracy_per_language": per_language,
        "language_detection_accuracy": round(
            float(np.mean([detect_language(h.text).value == h.language for h in held])), 3
        ),
        "confusions": dict(confusions),
        "classify_ms_per_message": round(per_message_ms, 2),
        "training_grouped_folds_mean_accuracy": round(statistics.mean(fold_accuracies), 3),
        "training_grouped_folds": fold_accuracies,
    }
    emit("bench triage", result)
