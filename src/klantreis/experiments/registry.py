"""Experiments as declared before they start (TOML), checked when read."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from klantreis.core.domain_errors import InvalidValue
from klantreis.core.toml_files import read_toml
from klantreis.experiments.model import Experiment


@dataclass(frozen=True, slots=True)
class Declared:
    experiment: Experiment
    metric: str
    baseline: float
    minimum_effect: float


def load_experiments(path: Path | None = None) -> list[Declared]:
    packaged = resources.files("klantreis.experiments") / "data" / "experiments.toml"
    document, name = read_toml(path, packaged)
    declared = []
    for number, entry in enumerate(document.get("experiment", []), start=1):
        try:
            baseline, effect = float(entry["baseline"]), float(entry["minimum_effect"])
            if not 0 < baseline < 1 or not 0 < baseline + effect < 1 or effect == 0:
                raise ValueError("baseline and baseline + minimum_effect must be rates in (0, 1)")
            declared.append(
                Declared(
                    Experiment(
                        str(entry["key"]),
                        tuple(str(v) for v in entry["variants"]),
                        tuple(float(w) for w in entry["weights"]),
                    ),
                    str(entry["metric"]),
                    baseline,
                    effect,
                )
            )
        except KeyError as missing:
            raise ValueError(f"{name}: experiment {number} lacks {missing}") from None
        except (InvalidValue, TypeError, ValueError) as error:
            raise ValueError(f"{name}: experiment {number}: {error}") from None
    return declared
