"""Self-diagnosis: from fault codes and signal patterns to a likely cause and what the visit needs.

The rule book is data (adapters/fleet/data/appliances.toml): per kind and brand a fault code
names a cause; each cause says how urgent it is, which skill and how long it takes, and which
parts the technician should bring. Signal rules read a window of recent readings for the same
causes before the appliance raises a code of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from klantreis.telemetry.appliance_kinds import (
    OTHER_MODE,
    ApplianceKind,
    Catalogue,
    Cause,
    Statistic,
    Urgency,
)
from klantreis.telemetry.readings import Reading


@dataclass(frozen=True, slots=True)
class Diagnosis:
    cause: Cause
    explanation: tuple[str, ...]

    @property
    def urgent(self) -> bool:
        return self.cause.urgency is not Urgency.PLANNED


def diagnose_fault(
    catalogue: Catalogue, kind: ApplianceKind, model: str, fault_code: str
) -> Diagnosis:
    """The cause behind a fault code; a code missing from the rule book still gets a visit."""
    key = kind.codes_for(model).get(fault_code.upper())
    if key is not None:
        return Diagnosis(catalogue.cause(key), (f"{model} reported fault code {fault_code}",))
    unknown = Cause(
        "unknown_fault",
        f"fault code {fault_code} is not in the rule book for {model}",
        OTHER_MODE,
        Urgency.SOON,
        kind.skill,
        60,
    )
    return Diagnosis(unknown, (f"{model} reported fault code {fault_code} (not in the rule book)",))


def _statistic(values: Sequence[float], statistic: Statistic) -> float:
    if statistic is Statistic.MIN:
        return min(values)
    if statistic is Statistic.MAX:
        return max(values)
    return sum(values) / len(values)


def diagnose_signals(
    catalogue: Catalogue, kind: ApplianceKind, readings: Sequence[Reading]
) -> list[Diagnosis]:
    """Causes a window of readings points at, most urgent first; empty when all looks healthy."""
    found: list[Diagnosis] = []
    for rule in kind.signals:
        values = [v for r in readings if (v := r.value(rule.signal, kind)) is not None]
        if not values:
            continue
        value = _statistic(values, rule.statistic)
        if rule.fires(value):
            found.append(Diagnosis(catalogue.cause(rule.cause), (rule.note.format(value=value),)))
    order = list(Urgency)
    return sorted(found, key=lambda d: order.index(d.cause.urgency))


def cause_for_mode(
    catalogue: Catalogue, kind: ApplianceKind, mode: str, signals: Sequence[Diagnosis]
) -> Cause:
    """The cause to plan for when the model predicts ``mode``: the signals' if they agree."""
    for diagnosis in signals:
        if diagnosis.cause.mode == mode:
            return diagnosis.cause
    return catalogue.cause(kind.mode_causes.get(mode, kind.inspection))


def code_for_mode(catalogue: Catalogue, kind: ApplianceKind, model: str, mode: str) -> str | None:
    """A fault code this model raises when ``mode`` fails (the simulator's), if it has one."""
    for code, key in kind.codes_for(model).items():
        if catalogue.cause(key).mode == mode:
            return code
    return None
