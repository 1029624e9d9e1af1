"""Whether a predicted failure is worth a visit now: by expected cost, not by a fixed line.

Waiting costs what a breakdown costs, weighed by its probability before the device's next
planned visit: the repair premium (a breakdown's urgent call-out and, often, a second visit
for parts) and the customer's days without the appliance, which weigh more for a care home
than for a family. A visit now costs a planned visit. Open the case when waiting costs more.
The rates are configuration (``KLANTREIS_PREDICT_*``); docs/PREDICTION.md says where the
defaults come from. Probabilities are first moved to the fleet being scored when its failure
rate differs from the fleet the model learned on (a prior shift on the odds).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from klantreis.core.customer import Persona
from klantreis.core.domain_errors import InvalidValue


def _default_downtime() -> dict[Persona, float]:
    return {
        Persona.FAMILY: 25.0,
        Persona.SINGLE_SENIOR: 40.0,
        Persona.BUSINESS: 100.0,
        Persona.INSTITUTION: 150.0,
    }


@dataclass(frozen=True, slots=True)
class VisitEconomics:
    visit_euro: float = 75.0  # a planned visit: 1.5 h at 45 euro and 12 km at 0.35
    repair_premium_euro: float = 75.0  # a breakdown's extra: the urgent call-out, parts trip
    downtime_days: float = 4.0  # how long a broken appliance waits for its repair
    downtime_euro_per_day: Mapping[Persona, float] = field(default_factory=_default_downtime)

    def __post_init__(self) -> None:
        for name in ("visit_euro", "repair_premium_euro", "downtime_days"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise InvalidValue(name, f"{value} is not a non-negative amount")
        if self.visit_euro == 0:
            raise InvalidValue("visit_euro", "a visit costs something")
        missing = sorted(p.value for p in Persona if p not in self.downtime_euro_per_day)
        if missing:
            raise InvalidValue("downtime_euro_per_day", f"no rate for {', '.join(missing)}")

    def failure_euro(self, persona: Persona) -> float:
        """What a breakdown costs beyond the visit it needs anyway."""
        return self.repair_premium_euro + self.downtime_days * self.downtime_euro_per_day[persona]

    def cost_of_waiting(self, p_fail: float, persona: Persona) -> float:
        return p_fail * self.failure_euro(persona)

    def worth_a_visit(self, p_fail: float, persona: Persona) -> bool:
        return self.cost_of_waiting(p_fail, persona) > self.visit_euro

    def break_even(self, persona: Persona) -> float:
        """The probability above which a visit pays for this persona."""
        return min(1.0, self.visit_euro / self.failure_euro(persona))


def shifted(p: float, trained_rate: float, fleet_rate: float) -> float:
    """``p`` learned where failures had ``trained_rate``, moved to a fleet whose rate is
    ``fleet_rate`` (Saerens et al. 2002: scale the odds by the ratio of the priors' odds)."""
    if not (0.0 < trained_rate < 1.0 and 0.0 < fleet_rate < 1.0):
        raise InvalidValue("rate", "base rates must lie strictly between 0 and 1")
    ratio = (fleet_rate / (1 - fleet_rate)) / (trained_rate / (1 - trained_rate))
    return p * ratio / (p * ratio + (1 - p))


def fleet_rate(
    failures: int,
    device_days: float,
    horizon_days: float,
    prior_rate: float,
    prior_failures: float = 5.0,
) -> float:
    """P(a device fails within the horizon) in the fleet being scored: its own failures per
    device-day, shrunk towards the training fleet's rate as if that had been seen with
    ``prior_failures`` failures (a gamma prior), so a young fleet is not judged by chance."""
    if failures < 0 or device_days < 0:
        raise InvalidValue("failures", "counts cannot be negative")
    prior_per_day = -math.log(1 - prior_rate) / horizon_days
    prior_days = prior_failures / prior_per_day
    per_day = (failures + prior_failures) / (device_days + prior_days)
    return 1 - math.exp(-per_day * horizon_days)
