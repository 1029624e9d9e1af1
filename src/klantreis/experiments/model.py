"""Experiments: who sees which variant, decided by a hash so it never changes and needs no
storage; the household (customer) is the unit, so one home never sees two versions."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from klantreis.core.domain_errors import InvalidValue


@dataclass(frozen=True, slots=True)
class Experiment:
    key: str
    variants: tuple[str, ...]  # the first is the control
    weights: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.variants) < 2 or len(set(self.variants)) != len(self.variants):
            raise InvalidValue("variants", "need two or more distinct variants")
        if len(self.weights) != len(self.variants) or any(w <= 0 for w in self.weights):
            raise InvalidValue("weights", "need one positive weight per variant")


def bucket(experiment_key: str, unit_id: str) -> float:
    """A stable number in [0, 1) for this unit in this experiment (independent per key)."""
    digest = hashlib.sha256(f"{experiment_key}:{unit_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign(experiment: Experiment, unit_id: str) -> str:
    point = bucket(experiment.key, unit_id) * sum(experiment.weights)
    for variant, weight in zip(experiment.variants, experiment.weights, strict=True):
        if point < weight:
            return variant
        point -= weight
    return experiment.variants[-1]


def expected_shares(experiment: Experiment) -> Sequence[float]:
    total = sum(experiment.weights)
    return [w / total for w in experiment.weights]
